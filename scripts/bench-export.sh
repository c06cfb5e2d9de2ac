#!/usr/bin/env bash
# `lectern export` to PDF against marp-cli's PDF export (headless Chromium), on decks of the
# same content: N slides of a title and four bullets, every tenth a 4000x3000 photograph
# (20 distinct photos at 200 slides), and the same slides without the photos. Prints wall
# time (median of RUNS), peak memory and file size of each, and the ratios (the photo deck
# also with --full-resolution, photos embedded as they are, as Chromium does); then Lectern
# alone on the bundled deck (SVG maps) and its peak memory at 50, 100 and 200 slides (does
# memory grow with the deck?).
#   scripts/bench-export.sh [N] [RUNS]        (default 200 slides, 3 runs)
# Needs: python3, /usr/bin/time (apt: time); for the comparison chromium (apt) and
# @marp-team/marp-cli 4.5.1 (npm, installed into $WORK/marp if missing; no network, no run).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
runs=${2:-3}
work=${WORK:-/tmp/bench-export}
mkdir -p "$work"
cargo build --release --quiet --bin lectern --example make_photo_deck
lectern=./target/release/lectern
./target/release/examples/make_photo_deck "$work" 20 >/dev/null

# The same deck twice: Lectern's RON and Marp's Markdown.
python3 - "$work" "$n" <<'EOF'
import sys
work, n = sys.argv[1], int(sys.argv[2])
words = ["security", "co-operation", "dialogue", "confidence", "transparency", "tolerance",
         "mediation", "elections", "minorities", "media freedom", "arms control", "borders"]
for name, count, photos in [(f"export-{c}", c, True) for c in sorted({50, 100, n})] + [(f"text-{n}", n, False)]:
    ron, md = [], ["---", "marp: true", "size: 16:9", "---", ""]
    for i in range(1, count + 1):
        title = f"Slide {i}: {words[i % len(words)]}"
        if photos and i % 10 == 0:
            photo = f"photos/photo-{(i // 10 - 1) % 20 + 1:02}.jpg"
            ron.append(f'        Image(title: "{title}", path: "{photo}", caption: "Photograph {i // 10}"),')
            md += [f"# {title}", "", f"![w:1400]({photo})", "", f"Photograph {i // 10}", "", "---", ""]
        else:
            items = [f"Point {k}: {words[(i + k) % len(words)]} across {words[(i * k) % len(words)]} in every dimension"
                     for k in range(1, 5)]
            ron.append(f'        Bullets(title: "{title}", items: [' + ", ".join(f'"{t}"' for t in items) + "]),")
            md += [f"# {title}", ""] + [f"- {t}" for t in items] + ["", "---", ""]
    open(f"{work}/{name}.ron", "w").write(
        f'(title: "Export benchmark, {count} slides", slides: [\n' + "\n".join(ron) + "\n])\n")
    open(f"{work}/{name}.md", "w").write("\n".join(md[:-3]) + "\n")
EOF

# measure COMMAND...: runs it $runs times; sets $seconds (the median wall time) and $peak
# (the largest peak RSS, MiB).
measure() {
  local times=() peaks=() log
  log=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null 2>&1 || true
    times+=("$(cut -d' ' -f1 "$log")")
    peaks+=("$(cut -d' ' -f2 "$log")")
  done
  seconds=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  peak=$(printf '%s\n' "${peaks[@]}" | sort -n | tail -n1 | awk '{ printf "%.0f", $1 / 1024 }')
}

size_kib() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f", b / 1024 }'; }

chrome=${CHROME_PATH:-$(command -v chromium || true)}
marp=$work/marp/node_modules/.bin/marp
if [ -n "$chrome" ] && [ ! -x "$marp" ]; then
  mkdir -p "$work/marp" && (cd "$work/marp" && npm init -y >/dev/null && npm install --save-exact --silent @marp-team/marp-cli@4.5.1 >/dev/null)
fi
export CHROME_PATH=$chrome

# compare NAME [OPTION...]: marp-cli (if Chromium is there) on $work/NAME.md, then Lectern on
# $work/NAME.ron as it is and with each OPTION, each against marp's time and file size.
compare() {
  local name=$1 m_time="" m_size="" variant
  shift
  if [ -n "$chrome" ]; then
    measure "$marp" --no-stdin --pdf --allow-local-files "$work/$name.md" -o "$work/$name.marp.pdf"
    m_time=$seconds m_size=$(stat -c %s "$work/$name.marp.pdf")
    printf '%-12s marp-cli --pdf:  %6.2f s  peak %4d MiB  %6d KiB  (largest single process)\n' "$name" "$seconds" "$peak" "$(size_kib "$work/$name.marp.pdf")"
  else
    echo "chromium not installed (apt: chromium): marp-cli comparison skipped"
  fi
  for variant in "" "$@"; do
    # shellcheck disable=SC2086 # an option or none
    measure "$lectern" export "$work/$name.ron" -o "$work/$name.lectern.pdf" $variant
    printf '%-12s lectern export: %6.2f s  peak %4d MiB  %6d KiB  %s\n' "$name" "$seconds" "$peak" "$(size_kib "$work/$name.lectern.pdf")" "$variant"
    if [ -n "$m_time" ]; then
      awk -v l="$seconds" -v m="$m_time" -v ls="$(stat -c %s "$work/$name.lectern.pdf")" -v ms="$m_size" \
        'BEGIN { printf "%-12s marp takes %.1fx Lectern'"'"'s time; Lectern'"'"'s file is %.2fx the size of marp'"'"'s\n", "", m / l, ls / ms }'
    fi
  done
}
compare "export-$n" --full-resolution
compare "text-$n"

measure "$lectern" export -o "$work/bundled.pdf"
printf 'lectern export, the bundled deck (SVG maps): %.2f s  peak %d MiB  %d KiB\n' "$seconds" "$peak" "$(size_kib "$work/bundled.pdf")"
for count in 50 100 "$n"; do
  [ -f "$work/export-$count.ron" ] || continue
  measure "$lectern" export "$work/export-$count.ron" -o "$work/size-$count.pdf"
  printf 'peak memory at %3d slides: %d MiB (file %d KiB)\n' "$count" "$peak" "$(size_kib "$work/size-$count.pdf")"
done
