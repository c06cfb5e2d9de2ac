#!/usr/bin/env bash
# The systemd watchdog with the real binary, where no systemd runs as the service manager
# (a container): plays systemd's side of the sd_notify protocol as the unit
# assets/systemd/lectern-exhibit.service sets it up (Type=notify, WatchdogSec=WATCHDOG
# seconds, default 4): makes the notify socket, starts `lectern exhibit --no-supervisor`
# under Xvfb with NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID, and prints each message the
# show sends with its time. Then it stops the show's process (SIGSTOP, a frozen show) and
# reports whether the pings stop, which is when systemd would kill and restart it.
# Usage: scripts/watchdog-run.sh [WATCHDOG_SECONDS]   Needs: xvfb (apt), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
XDG_RUNTIME_DIR=$(mktemp -d) && chmod 700 "$XDG_RUNTIME_DIR" && export XDG_RUNTIME_DIR
Xvfb :86 -screen 0 1280x720x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=:86 python3 - "${1:-4}" <<'PY'
import os, signal, socket, subprocess, sys, tempfile, time
watchdog = float(sys.argv[1])
path = os.path.join(tempfile.mkdtemp(), "notify")
server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
server.bind(path)
server.settimeout(0.2)
started = time.monotonic()
# WATCHDOG_PID must name the show: exec through sh so the pid is known before it runs.
show = subprocess.Popen(
    ["sh", "-c", f'WATCHDOG_PID=$$ exec ./target/release/lectern exhibit --no-supervisor'],
    env={**os.environ, "NOTIFY_SOCKET": path, "WATCHDOG_USEC": str(int(watchdog * 1e6))},
    stderr=subprocess.DEVNULL,
)
def listen(seconds):
    heard = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            message = server.recv(4096).decode().strip()
        except socket.timeout:
            continue
        at = time.monotonic() - started
        heard.append((at, message))
        print(f"{at:7.2f} s  {message}")
    return heard
print(f"WatchdogSec={watchdog:g}: the show should say READY=1, then WATCHDOG=1 every {watchdog / 2:g} s")
heard = listen(4 * watchdog)
pings = [at for at, m in heard if m == "WATCHDOG=1"]
gaps = [b - a for a, b in zip(pings, pings[1:])]
ready = any(m.startswith("READY=1") for _, m in heard)
print(f"READY: {ready}; pings: {len(pings)}, gaps {min(gaps or [0]):.2f}–{max(gaps or [0]):.2f} s")
show.send_signal(signal.SIGSTOP)
print("the show is frozen (SIGSTOP); listening for one watchdog interval")
frozen = listen(watchdog)
verdict = "stop: systemd would restart the show" if not frozen else "go on: the watchdog would not see it"
print(f"pings while frozen: {len(frozen)} -> they {verdict}")
show.send_signal(signal.SIGCONT)
show.terminate()
show.wait(10)
PY
