#!/usr/bin/env bash
# Launch to first complete frame, as whole processes under Xvfb, timed with hyperfine:
# Lectern on the bundled deck (`--exit-after-first-frame`: the first frame with the slide's
# text and every image drawn and faded in), opening on the title slide (text only) and on
# slide 3 (the OSCE map, an SVG rasterised at window size), against a minimal eframe window
# with the same renderer and profile that closes after its first frame
# (examples/minimal_window.rs), the floor.
#   scripts/first-frame.sh [RUNS]
# Needs: xvfb, hyperfine (apt).
set -euo pipefail
runs=${1:-20}
cargo build --release --quiet --bin lectern --example minimal_window
. "$(dirname "$0")/xvfb-app.sh"
start_xvfb "${DISPLAY_NUMBER:-96}"
trap 'kill $xvfb 2>/dev/null || true' EXIT
lectern="./target/release/lectern --exit-after-first-frame"
hyperfine -N --warmup 3 --runs "$runs" \
  -n "minimal eframe window (floor)" "./target/release/examples/minimal_window" \
  -n "lectern, title slide (text)" "$lectern" \
  -n "lectern, slide 3 (text and map)" "$lectern --slide 3"
