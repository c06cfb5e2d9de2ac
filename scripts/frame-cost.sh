#!/usr/bin/env bash
# What frames cost, the whole app under Xvfb 1920x1080 with openbox (software OpenGL, as a
# kiosk PC without a GPU driver, a VM or a remote desktop has), on one generated deck of 20
# slides: a title, 14 text slides and five 4000x3000 photographs. Reports for Lectern:
#   - CPU (% of a core) and frames while the exhibit auto-advances every 5 s with a 0.8 s
#     fade, and the same with a cut (SECONDS each, default 60);
#   - CPU, frames per key press and PSS while presenting, stepping 39 slides at 0.5 s a key
#     (the deck twice), with the deck's 0.3 s crossfade and with cuts, and PSS on slide 1
#     and after stepping;
#   - launch to the first complete slide against a bare eframe window (median of 5).
# With pdfpc installed (apt), the same stepping and PSS for pdfpc on the deck exported as a
# PDF by Lectern, and the ratios.
#   scripts/frame-cost.sh [SECONDS]
# $LECTERN_BIN runs another build (an older commit's, for a before/after in one sitting).
# Needs: xvfb, openbox, xdotool (apt).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
cargo build --release --quiet --bin lectern --example minimal_window --example make_photo_deck
lectern=${LECTERN_BIN:-./target/release/lectern}
photos=target/bench-photos
./target/release/examples/make_photo_deck "$photos" 5 >/dev/null
work=$(mktemp -d)
cp -r "$photos/photos" "$work/"
{
  echo '(title: "Frame cost", slides: ['
  echo '  Title(title: "Frames that cost little", subtitle: "A generated deck: text and photographs"),'
  for i in $(seq 1 15); do
    if [ $((i % 3)) = 0 ]; then
      echo "  Image(title: \"Photograph $((i / 3))\", path: \"photos/photo-0$((i / 3)).jpg\"),"
    else
      echo "  Bullets(title: \"Text slide $i\", items: [\"The first point of slide $i, long enough to wrap across the line\", \"A second point, with **bold** and *italic* words\", \"A third point\", \"A fourth point that closes the list\"]),"
    fi
  done
  for i in $(seq 16 19); do echo "  Bullets(title: \"Text slide $i\", items: [\"One point\", \"Another point\"]),"; done
  echo '])'
} >"$work/deck.ron"
XDG_RUNTIME_DIR=$(mktemp -d) && chmod 700 "$XDG_RUNTIME_DIR" && export XDG_RUNTIME_DIR
export DISPLAY=:${DISPLAY_NUMBER:-88}
Xvfb "$DISPLAY" -screen 0 1920x1080x24 >/dev/null 2>&1 &
pids=($!)
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
openbox >/dev/null 2>&1 &
pids+=($!)
sleep 1
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pss() { awk '/^Pss:/ {printf "%.1f", $2 / 1024}' "/proc/$1/smaps_rollup"; }
cpu_over() { # PID SECONDS -> % of a core
  local t0 t1; t0=$(ticks "$1"); sleep "$2"; t1=$(ticks "$1")
  awk -v d=$((t1 - t0)) -v hz="$hz" -v s="$2" 'BEGIN { printf "%.1f", 100 * d / hz / s }'
}
frames() { grep -c '^lectern: frame' "$1" || true; }
# The intervals between frames inside transitions (from each "slide change" line to the end
# of its fade, by the wall-clock time each line logs): their median, spread and largest.
spread() { # LOG FADE_SECONDS
  awk -v fade="$2" '/slide change/ { start = $(NF - 1); last = 0 }
    /^lectern: frame/ { t = $(NF - 1); if (start && t >= start && t <= start + fade * 1000) { if (last) print t - last; last = t } }' "$1" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR) printf "  frame intervals in transitions: median %d ms, 10-90 %% %d-%d ms, largest %d ms (%d intervals)\n", v[int((NR + 1) / 2)], v[int(NR * 0.1) + 1], v[int(NR * 0.9)], v[NR], NR }'
}
# Auto-advance: the exhibit loop, 5 s a slide.
for fade in 0.8 0; do
  log=$work/exhibit-$fade.log
  "$lectern" exhibit "$work/deck.ron" --no-supervisor --log-frames --dwell 5 \
    --transition-seconds "$fade" 2>"$log" &
  show=$!
  sleep 8
  f0=$(frames "$log"); cpu=$(cpu_over "$show" "$seconds"); f1=$(frames "$log")
  kill "$show"; wait "$show" 2>/dev/null || true
  echo "auto-advance, ${fade} s fade: CPU $cpu % of a core, $((f1 - f0)) frames in $seconds s"
  [ "$fade" = 0 ] || spread "$log" "$fade"
