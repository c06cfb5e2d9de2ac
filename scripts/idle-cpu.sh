#!/usr/bin/env bash
# CPU used by the real app while a static slide is shown, under Xvfb.
#   scripts/idle-cpu.sh [SECONDS] [-- lectern args...]
# Prints CPU seconds (user+system) and frames drawn over the idle window, and over the same
# window while a key is pressed every second, for comparison. Needs: xvfb, xdotool (apt).
set -euo pipefail
seconds=${1:-30}
shift || true
[ "${1:-}" = "--" ] && shift
log=$(mktemp)
APP_STDERR=$log
. "$(dirname "$0")/xvfb-app.sh"
start_app --log-frames "$@"
frames() { grep -c '^lectern: frame' "$log" || true; }
sleep 3 # let the first frames and image decodes settle
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks); frames_before=$(frames); sleep "$seconds"; after=$(ticks)
idle=$(echo "scale=2; ($after - $before) / $hz" | bc)
idle_frames=$(( $(frames) - frames_before ))
before=$(ticks); frames_before=$(frames)
for _ in $(seq 1 "$seconds"); do DISPLAY=$display xdotool key Right; sleep 1; done
after=$(ticks)
busy=$(echo "scale=2; ($after - $before) / $hz" | bc)
busy_frames=$(( $(frames) - frames_before ))
echo "idle: ${idle} s CPU and ${idle_frames} frames over ${seconds} s on a static slide"
echo "navigating: ${busy} s CPU and ${busy_frames} frames over ${seconds} s with one key press per second"
rm -f "$log"
