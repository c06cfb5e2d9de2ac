#!/usr/bin/env bash
# Two exhibit screens kept in step by the clock alone (`exhibit: (sync: Clock)`): runs two
# `lectern exhibit` processes on two Xvfb displays (1920x1080, each with openbox when it is
# installed) for DURATION seconds (default 600) on a generated deck of short slides, logs when
# each drew every slide change (wall clock, ms) and prints how far apart the two screens
# changed: pairs, median, 95th percentile and largest gap. The screens share this machine's
# clock, so this measures Lectern's own timing (how exactly a screen changes when the clock
# says); machines kept by chrony add their clock offset (typically well under 1 ms on a LAN).
# Usage: scripts/clock-sync.sh [DURATION]   Needs: xvfb (apt); openbox optional.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-600}
cargo build --release --quiet
work=$(mktemp -d)
XDG_RUNTIME_DIR=$(mktemp -d) && chmod 700 "$XDG_RUNTIME_DIR" && export XDG_RUNTIME_DIR
slides=""
for i in 1 2 3 4 5 6; do
  slides+="Section(title: \"Screen slide $i\", duration: 3),"
done
cat >"$work/deck.ron" <<RON
(title: "Clock sync", exhibit: (sync: Clock, transition: Crossfade, transition_seconds: 0.5), slides: [$slides])
RON
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
for n in 1 2; do
  display=:$((80 + n))
  Xvfb "$display" -screen 0 1920x1080x24 >/dev/null 2>&1 &
  pids+=($!)
  sleep 1
  if command -v openbox >/dev/null; then
    DISPLAY=$display openbox >/dev/null 2>&1 &
    pids+=($!)
  fi
  DISPLAY=$display ./target/release/lectern exhibit "$work/deck.ron" --no-supervisor --log-frames \
    2>"$work/screen$n.log" &
  pids+=($!)
done
sleep "$duration"
kill "${pids[@]}" 2>/dev/null || true
wait 2>/dev/null || true
python3 - "$work/screen1.log" "$work/screen2.log" "$duration" <<'PY'
import re, sys, statistics
def changes(path):
    found = []
    for line in open(path, errors="replace"):
        m = re.search(r"slide change (\d+) -> (\d+) at (\d+) ms", line)
        if m:
            found.append((int(m.group(2)), int(m.group(3))))
    # The first is the screen joining the clock when it starts, not a change the clock made.
    return found[1:]
a, b = changes(sys.argv[1]), changes(sys.argv[2])
gaps = []
for slide, at in a:
    near = [abs(at - t) for s, t in b if s == slide and abs(at - t) < 1500]
    if near:
        gaps.append(min(near))
if not gaps:
    sys.exit(f"no paired slide changes (screen 1: {len(a)}, screen 2: {len(b)})")
gaps.sort()
p95 = gaps[min(len(gaps) - 1, int(0.95 * len(gaps)))]
print(f"clock sync over {sys.argv[3]} s: {len(a)} and {len(b)} slide changes, {len(gaps)} paired")
print(f"gap between the screens: median {statistics.median(gaps):.0f} ms, p95 {p95} ms, max {gaps[-1]} ms")
print(f"within one frame (< 20 ms): {sum(g < 20 for g in gaps)} of {len(gaps)}")
PY
