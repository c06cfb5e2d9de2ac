#!/usr/bin/env bash
# Runs the real app under Xvfb and saves a screenshot of every slide, for checking by eye.
#   scripts/screenshots.sh OUTDIR [SLIDES] [-- lectern args...]
# $KEYS, if set, are pressed first (e.g. KEYS="l" for the deck's second language).
# Needs: xvfb, imagemagick, xdotool (apt). Builds the release binary first.
set -euo pipefail
out=${1:?usage: screenshots.sh OUTDIR [SLIDES] [-- ARGS]}
count=${2:-1}
shift $(( $# >= 2 ? 2 : 1 ))
[ "${1:-}" = "--" ] && shift
mkdir -p "$out"
. "$(dirname "$0")/xvfb-app.sh"
start_app "$@"
for key in ${KEYS:-}; do DISPLAY=$display xdotool key "$key"; sleep 0.3; done
for i in $(seq 1 "$count"); do
  DISPLAY=$display import -window root "$out/slide-$(printf %02d "$i").png"
  DISPLAY=$display xdotool key Right
  sleep 0.6
done
