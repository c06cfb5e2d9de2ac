#!/usr/bin/env bash
# Decoding a 12-megapixel JPEG for a 1920x1080 screen, as whole processes timed with
# hyperfine: Lectern's decoder (examples/render_image.rs with output `-`: decode, EXIF,
# downscale to fit 1920x1080, convert for upload) against libjpeg-turbo's djpeg, scaled by
# 1/2 at decode time (2000x1500, the nearest size it offers) and at full size.
#   scripts/bench-decode.sh [RUNS]
# Needs: hyperfine, libjpeg-turbo-progs (apt).
set -euo pipefail
runs=${1:-30}
dir=target/bench-photos
cargo build --release --quiet --example render_image --example make_photo_deck
./target/release/examples/make_photo_deck "$dir" 1 >/dev/null
photo=$dir/photos/photo-01.jpg
hyperfine -N --warmup 3 --runs "$runs" \
  -n "djpeg -scale 1/2" "djpeg -scale 1/2 -outfile /dev/null $photo" \
  -n "lectern decode + downscale to 1920x1080" "./target/release/examples/render_image $photo - 1920x1080" \
  -n "djpeg full size" "djpeg -outfile /dev/null $photo"
