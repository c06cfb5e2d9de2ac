#!/usr/bin/env bash
# The release profile's choices measured against each other in one run: each variant is
# built cold (its own target folder, nothing cached but the downloaded crates) from a clean
# checkout of HEAD, then the binaries' sizes are listed and their launch to first complete
# frame is timed together with hyperfine under Xvfb (scripts/first-frame.sh's measure).
#
#   scripts/release-profiles.sh [RUNS]     # results in target/profiles/results.txt
#
# Variants (every one strips symbols, as the release profile does):
#   cgu4        codegen-units = 4, no LTO (the release profile before issue 28)
#   thin        thin LTO, codegen-units = 4
#   fat-cgu1    fat LTO, codegen-units = 1
# Build times (cold, and a rebuild after touching the crate's sources) are wall clock on
# this machine and CPU seconds (user + system), which are less disturbed by other work.
# Needs: xvfb, hyperfine (apt).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
out=$PWD/target/profiles
mkdir -p "$out"
results=$out/results.txt
: >"$results"
checkout=$(mktemp -d)
git worktree add --detach -f "$checkout" HEAD >/dev/null
trap 'git worktree remove --force "$checkout" >/dev/null 2>&1 || true' EXIT

declare -A settings=(
  [cgu4]='--config profile.release.codegen-units=4 --config profile.release.lto=false'
  [thin]='--config profile.release.codegen-units=4 --config profile.release.lto="thin"'
  [fat-cgu1]='--config profile.release.codegen-units=1 --config profile.release.lto="fat"'
)
variants=(cgu4 thin fat-cgu1)
for variant in "${variants[@]}"; do
  target=$out/$variant
  rm -rf "$target"
  # shellcheck disable=SC2086 # the settings are separate words
  /usr/bin/time -f "%e %U %S" -o "$out/$variant.time" \
    cargo build --locked --release --quiet --bin lectern --example minimal_window \
    --manifest-path "$checkout/Cargo.toml" --target-dir "$target" ${settings[$variant]}
  read -r wall user sys <"$out/$variant.time"
  size=$(stat -c %s "$target/release/lectern")
  printf '%-9s size %11s bytes   cold build %6.0f s wall, %6.0f s CPU\n' \
    "$variant" "$size" "$wall" "$(echo "$user + $sys" | bc)" | tee -a "$results"
done

# A rebuild after a change to the crate (its own code compiled again, then linked).
for variant in "${variants[@]}"; do
  touch "$checkout/src/main.rs" "$checkout/src/lib.rs"
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e %U %S" -o "$out/$variant.rebuild" \
    cargo build --locked --release --quiet --bin lectern \
    --manifest-path "$checkout/Cargo.toml" --target-dir "$out/$variant" ${settings[$variant]}
  read -r wall user sys <"$out/$variant.rebuild"
  printf '%-9s rebuild after a change %6.0f s wall, %6.0f s CPU\n' "$variant" "$wall" "$(echo "$user + $sys" | bc)" | tee -a "$results"
done

. scripts/xvfb-app.sh
start_xvfb "${DISPLAY_NUMBER:-95}"
trap 'kill $xvfb 2>/dev/null || true; git worktree remove --force "$checkout" >/dev/null 2>&1 || true' EXIT
args=(-N --warmup 3 --runs "$runs" -n "minimal eframe window (floor)" "$out/cgu4/release/examples/minimal_window")
for variant in "${variants[@]}"; do
  args+=(-n "$variant, title slide" "$out/$variant/release/lectern --exit-after-first-frame")
done
hyperfine "${args[@]}" | tee -a "$results"