done
# Stepping: present fullscreen, 39 key presses at 0.5 s; with the deck's transition (a 0.3 s
# crossfade) and with cuts (--no-transitions, as the peers step by default).
step() { # NAME [present options...]
  local name=$1 log=$work/present-$1.log; shift
  "$lectern" present "$work/deck.ron" -f --log-frames "$@" 2>"$log" &
  local show=$!
  local window; window=$(xdotool search --sync --pid "$show" | head -n1)
  xdotool windowfocus "$window" 2>/dev/null || true
  sleep 4
  local pss_first; pss_first=$(pss "$show")
  local f0 t0; f0=$(frames "$log"); t0=$(ticks "$show")
  for pass in 1 2; do
    [ "$pass" = 2 ] && { xdotool key Home; sleep 0.5; }
    for _ in $(seq 2 20); do xdotool key Right; sleep 0.5; done
  done
  local t1 f1; t1=$(ticks "$show"); f1=$(frames "$log")
  sleep 2
  pss_after=$(pss "$show") # kept: the cuts run is compared with pdfpc below
  kill "$show"; wait "$show" 2>/dev/null || true
  cpu=$(awk -v d=$((t1 - t0)) -v hz="$hz" 'BEGIN { printf "%.1f", 100 * d / hz / 19.5 }')
  echo "stepping 39 slides at 0.5 s a key, $name: CPU $cpu % of a core, $((f1 - f0)) frames ($(awk -v f=$((f1 - f0)) 'BEGIN { printf "%.1f", f / 39 }') a key)"
  echo "  PSS: $pss_first MiB on slide 1, $pss_after MiB after stepping every slide twice"
}
step crossfade
step cuts --no-transitions
# Launch: the first complete slide against a bare eframe window, median of 5.
median_ms() {
  for _ in 1 2 3 4 5; do
    local s; s=$(date +%s%N); "$@" >/dev/null 2>&1; echo $((($(date +%s%N) - s) / 1000000))
  done | sort -n | sed -n 3p
}
floor=$(median_ms ./target/release/examples/minimal_window)
launch=$(median_ms "$lectern" "$work/deck.ron" --exit-after-first-frame)
echo "launch: $launch ms to the first complete slide; a bare eframe window $floor ms ($(awk -v a="$launch" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')x the floor)"
if command -v pdfpc >/dev/null; then
  "$lectern" export "$work/deck.ron" -o "$work/deck.pdf" 2>/dev/null
  pdfpc -s -w none "$work/deck.pdf" >/dev/null 2>&1 &
  viewer=$!
  sleep 4
  p_first=$(pss "$viewer"); t0=$(ticks "$viewer")
  for pass in 1 2; do
    [ "$pass" = 2 ] && { xdotool key Home; sleep 0.5; }
    for _ in $(seq 2 20); do xdotool key Right; sleep 0.5; done
  done
  t1=$(ticks "$viewer"); sleep 2; p_after=$(pss "$viewer")
  kill "$viewer" 2>/dev/null || true
  p_cpu=$(awk -v d=$((t1 - t0)) -v hz="$hz" 'BEGIN { printf "%.1f", 100 * d / hz / 19.5 }')
  echo "pdfpc stepping: CPU $p_cpu % of a core; PSS $p_first MiB on slide 1, $p_after MiB after"
  awk -v a="$cpu" -v b="$p_cpu" -v c="$pss_after" -v d="$p_after" \
    'BEGIN { printf "ratios, Lectern (cuts) / pdfpc: stepping CPU %.2fx, PSS after stepping %.2fx\n", a / b, c / d }'
else
  echo "pdfpc is not installed (apt install pdfpc): Lectern alone"
fi
