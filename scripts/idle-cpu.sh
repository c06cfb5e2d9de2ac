#!/usr/bin/env bash
# CPU used by the real app while a static slide is shown, under Xvfb.
#   scripts/idle-cpu.sh [SECONDS] [-- lectern args...]
# Prints CPU seconds (user+system) over the idle window, and over the same window while a
# key is pressed every second, for comparison. Needs: xvfb, xdotool (apt).
set -euo pipefail
seconds=${1:-30}
shift || true
[ "${1:-}" = "--" ] && shift
. "$(dirname "$0")/xvfb-app.sh"
start_app "$@"
sleep 3 # let the first frames and image decodes settle
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks); sleep "$seconds"; after=$(ticks)
idle=$(echo "scale=2; ($after - $before) / $hz" | bc)
before=$(ticks)
for _ in $(seq 1 "$seconds"); do DISPLAY=$display xdotool key Right; sleep 1; done
after=$(ticks)
busy=$(echo "scale=2; ($after - $before) / $hz" | bc)
echo "idle: ${idle} s CPU over ${seconds} s on a static slide"
echo "navigating: ${busy} s CPU over ${seconds} s with one key press per second"
