#!/usr/bin/env bash
# The exhibit loop in the real app under Xvfb over a long run: CPU, frames and memory.
#   scripts/exhibit-soak.sh [SECONDS] [INTERVAL] [-- lectern exhibit args...]
# Defaults: 300 s with a sample every 60 s, the bundled deck with every slide shown $DWELL
# seconds (10) and a $TRANSITION s crossfade (0.5; 0 cuts). The show runs without its
# supervisor, so the numbers are its own.
# Prints one line per sample: seconds since the first sample, CPU seconds (user+system)
# and frames since then, slide changes, and the resident memory. Needs: xvfb, xdotool (apt).
set -euo pipefail
seconds=${1:-300}
interval=${2:-60}
shift 2 || shift $# || true
[ "${1:-}" = "--" ] && shift
log=$(mktemp)
APP_STDERR=$log
. "$(dirname "$0")/xvfb-app.sh"
start_app exhibit --no-supervisor --windowed --log-frames --dwell "${DWELL:-10}" --transition-seconds "${TRANSITION:-0.5}" "$@"
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
frames() { grep -c '^lectern: frame' "$log" || true; }
changes() { awk '/^lectern: frame/ { if ($5 != last) n++; last = $5 } END { print n - 1 }' "$log"; }
rss() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$app/status"; }
sleep 5 # the first slide, its images and the next slide's are in
t0=$(date +%s); c0=$(ticks); f0=$(frames); s0=$(changes)
printf "%8s %10s %8s %8s %9s\n" seconds cpu_s frames changes rss_mib
printf "%8d %10.2f %8d %8d %9s\n" 0 0 0 0 "$(rss)"
elapsed=0
while [ "$elapsed" -lt "$seconds" ]; do
  sleep "$interval"
  elapsed=$(( $(date +%s) - t0 ))
  cpu=$(echo "scale=2; ($(ticks) - $c0) / $hz" | bc)
  printf "%8d %10.2f %8d %8d %9s\n" "$elapsed" "$cpu" $(( $(frames) - f0 )) $(( $(changes) - s0 )) "$(rss)"
done
grep -v '^lectern: frame' "$log" | sed 's/^/app: /' | head -20
rm -f "$log"
