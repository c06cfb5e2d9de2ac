#!/usr/bin/env bash
# Rebuilds every font embedded in the binary (assets/fonts/) from the package registries and
# checks each against the sum of the committed file. Needs apt (root), npm and python3.
#   bash scripts/fonts.sh [OUT]   (default: assets/fonts)
set -euo pipefail
OUT="${1:-$(dirname "$0")/../assets/fonts}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

deb() { # package version -> extracted tree
    (cd "$WORK" && apt-get download -q "$1=$2" >/dev/null 2>&1)
    dpkg-deb -x "$WORK/$1_${2}_all.deb" "$WORK/deb"
}
apt-get update -qq
deb fonts-noto-core 20201225-1
deb fonts-jetbrains-mono 2.242+ds-3
for face in NotoSans-Regular NotoSans-Bold NotoSans-Italic NotoSans-BoldItalic NotoSansSymbols2-Regular NotoSansMath-Regular; do
    cp "$WORK/deb/usr/share/fonts/truetype/noto/$face.ttf" "$OUT/"
done

(cd "$WORK" && npm pack --silent @expo-google-fonts/noto-emoji@0.4.7 >/dev/null && tar xzf ./*.tgz)
cp "$WORK/package/400Regular/NotoEmoji_400Regular.ttf" "$OUT/NotoEmoji-Regular.ttf"

# JetBrains Mono without contextual alternates (`calt` joins -> and != into one sign).
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q 'fonttools==4.68.0'
for weight in Regular Bold; do
    "$WORK/venv/bin/pyftsubset" "$WORK/deb/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-$weight.ttf" \
        --output-file="$OUT/JetBrainsMono-$weight-noliga.ttf" \
        --unicodes='*' --name-IDs='*' --name-languages='*' --notdef-outline \
        --layout-features='aalt,case,ccmp,frac,locl,ordn,sinf,subs,sups,zero'
done

cd "$OUT" && sha256sum -c <<'SUMS'
7b9c239fcacf7e08c0a844ff5b9dd099baf24bee629e7555d42d1c7118c4fdd6  JetBrainsMono-Bold-noliga.ttf
c0b61703cb9361fe8f07499c962aa58048ac943997101282a632e1505b08bde1  JetBrainsMono-Regular-noliga.ttf
24aaa2a20c9c06ffe9bf04284bfd1f14376a329d10122f902abe2770817eb504  NotoEmoji-Regular.ttf
e83493c945848ecd4a9ad0f6d19164541a0d3e23a9c952304a00a46e00272ac5  NotoSans-Bold.ttf
4315b26e5afb62f70f5ffe0edaa3363e57765ff2af2beda12b6fef197e3e5f5a  NotoSans-BoldItalic.ttf
5d7618dda819443fd07301c84adcee9fe8960c873ea5e5e1f0f59db384b78082  NotoSans-Italic.ttf
89c3c497f618fdaa0b2d1e98fef93582f28c71debd2c4a8cdf41f190ced2909d  NotoSans-Regular.ttf
8242bd1e55368b27e32455260754cf9aa58f3ad7ea80664b66c21f1b09910d6c  NotoSansMath-Regular.ttf
876598db5f1e3bef2bc77c4d94c5b0d5d2c1620be4878a06f18fb5434e331688  NotoSansSymbols2-Regular.ttf
SUMS
