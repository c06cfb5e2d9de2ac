#!/usr/bin/env bash
# Time and peak memory of `lectern check` on generated decks that grow: one paragraph of
# 1 MB and 10 MB, and 2,000 slides. Prints one line per deck; check must stay linear.
#   scripts/check-cost.sh
# Needs: GNU time (/usr/bin/time, apt: time).
set -euo pipefail
cargo build --release --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import sys
dir = sys.argv[1]
for name, size in [("1mb", 1 << 20), ("10mb", 10 << 20)]:
    words, i = [], 0
    total = 0
    while total < size:
        w = f"word{i} "
        words.append(w); total += len(w); i += 1
    with open(f"{dir}/{name}.ron", "w") as f:
        f.write('Deck(title: "Big", slides: [Blocks(title: "One paragraph", blocks: [Paragraph("' + "".join(words) + '**")])])\n')
with open(f"{dir}/2000-slides.ron", "w") as f:
    f.write('(\n    title: "Generated",\n    slides: [\n')
    for i in range(2000):
        f.write(f'        Bullets(title: "Slide {i}: the **main** point", items: ["First *point*", ("Second", ["a", "b"]), "Third point, a little longer"], notes: "Say {i}."),\n')
    f.write('    ],\n)\n')
PY
for deck in 1mb 10mb 2000-slides; do
  size=$(stat -c %s "$dir/$deck.ron")
  /usr/bin/time -f "%e s %M KiB" -o "$dir/time" ./target/release/lectern check "$dir/$deck.ron" > "$dir/out" || true
  printf '%-12s %9d bytes  %s  output %d bytes\n' "$deck" "$size" "$(cat "$dir/time")" "$(stat -c %s "$dir/out")"
done
