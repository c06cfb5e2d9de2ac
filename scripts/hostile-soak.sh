#!/usr/bin/env bash
# An exhibit soak with hostile clients in bursts: the real show under Xvfb (the bundled deck,
# every slide $DWELL s with a $TRANSITION s crossfade, show control with a token, at most
# 1,024 descriptors), every $BURST_EVERY s a burst of every case of hostile-control.py
# (watch-only: the loop must move by itself afterwards); meanwhile a desk polls the status
# four times a second. At the end: the show's memory and descriptors over the run (sampled
# every 30 s), every slide change the desk saw and whether it came on time (a gap longer than
# dwell + transition + 1 s while no visitor held the loop is late), and whether the show
# lived throughout.
#   scripts/hostile-soak.sh [SECONDS]     default 3600
# Env: LECTERN_BIN (default ./target/release/lectern), PORT (7600), DISPLAY_NUMBER (88),
# BURST_EVERY (300), DWELL (5), TRANSITION (0.5). Needs: xvfb, xdotool (apt), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
port=${PORT:-7600}
token=soak-token-$RANDOM$RANDOM$RANDOM
export DISPLAY_NUMBER=${DISPLAY_NUMBER:-88}
binary=${LECTERN_BIN:-./target/release/lectern}
[ -x "$binary" ] || cargo build --release --quiet
# Only the show gets the common 1,024-descriptor limit; the clients need more than that.
limited=$(mktemp) && printf '#!/bin/sh\nulimit -n 1024\nexec %s "$@"\n' "$(realpath "$binary")" > "$limited" && chmod +x "$limited"
export LECTERN_BIN=$limited
. scripts/xvfb-app.sh
APP_STDERR=${APP_STDERR:-/tmp/hostile-soak-app.log}
set +e
start_app exhibit --no-supervisor --dwell "${DWELL:-5}" --transition-seconds "${TRANSITION:-0.5}" \
  --control "127.0.0.1:$port" --osc "127.0.0.1:$((port + 1))" --control-token "$token"
set -e
python3 - "$app" "$port" "$token" "$seconds" "${BURST_EVERY:-300}" "${DWELL:-5}" "${TRANSITION:-0.5}" <<'PY'
import json, os, subprocess, sys, threading, time, urllib.request
pid, port, token, seconds, every, dwell, transition = sys.argv[1:8]
pid, seconds, every, expected = int(pid), float(seconds), float(every), float(dwell) + float(transition)
def status():
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/status", headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=1) as answer:
            return json.load(answer)
    except Exception:
        return None
def vitals():
    try:
        rss = next(int(l.split()[1]) for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")) / 1024
        return rss, len(os.listdir(f"/proc/{pid}/fd"))
    except (OSError, StopIteration):
        return None, None
samples, changes, misses, stop = [], [], [0, 0], threading.Event()
def desk():
    last = None
    while not stop.is_set():
        s = status()
        misses[0] += 1
        if s is None:
            misses[1] += 1
        else:
            visitor = bool((s.get("exhibit") or {}).get("visitor_active"))
            if s.get("slide") != last:
                changes.append((time.monotonic(), s.get("slide"), visitor))
                last = s.get("slide")
            elif visitor and changes:
                changes[-1] = (changes[-1][0], changes[-1][1], True)
        time.sleep(0.25)
threading.Thread(target=desk, daemon=True).start()
start, bursts = time.monotonic(), []
def attack():
    """A burst of every case, then a pause of `every` seconds, until the run ends."""
    stop.wait(60)
    while not stop.is_set():
        t = time.monotonic()
        out = subprocess.run(["python3", "scripts/hostile-control.py", "--pid", str(pid), "--port", port,
                              "--osc-port", str(int(port) + 1), "--token", token, "--watch-only"],
                             capture_output=True, text=True)
        lines = [l for l in out.stdout.splitlines() if l.strip()]
        ok = sum(1 for l in lines if "desk-status=OK" in l and "advanced=yes" in l)
        bursts.append((t - start, ok, len(lines), out.returncode))
        print(f"{t - start:7.0f} s  burst: {ok}/{len(lines)} cases passed ({time.monotonic() - t:.0f} s)", flush=True)
        for l in lines:
            if not ("desk-status=OK" in l and "advanced=yes" in l):
                print(f"          {l}", flush=True)
        stop.wait(every)
threading.Thread(target=attack, daemon=True).start()
next_sample = start
while time.monotonic() - start < seconds and os.path.exists(f"/proc/{pid}"):
    rss, fds = vitals()
    if rss is not None:
        samples.append((time.monotonic() - start, rss, fds))
        print(f"{time.monotonic() - start:7.0f} s  rss {rss:7.1f} MiB  fds {fds}", flush=True)
    next_sample += 30
    time.sleep(max(0, next_sample - time.monotonic()))
stop.set()
alive = os.path.exists(f"/proc/{pid}")
gaps = [(b[0] - a[0], a[2] or b[2]) for a, b in zip(changes, changes[1:])]
timed = [g for g, visited in gaps if not visited]
late = [g for g in timed if g > expected + 1.0]
settled = [s for s in samples if s[0] >= 120 and s[1] is not None]
print(f"ran {time.monotonic() - start:.0f} s; the show {'lived throughout' if alive else 'DIED'}")
if settled:
    print(f"memory after 2 min {settled[0][1]:.1f} MiB, at the end {settled[-1][1]:.1f} MiB, highest {max(s[1] for s in settled):.1f} MiB; "
          f"descriptors after 2 min {settled[0][2]}, at the end {settled[-1][2]}, highest {max(s[2] for s in settled)}")
print(f"slide changes seen {len(changes)}; timed by the loop {len(timed)}, late {len(late)} "
      f"(longest {max(timed, default=0):.2f} s against {expected:.1f} s + 1 s)")
print(f"desk polls {misses[0]}, unanswered within 1 s {misses[1]}; bursts {len(bursts)}, "
      f"cases passed {sum(b[1] for b in bursts)}/{sum(b[2] for b in bursts)}")
sys.exit(0 if alive and not late else 1)
PY
