#!/usr/bin/env bash
# Does a page of `lectern export` show what the window shows? Renders every step of every
# slide both ways at 1920x1080 (export's PNG pages with --steps, and screenshots of the real
# app fullscreen under Xvfb with its counter and progress bar switched off, one Right press
# a step) and prints, per page, the share of pixels
# that differ by more than 20% (anti-aliasing differs a little; a moved or missing element
# shows as several percent).
#   scripts/export-vs-window.sh [DECK] [LANG]      (default: the bundled deck, its first language)
# Needs: xvfb, openbox, xdotool, imagemagick (apt). Builds the release binary unless
# $LECTERN_BIN is set. Writes the pictures and a side-by-side of the worst slide to $OUT
# (default /tmp/export-vs-window).
set -euo pipefail
cd "$(dirname "$0")/.."
deck=${1:-}
lang=${2:-}
out=${OUT:-/tmp/export-vs-window}
rm -rf "$out" && mkdir -p "$out/export" "$out/window"
[ -n "${LECTERN_BIN:-}" ] || { cargo build --release --quiet; LECTERN_BIN=./target/release/lectern; }
export LECTERN_BIN
deck_args=(); [ -n "$deck" ] && deck_args=("$deck")
lang_args=(); [ -n "$lang" ] && lang_args=(--lang "$lang")

"$LECTERN_BIN" export "${deck_args[@]}" "${lang_args[@]}" --steps -o "$out/export" --size 1920x1080 2>/dev/null || true
count=$(ls "$out/export" | wc -l)

# The window: fullscreen at 1920x1080; C and R hide the counter and the progress bar; L steps
# through the languages until the one asked for.
keys="c r"
if [ -n "$lang" ]; then
  codes=$(grep -m1 -o 'languages: *\[[^]]*\]' "${deck:-slides/chairmanship.ron}" | grep -o '"[^"]*"' | tr -d '"')
  for code in $codes; do [ "$code" = "$lang" ] && break; keys="$keys l"; done
fi
SCREEN_SIZE=1920x1080 DISPLAY_NUMBER=${DISPLAY_NUMBER:-91} KEYS="$keys" \
  scripts/screenshots.sh "$out/window" "$count" -- "${deck_args[@]}" -f >/dev/null 2>&1

worst=0 worst_name=""
printf '%-18s %s\n' "page" "pixels differing"
i=0
for page in "$out"/export/*.png; do
  i=$((i + 1))
  shot="$out/window/slide-$(printf %02d "$i").png"
  name=$(basename "$page")
  differing=$(compare -metric AE -fuzz 20% "$page" "$shot" null: 2>&1 | cut -d' ' -f1 || true)
  percent=$(awk -v d="$differing" 'BEGIN { printf "%.2f", 100 * d / (1920 * 1080) }')
  printf '%-18s %6s %%\n' "$name" "$percent"
  if awk -v p="$percent" -v w="$worst" 'BEGIN { exit !(p > w) }'; then worst=$percent worst_name=$name; fi
  [ "$name" = "$worst_name" ] && convert "$page" "$shot" +append -resize 50% "$out/worst-side-by-side.png"
done
echo "worst: $worst_name, $worst % of pixels differ (side by side: $out/worst-side-by-side.png)"
