#!/usr/bin/env bash
# What the presenter console costs: memory (RSS) with the console open, CPU and audience
# frames over an idle stretch, and the cost of key presses with both windows open.
#   scripts/console-cost.sh [SECONDS] [-- lectern args...]   (default: the showcase deck)
# Needs: xvfb, xdotool (apt). $LECTERN_BIN runs another binary (see xvfb-app.sh).
set -euo pipefail
seconds=${1:-10}
shift || true
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || set -- slides/showcase.ron
log=$(mktemp)
APP_STDERR=$log
. "$(dirname "$0")/xvfb-app.sh"
start_app --console --log-frames "$@"
sleep 3 # both windows drawn, images decoded
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
frames() { grep -c '^lectern: frame' "$log" || true; }
rss() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$app/status"; }
threads() { ls "/proc/$app/task" | wc -l; }
rss_open=$(rss)
before=$(ticks); f0=$(frames); sleep "$seconds"; after=$(ticks)
idle_cpu=$(echo "scale=2; ($after - $before) / $hz" | bc)
idle_frames=$(( $(frames) - f0 ))
before=$(ticks); f0=$(frames)
for _ in $(seq 1 "$seconds"); do DISPLAY=$display xdotool key Right; sleep 1; done
after=$(ticks)
busy_cpu=$(echo "scale=2; ($after - $before) / $hz" | bc)
busy_frames=$(( $(frames) - f0 ))
echo "console open: RSS ${rss_open} MiB after settling, $(rss) MiB after ${seconds} presses; $(threads) threads"
echo "idle: ${idle_cpu} s CPU and ${idle_frames} audience frames over ${seconds} s"
echo "navigating: ${busy_cpu} s CPU and ${busy_frames} audience frames over ${seconds} presses"
rm -f "$log"
