#!/usr/bin/env bash
# Type-checks and lints the crate (library and binary, not the tests) for macOS and Windows:
# `cargo clippy --target … -- -D warnings`. This compiles every dependency for that system
# and checks Lectern's own code against its standard library and `cfg`s; it does not link
# or run anything (no linker or SDK for those systems here), so it shows that the code is
# ready for them, not that they work.
#
#   scripts/check-other-systems.sh                  # Windows, Intel and Apple-silicon macOS
#   scripts/check-other-systems.sh --if-available   # skip a target whose std cannot be fetched
#   scripts/check-other-systems.sh [--if-available] TARGET…   # only these
set -euo pipefail
cd "$(dirname "$0")/.."
optional=false
if [ "${1:-}" = "--if-available" ]; then optional=true; shift; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-pc-windows-gnu x86_64-apple-darwin aarch64-apple-darwin)
for target in "${targets[@]}"; do
  if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    if ! timeout 120 rustup target add "$target" >/dev/null 2>&1; then
      if $optional; then
        echo "== $target: skipped (its standard library could not be fetched)"
        continue
      fi
      echo "== $target: cannot fetch its standard library (rustup target add $target)" >&2
      exit 1
    fi
  fi
  echo "== cargo clippy --target $target --lib --bins -- -D warnings"
  cargo clippy --locked --target "$target" --lib --bins -- -D warnings
done
