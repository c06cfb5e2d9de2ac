#!/usr/bin/env bash
# The Debian package, built and tried as a user would: a build with the `dist` profile (fat
# LTO; about 16 minutes cold on two cores), the package files
# (scripts/package-files.sh), `cargo deb` (installed with cargo if missing), then
# `dpkg -i` on this machine, `lectern --version`, `man` on the installed page,
# desktop-file-validate on the installed entry, the installed bash completion, the installed
# binary showing the bundled deck under Xvfb (screenshot /tmp/package-deb.png), and lintian.
#   scripts/package-deb.sh          Needs: root (dpkg -i), xvfb, xdotool, imagemagick,
#                                   desktop-file-utils, man-db, libxml2-utils, lintian (apt).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --profile dist --locked --quiet
LECTERN_BIN=target/dist/lectern bash scripts/package-files.sh target/package-files >/dev/null
command -v cargo-deb >/dev/null || cargo install --locked cargo-deb
deb=$(cargo deb --profile dist --no-build 2>/dev/null | tail -n 1)
echo "package: $deb ($(du -h "$deb" | cut -f1))"
dpkg -i "$deb" >/dev/null
echo "\$ lectern --version"; /usr/bin/lectern --version
echo "\$ man lectern | head"; MANWIDTH=80 man lectern 2>/dev/null | head -n 5
echo "\$ desktop-file-validate /usr/share/applications/lectern.desktop"
desktop-file-validate /usr/share/applications/lectern.desktop && echo valid
echo "\$ bash -i: complete -p lectern"
bash -ic 'complete -p lectern' 2>/dev/null || bash -c 'source /usr/share/bash-completion/completions/lectern; complete -p lectern'
ls -la /usr/bin/lectern | awk '{print "installed binary:", $5, "bytes"}'
# The installed binary, not a build of the tree (start_app builds one unless told).
export LECTERN_BIN=/usr/bin/lectern DISPLAY_NUMBER=${DISPLAY_NUMBER:-84}
. scripts/xvfb-app.sh
start_app || true
echo "running under Xvfb: $(readlink -f /proc/$app/exe)"
DISPLAY=$display import -window root /tmp/package-deb.png && echo "screenshot of the installed app: /tmp/package-deb.png"
kill "$app" 2>/dev/null || true
echo "\$ lintian $deb"
lintian --no-tag-display-limit "$deb" || true
