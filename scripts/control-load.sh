#!/usr/bin/env bash
# Show control under load: an exhibit (1920x1080 Xvfb with openbox, a clock-synced loop of
# 3 s slides with 0.5 s crossfades) runs a minute untouched, then a minute while
# examples/control_load.rs sends 1,000 GET /v1/status and 100 commands a second over
# keep-alive connections. The commands are gotos of a slide the deck does not have: each
# reaches the window's UI thread and is answered there (404) without moving the screen, so
# the loop's own timing can be compared. For each minute it prints the show's CPU, its
# memory (PSS) at the start and end, the frames drawn, how late each slide change was against
# the clock (changes are due on 500 ms boundaries), and the longest gap between frames
# inside a transition.
# Usage: scripts/control-load.sh [SECONDS]   Needs: xvfb (apt); openbox optional.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
cargo build --release --quiet
cargo build --release --quiet --example control_load
work=$(mktemp -d)
XDG_RUNTIME_DIR=$(mktemp -d) && chmod 700 "$XDG_RUNTIME_DIR" && export XDG_RUNTIME_DIR
slides=""
for i in 1 2 3 4 5 6; do slides+="Section(title: \"Loaded slide $i\", duration: 3),"; done
echo "(title: \"Load\", exhibit: (sync: Clock, transition_seconds: 0.5), slides: [$slides])" >"$work/deck.ron"
display=:83
Xvfb "$display" -screen 0 1920x1080x24 >/dev/null 2>&1 &
pids=($!)
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
if command -v openbox >/dev/null; then DISPLAY=$display openbox >/dev/null 2>&1 & pids+=($!); fi
address=127.0.0.1:7399
DISPLAY=$display ./target/release/lectern exhibit "$work/deck.ron" --no-supervisor --log-frames \
  --control "$address" 2>"$work/show.log" &
show=$!
pids+=($show)
sleep 5
ticks() { awk '{print $14 + $15}' "/proc/$show/stat"; }
pss() { awk '/^Pss:/ {print $2}' "/proc/$show/smaps_rollup"; }
now_ms() { date +%s%3N; }
phase() { # NAME COMMAND...
  local name=$1; shift
  local t0 m0 a0 t1 m1 a1
  t0=$(ticks); m0=$(pss); a0=$(now_ms)
  "$@"
  t1=$(ticks); m1=$(pss); a1=$(now_ms)
  echo "$name $a0 $a1 $(( t1 - t0 )) $m0 $m1" >>"$work/phases"
}
phase quiet sleep "$seconds"
phase loaded ./target/release/examples/control_load "$address" "$seconds" 1000 100 /v1/goto '{"slide": 9999}' \
  | tee "$work/load.txt"
python3 - "$work/show.log" "$work/phases" "$(getconf CLK_TCK)" <<'PY'
import re, sys
log, phases, hz = sys.argv[1], sys.argv[2], int(sys.argv[3])
frames, changes = [], []
for line in open(log, errors="replace"):
    if m := re.match(r"lectern: frame \d+ .* at (\d+) ms", line):
        frames.append(int(m.group(1)))
    elif m := re.search(r"slide change \d+ -> \d+ at (\d+) ms", line):
        changes.append(int(m.group(1)))
print(f"{'minute':8} {'CPU %':>6} {'PSS MiB start→end':>18} {'frames':>7} {'changes':>7} {'late ms p50/max':>16} {'gap in transition max ms':>25}")
for row in open(phases):
    name, a0, a1, ticks, m0, m1 = row.split()
    a0, a1 = int(a0), int(a1)
    cpu = 100 * int(ticks) / hz / ((a1 - a0) / 1000)
    inside = [c for c in changes if a0 <= c < a1]
    late = sorted(min(c % 500, 500 - c % 500) for c in inside) or [0]
    gaps = []
    for c in inside:
        shown = [f for f in frames if c <= f <= c + 500]
        gaps += [b - a for a, b in zip(shown, shown[1:])]
    n = sum(1 for f in frames if a0 <= f < a1)
    print(f"{name:8} {cpu:6.1f} {int(m0)/1024:8.1f} → {int(m1)/1024:6.1f} {n:7} {len(inside):7} {late[len(late)//2]:7}/{late[-1]:<8} {max(gaps or [0]):25}")
PY
