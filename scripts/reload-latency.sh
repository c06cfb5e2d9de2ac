#!/usr/bin/env bash
# Save-to-screen latency of live reload in the real app under Xvfb: edits a deck N times
# (alternating in-place writes and write-then-rename saves) and reports the median time from
# the file event to the frame that draws the new version (logged by the app with
# LECTERN_LOG_RELOAD=1). Needs: xvfb, xdotool (apt).
#   scripts/reload-latency.sh [EDITS]
set -euo pipefail
edits=${1:-20}
work=$(mktemp -d)
deck=$work/deck.ron
write_deck() {
  printf 'Deck(title: "Latency", slides: [\n  Bullets(id: "b", title: "Edit %s", items: ["one", "two", ("three", ["a", "b"])]),\n  Quote(text: "A quote"),\n])\n' "$1"
}
write_deck 0 > "$deck"
log=$work/stderr
export LECTERN_LOG_RELOAD=1
export APP_STDERR=$log
. "$(dirname "$0")/xvfb-app.sh"
start_app "$deck"
for i in $(seq 1 "$edits"); do
  if (( i % 2 )); then
    write_deck "$i" > "$deck"
  else
    write_deck "$i" > "$deck.tmp" && mv "$deck.tmp" "$deck"
  fi
  sleep 0.4
done
sleep 1
grep -o '[0-9.]* ms after the save' "$log" | awk '{print $1}' | sort -n > "$work/ms"
count=$(wc -l < "$work/ms")
median=$(awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}' "$work/ms")
echo "reloads drawn: $count of $edits edits; median ${median} ms from save to frame (min $(head -1 "$work/ms"), max $(tail -1 "$work/ms"))"
