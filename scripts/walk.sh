#!/usr/bin/env bash
# Walks a deck of N large photographs (4000x3000 JPEGs, generated) twice (PASSES), forward,
# at one slide per 0.5 s, in the real app under Xvfb, and reports:
#   - frames where an image of the slide on screen was not ready (goal: none after slide 1),
#   - RSS after the first slide, after each pass, and the peak (VmHWM).
#   scripts/walk.sh [N] [-- lectern args...]     (e.g. -- --image-memory 64)
# Needs: xvfb, xdotool (apt).
set -euo pipefail
count=${1:-40}
shift || true
[ "${1:-}" = "--" ] && shift
dir=target/bench-photos
cargo run --release --quiet --example make_photo_deck -- "$dir" "$count" >/dev/null
log=$(mktemp)
APP_STDERR=$log
. "$(dirname "$0")/xvfb-app.sh"
start_app "$dir/deck-$count.ron" --log-frames "$@"
rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$app/status"; }
start_rss=$(rss)
passes=${PASSES:-2}
pass_rss=""
for pass in $(seq 1 "$passes"); do
  [ "$pass" != 1 ] && { DISPLAY=$display xdotool key Home; sleep 0.5; }
  for _ in $(seq 2 "$count"); do
    DISPLAY=$display xdotool key Right
    sleep 0.5
  done
  pass_rss="$pass_rss $(rss)"
done
sleep 1
end_rss=$(rss)
peak_rss=$(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$app/status")
frames=$(grep -c '^lectern: frame' "$log" || true)
# Frames that drew a slide other than the first with an image missing.
late=$(awk '/^lectern: frame/ && $5 != 1 && $9 > 0' "$log" | wc -l)
last_slide=$(awk '/^lectern: frame/ {s = $5} END {print s}' "$log")
textures=$(awk '/^lectern: frame/ {t = $11; b = $13} END {printf "%d textures, %.0f MiB", t, b / 1048576}' "$log")
echo "deck: $count photos of 4000x3000; walked $passes times at 0.5 s per slide; ended on slide $last_slide"
echo "frames drawn: $frames; frames with an image not ready (slides after the first): $late"
echo "texture cache at the end: $textures"
echo "RSS (MiB): ${start_rss} after the first slide; after each pass:${pass_rss}; at the end ${end_rss}; peak ${peak_rss}"
rm -f "$log"
