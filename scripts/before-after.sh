#!/usr/bin/env bash
# Runs the whole-app measurements on two builds in one sitting, so their figures compare
# (the machines are noisy: only numbers from the same run are put side by side).
#   scripts/before-after.sh BEFORE_BIN AFTER_BIN [SOAK_SECONDS]
# BEFORE_BIN is typically an older commit built with
#   git worktree add /tmp/before REV && (cd /tmp/before && CARGO_TARGET_DIR="$OLDPWD/target/before" cargo build --release)
# Needs: xvfb, xdotool, hyperfine, bc (apt).
set -uo pipefail
before=${1:?usage: before-after.sh BEFORE_BIN AFTER_BIN [SOAK_SECONDS]}
after=${2:?usage: before-after.sh BEFORE_BIN AFTER_BIN [SOAK_SECONDS]}
soak=${3:-120}
here=$(dirname "$0")
cargo build --release --quiet --example minimal_window --example make_photo_deck
run_both() {
  local what=$1
  shift
  for side in before after; do
    local bin=$before
    [ "$side" = after ] && bin=$after
    echo "--- $what, $side"
    LECTERN_BIN=$bin "$@" 2>&1 | sed "s/^/$side: /"
  done
}
echo "=== first frame (hyperfine, one run for both builds)"
XDG_RUNTIME_DIR=$(mktemp -d) && chmod 700 "$XDG_RUNTIME_DIR" && export XDG_RUNTIME_DIR
DISPLAY=:96 Xvfb :96 -screen 0 1600x900x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=:96 hyperfine -N --warmup 3 --runs "${RUNS:-20}" \
  -n "minimal eframe window (floor)" "./target/release/examples/minimal_window" \
  -n "before, title slide" "$before --exit-after-first-frame" \
  -n "after, title slide" "$after --exit-after-first-frame" \
  -n "before, slide 3 (map)" "$before --exit-after-first-frame --slide 3" \
  -n "after, slide 3 (map)" "$after --exit-after-first-frame --slide 3" 2>&1 | grep -E "^Benchmark|Time \(mean|±|faster|times"
kill $xvfb 2>/dev/null
run_both "idle and navigating (bundled deck)" "$here/idle-cpu.sh" 30
run_both "reload latency" "$here/reload-latency.sh" 20
run_both "40-photo walk" "$here/walk.sh" 40
run_both "console open (showcase deck)" "$here/console-cost.sh" 10
run_both "exhibit: 10 s a slide, 0.5 s crossfade, ${soak} s" "$here/exhibit-soak.sh" "$soak" "$soak"
