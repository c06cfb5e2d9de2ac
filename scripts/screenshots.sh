#!/usr/bin/env bash
# Runs the real app under Xvfb and saves a screenshot of every slide, for checking by eye.
#   scripts/screenshots.sh OUTDIR [SLIDES] [-- lectern args...]
# Needs: xvfb, imagemagick, xdotool (apt). Builds the release binary first.
set -euo pipefail
out=${1:?usage: screenshots.sh OUTDIR [SLIDES] [-- ARGS]}
count=${2:-1}
shift $(( $# >= 2 ? 2 : 1 ))
[ "${1:-}" = "--" ] && shift
mkdir -p "$out"
cargo build --release --quiet
export XDG_RUNTIME_DIR=$(mktemp -d) && chmod 700 "$XDG_RUNTIME_DIR"
display=:${DISPLAY_NUMBER:-97}
Xvfb "$display" -screen 0 1600x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display ./target/release/lectern "$@" &
app=$!
sleep 3
window=$(DISPLAY=$display xdotool search --sync --pid "$app" | head -n1)
DISPLAY=$display xdotool windowsize "$window" 1600 900 windowmove "$window" 0 0 windowfocus "$window"
sleep 1
for i in $(seq 1 "$count"); do
  DISPLAY=$display import -window root "$out/slide-$(printf %02d "$i").png"
  DISPLAY=$display xdotool key Right
  sleep 0.6
done
