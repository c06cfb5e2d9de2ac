#!/usr/bin/env bash
# The files a package installs beside the binary, made and checked: man pages (lectern(1)
# and one per command) and bash, zsh and fish completions generated from the command line's
# definition (`lectern package-files`), the icon in PNG sizes from assets/icons/lectern.svg
# (drawn by scripts/icon.py), the desktop entry and the deck's MIME type. Then each is
# checked with the tool a distribution would use: desktop-file-validate, man, bash's
# `complete`, xmllint.
#   scripts/package-files.sh [OUT]      default target/package-files
# Env: LECTERN_BIN (default ./target/release/lectern, built first).
# Needs: desktop-file-utils, man-db, imagemagick, libxml2-utils (apt).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/package-files}
[ -n "${LECTERN_BIN:-}" ] || cargo build --release --quiet
bin=${LECTERN_BIN:-./target/release/lectern}
rm -rf "$out" && mkdir -p "$out/icons"
"$bin" package-files "$out"
for size in 48 128 256; do
  convert -background none -resize "${size}x${size}" assets/icons/lectern.svg "$out/icons/lectern-$size.png"
done
cp assets/icons/lectern.svg assets/desktop/lectern.desktop assets/desktop/lectern.xml "$out/"
# The systemd user unit, pointing at the installed binary.
sed 's|%h/.cargo/bin/lectern|/usr/bin/lectern|' assets/systemd/lectern-exhibit.service > "$out/lectern-exhibit.service"
echo "\$ desktop-file-validate lectern.desktop"
desktop-file-validate "$out/lectern.desktop" && echo "valid"
echo "\$ xmllint --noout lectern.xml"
xmllint --noout "$out/lectern.xml" && echo "well-formed"
echo "\$ man -l man/lectern.1 (first lines)"
MANWIDTH=80 man -l "$out/man/lectern.1" 2>/dev/null | head -n 12
for page in "$out"/man/lectern-*.1; do
  MANWIDTH=80 man -l "$page" >/dev/null 2>&1 && echo "renders: $(basename "$page")"
done
echo "\$ bash: source completions/lectern.bash; complete -p lectern"
bash -c "source '$out/completions/lectern.bash' && complete -p lectern"
echo "\$ bash: the words completed after 'lectern ex'"
bash -c "source '$out/completions/lectern.bash'; COMP_WORDS=(lectern ex); COMP_CWORD=1; COMP_LINE='lectern ex'; COMP_POINT=10; _lectern lectern ex lectern; printf '%s\n' \"\${COMPREPLY[@]}\""
file "$out"/icons/*.png | sed 's|^.*icons/||'
