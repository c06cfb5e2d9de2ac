#!/usr/bin/env bash
# An animated picture on screen costs its own frame rate and nothing more; off screen it
# costs nothing. Runs the real app under Xvfb on the showcase's animated slide, counts the
# frames drawn in a few seconds (--log-frames), compares two screenshots taken 0.3 s apart
# (they must differ), then moves to a still slide and counts again (must be 0).
#   scripts/animation-frames.sh [SECONDS]
# Needs: xvfb, imagemagick, xdotool (apt).
set -euo pipefail
seconds=${1:-5}
out=$(mktemp -d)
export APP_STDERR=$out/frames.log
. "$(dirname "$0")/xvfb-app.sh"
deck=$(dirname "$0")/../slides/showcase.ron
# Slide 17 of the showcase is the animated flag (slides/showcase/format2.ron).
start_app present "$deck" --slide 17 --no-transitions --log-frames
DISPLAY=$display import -window root "$out/a.png"
sleep 0.3
DISPLAY=$display import -window root "$out/b.png"
changed=$(compare -metric AE "$out/a.png" "$out/b.png" null: 2>&1 || true)
before=$(wc -l < "$APP_STDERR")
sleep "$seconds"
on_screen=$(( $(wc -l < "$APP_STDERR") - before ))
DISPLAY=$display xdotool key Right
sleep 1
before=$(wc -l < "$APP_STDERR")
sleep "$seconds"
off_screen=$(( $(wc -l < "$APP_STDERR") - before ))
echo "pixels changed between two screenshots 0.3 s apart: $changed"
echo "frames in ${seconds} s with the animation on screen: $on_screen ($(echo "scale=1; $on_screen / $seconds" | bc) per second; the GIF has 12.5)"
echo "frames in ${seconds} s on the next, still slide: $off_screen"
