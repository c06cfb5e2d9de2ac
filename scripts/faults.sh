#!/usr/bin/env bash
# The faults a museum meets, injected into real exhibit runs under Xvfb. One summary line per
# case (`name: PASS|FAIL detail`) on stdout; the shows' logs stay in the work folder named last.
#   1 broken-save-then-kill9   the deck saved with a typo, then the show killed (-9): the
#                              supervisor's restart, and a fresh start of both processes, show
#                              the last good copy (screenshot /tmp/faults-snapshot.png)
#   2 svg-bomb                 a 176-byte SVG that takes minutes to draw: the loop never holds a
#                              slide more than 3 s past its dwell, the picture is left out
#                              (screenshot /tmp/faults-svg-bomb.png); `lectern export` on the
#                              deck under `timeout 120` must end by itself
#   3 png-bomb                 a 0.5 MB PNG of 16000x8000 pixels: the same loop check, and the
#                              show's peak RSS against a run with a small picture
#   4 dev-zero-and-fifo        Image(path: "/dev/zero") and a FIFO: `check` returns and names
#                              "not a regular file"; an exhibit on the deck keeps looping
#   5 sigstop                  the show frozen (SIGSTOP): the supervisor kills and restarts it
#   6 log-full-and-readonly    the log's disk full, then freed; its folder read-only, then
#                              writable; a log folder that does not exist
#   7 clock-step-while-closed  outside opening hours, the wall clock (libfaketime) steps into
#                              them: the screen opens within 65 s, supervised and alone
#                              (screenshots /tmp/faults-clock--*.png)
# Usage: scripts/faults.sh [CASE...]      every case without arguments; e.g. `faults.sh 2 5`
# Env: LECTERN_BIN (default ./target/release/lectern; nothing is built here), DISPLAY_NUMBER
#   (70), PORT (7500; case N listens on PORT+10N and up).
# Needs: root (case 6 mounts tmpfs), xvfb, imagemagick, curl, faketime (apt), python3 (stdlib).
set -uo pipefail
bin=$(realpath "${LECTERN_BIN:-$(dirname "$0")/../target/release/lectern}" 2>/dev/null)
cd "$(dirname "$0")/.."
[ -x "$bin" ] || { echo "no binary at ${LECTERN_BIN:-./target/release/lectern} (set LECTERN_BIN)" >&2; exit 2; }
display=:${DISPLAY_NUMBER:-70}
base=${PORT:-7500}
token=faults-token-0123456789abcdef
faketime_lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
work=$(mktemp -d /tmp/lectern-faults.XXXXXX)
groups=() mounts=() show_env=()
cleanup() {
  for g in "${groups[@]}"; do kill -9 -- "-$g" 2>/dev/null; done
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
  kill "$xvfb" 2>/dev/null
  echo "# logs and decks: $work"
}
trap cleanup EXIT
export XDG_RUNTIME_DIR=$work/runtime && mkdir -m 700 "$XDG_RUNTIME_DIR"
Xvfb "$display" -screen 0 1280x720x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1

# --- helpers ---------------------------------------------------------------------------------
result() { # result NAME OK(0|1) DETAIL...
  local name=$1 ok=$2; shift 2
  if [ "$ok" = 0 ]; then echo "$name: PASS $*"; else echo "$name: FAIL $*"; fi
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
le() { awk -v x="$1" -v y="$2" 'BEGIN { exit !(x <= y) }'; }
# show NAME PORT ARGS...: `lectern exhibit ARGS` with show control on PORT, in a process group of
# its own (ended in one go), state in $work/NAME/state, stdout+stderr in $work/NAME/stderr.
show() {
  local name=$1 port=$2; shift 2
  mkdir -p "$work/$name"
  env "${show_env[@]}" DISPLAY="$display" XDG_STATE_HOME="$work/$name/state" setsid "$bin" exhibit "$@" \
    --control "127.0.0.1:$port" --control-token "$token" >>"$work/$name/stderr" 2>&1 &
  show=$!
  groups+=("$show")
}
stop() { kill -9 -- "-$1" 2>/dev/null; wait "$1" 2>/dev/null; sleep 0.3; }
child_of() { pgrep -P "$1" -f -- '--child' | head -n1; }
status() { curl -s -m "${2:-2}" -H "Authorization: Bearer $token" "http://127.0.0.1:$1/v1/status"; }
post() { curl -s -o /dev/null -m 2 -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$1/v1/$2"; }
# field PORT EXPR: a Python expression on the status `d`; nothing when the show does not answer.
field() { status "$1" 1 | python3 -c "import json, sys
try: d = json.load(sys.stdin)
except ValueError: sys.exit(1)
print($2)" 2>/dev/null; }
up() { # up PORT SECONDS: until the status answers
  local end=$((SECONDS + $2))
  until status "$1" 1 | grep -q '"slide"'; do [ $SECONDS -ge "$end" ] && return 1; sleep 0.3; done
}
wait_log() { # wait_log FILE PATTERN SECONDS (a fixed string)
  local end=$((SECONDS + $3))
  until grep -qF -- "$2" "$1" 2>/dev/null; do [ $SECONDS -ge "$end" ] && return 1; sleep 0.25; done
}
shot() { DISPLAY=$display import -window root "$1" 2>/dev/null && convert "$1" -format '%[fx:mean]' info:; }
deck() { # deck FILE TITLE SLIDE... (RON slide values)
  local file=$1 title=$2; shift 2
  local IFS=,
  echo "Deck(title: \"$title\", exhibit: (transition: None), slides: [$*])" >"$file"
}

# The loop's timing, from its status polled every 0.5 s: loop.py PORT SECONDS DWELL [PID]. Exits 0
# when every slide was held at most DWELL + 3.5 s (3 s of waiting for pictures, 0.5 s of polling),
# the status always answered and every slide came round. With PID, the peak RSS of that process.
cat >"$work/loop.py" <<'PY'
import json, os, sys, time, urllib.request
port, seconds, dwell = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
pid = sys.argv[4] if len(sys.argv) > 4 else None
def status():
    ask = urllib.request.Request(f"http://127.0.0.1:{port}/v1/status",
                                 headers={"Authorization": "Bearer " + os.environ["TOKEN"]})
    try:
        with urllib.request.urlopen(ask, timeout=1) as answer:
            return json.load(answer)
    except Exception:
        return None
def memory(field):
    try:
        return next(int(l.split()[1]) // 1024 for l in open(f"/proc/{pid}/status") if l.startswith(field))
    except (OSError, StopIteration):
        return 0
start = last = time.monotonic()
slide, total, holds, seen, silent, peak, changes = None, None, [], set(), 0, 0, []
while (t := time.monotonic()) - start < seconds:
    s = status()
    if s is None:
        silent += 1
    else:
        total = s.get("total")
        seen.add(s.get("slide"))
        if slide is not None and s.get("slide") != slide:
            holds.append(t - last)
            last = t
            changes.append(f"{t - start:.1f}s->{s.get('slide')}")
        slide = s.get("slide")
    if pid:
        peak = max(peak, memory("VmRSS:"))
    time.sleep(max(0.0, 0.5 - (time.monotonic() - t)))
holds.append(time.monotonic() - last)  # the slide on screen at the end
limit = dwell + 3.5
ok = max(holds) <= limit and silent == 0 and total and seen >= set(range(1, total + 1))
line = (f"{len(changes)} changes, longest hold {max(holds):.1f} s (limit {limit:g}), "
        f"slides seen {sorted(x for x in seen if x is not None)} of {total}, unanswered polls {silent}")
if pid:
    line += f", show peak RSS {max(peak, memory('VmHWM:'))} MiB"
print(line)
print("changes:", " ".join(changes), file=sys.stderr)
sys.exit(0 if ok else 1)
PY
loop() { TOKEN=$token python3 "$work/loop.py" "$@"; }

# A PNG of W x H pixels of one colour, written row by row (zlib squeezes 16000x8000 to 0.5 MB).
cat >"$work/png.py" <<'PY'
import struct, sys, zlib
path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
row, z = b"\0" + bytes((40, 90, 160, 255)) * w, zlib.compressobj(9)
body = b"".join(z.compress(row) for _ in range(h)) + z.flush()
with open(path, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))
PY

# --- cases -----------------------------------------------------------------------------------
case1() {
  local d=$work/c1 port=$((base + 10)) why=() t0 restart child same
  mkdir -p "$d"
  deck "$d/deck.ron" "Good deck" 'Title(title: "One")' 'Title(title: "Two")' 'Title(title: "Three")'
  sed 's/title: "Two"/titel: "Two"/' "$d/deck.ron" >"$d/broken.ron"
  show c1 "$port" "$d/deck.ron" --dwell 3 --transition-seconds 0 --log-file "$d/show.log"
  up "$port" 20 || why+=("the status never answered")
  wait_log "$d/show.log" "a copy of the deck is kept" 10 && ls "$d"/state/lectern/last-good/*/current >/dev/null 2>&1 ||
    why+=("no last good copy in the state folder")
  cat "$d/broken.ron" >"$d/deck.ron"
  wait_log "$d/show.log" "cannot be loaded; the show goes on" 5 || why+=("the broken save was not noticed")
  child=$(child_of "$show")
  t0=$(now)
  kill -9 "$child"
  local end=$((SECONDS + 15))
  until [ "$(field "$port" 'd["exhibit"]["starts"]')" = 2 ] || [ $SECONDS -ge $end ]; do sleep 0.25; done
  restart=$(since "$t0")
  same=$(field "$port" 'd["deck"]["title"], d["total"]')
  [ "$same" = "Good deck 3" ] || why+=("after the restart the status says: ${same:-nothing}")
  grep -q "last good copy" "$d/show.log" || why+=("the log never says \"last good copy\"")
  result broken-save-then-kill9 $((${#why[@]} > 0)) "child killed; answered again after ${restart} s as" \
    "'${same:-?}' (starts=2); log: $(grep -o 'the show starts from its last good copy, saved [^;]*' "$d/show.log" | head -n1)" \
    "${why[*]:+-- ${why[*]}}"
  # Both processes killed, as a power cut would; a fresh start on the broken deck.
  why=()
  kill -9 "$show" "$(child_of "$show")" 2>/dev/null
  stop "$show"
  show c1 "$port" "$d/deck.ron" --dwell 3 --transition-seconds 0 --log-file "$d/show.log"
  t0=$(now)
  up "$port" 20 || why+=("the status never answered")
  same=$(field "$port" 'd["deck"]["title"], d["total"]')
  [ "$same" = "Good deck 3" ] || why+=("status: ${same:-nothing}")
  [ "$(grep -c "last good copy" "$d/show.log")" -ge 2 ] || why+=("no second \"last good copy\" line")
  grep -q "the show does not start" "$d/stderr" && why+=("it said \"the show does not start\"")
  sleep 2
  shot /tmp/faults-snapshot.png >/dev/null
  result "broken-save-then-kill9 (full restart)" $((${#why[@]} > 0)) "fresh start on the broken deck answered" \
    "after $(since "$t0") s as '${same:-?}'; screenshot /tmp/faults-snapshot.png ${why[*]:+-- ${why[*]}}"
  stop "$show"
}

case2() {
  local d=$work/c2 port=$((base + 20)) facts rc left t0 erc
  mkdir -p "$d"
  printf '%s' '<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"><filter id="f"><feMorphology radius="150"/></filter><rect width="4000" height="4000" filter="url(#f)"/></svg>' >"$d/bomb.svg"
  deck "$d/deck.ron" "SVG bomb" 'Title(title: "One")' 'Image(path: "bomb.svg")' 'Title(title: "Three")' 'Title(title: "Four")'
  show c2 "$port" "$d/deck.ron" --no-supervisor --dwell 4 --transition-seconds 0 --log-file "$d/show.log"
  up "$port" 20
  facts=$(loop "$port" 40 4 2>>"$d/changes")
  rc=$?
  # The loop's timing is what must hold. Whether the picture was left out depends on the
  # build: a debug build takes past the 10 s deadline at screen size, a release build may not.
  left=$(grep -o 'image [^ ]*bomb.svg is left out.*' "$d/show.log" | head -n1)
  local end=$((SECONDS + 20))
  until [ "$(field "$port" 'd["slide"]')" = 2 ] || [ $SECONDS -ge $end ]; do sleep 0.3; done
  shot /tmp/faults-svg-bomb.png >/dev/null
  stop "$show"
  result svg-bomb "$rc" "$facts; log: ${left:-the picture decoded within the deadline (not left out)}"
  t0=$(now)
  timeout 120 "$bin" export "$d/deck.ron" -o "$d/x.pdf" >"$d/export.out" 2>&1
  erc=$?
  result svg-bomb-export $((erc == 124)) "\`timeout 120 lectern export\` exit $erc after $(since "$t0") s" \
    "$( [ $erc = 124 ] && echo '(timed out: no bound on the picture) ')$(grep -m1 -o 'cannot be exported.*' "$d/export.out" || tail -n1 "$d/export.out")"
}

case3() {
  local d=$work/c3 port=$((base + 30)) facts small rc rc2 hwm hwm_small
  mkdir -p "$d"
  python3 "$work/png.py" "$d/bomb.png" 16000 8000
  python3 "$work/png.py" "$d/small.png" 1600 900
  deck "$d/deck.ron" "PNG bomb" 'Title(title: "One")' 'Image(path: "bomb.png")' 'Title(title: "Three")' 'Title(title: "Four")'
  sed 's/bomb.png/small.png/' "$d/deck.ron" >"$d/small.ron"
  show c3 "$port" "$d/deck.ron" --no-supervisor --dwell 4 --transition-seconds 0 --log-file "$d/show.log"
  up "$port" 20
  facts=$(loop "$port" 40 4 "$show" 2>>"$d/changes")
  rc=$?
  stop "$show"
  show c3-small $((port + 1)) "$d/small.ron" --no-supervisor --dwell 4 --transition-seconds 0
  up $((port + 1)) 20
  small=$(loop $((port + 1)) 25 4 "$show" 2>>"$d/changes")
  rc2=$?
  stop "$show"
  hwm=$(grep -o 'peak RSS [0-9]*' <<<"$facts" | awk '{print $3}')
  hwm_small=$(grep -o 'peak RSS [0-9]*' <<<"$small" | awk '{print $3}')
  # The decoded bomb is 488 MiB: it must stay in the worker, not land in the show.
  [ "${hwm:-0}" -le $((${hwm_small:-0} + 200)) ] || rc=1
  result png-bomb $((rc | rc2)) "$(wc -c <"$d/bomb.png") B PNG of 16000x8000 px: $facts;" \
    "small-picture run: peak RSS ${hwm_small:-?} MiB ($( [ $rc2 = 0 ] && echo loop ok || echo "loop: $small"));" \
    "log: $(grep -o 'image [^ ]*bomb.png .*' "$d/show.log" | head -n1 | cut -c1-140)"
}

case4() {
  local d=$work/c4 port=$((base + 40)) i=0 target name rc out t0 facts took why
  mkdir -p "$d"
  mkfifo "$d/pipe"
  for target in /dev/zero pipe; do
    why=()
    name="dev-zero-and-fifo ($target)"
    deck "$d/deck$i.ron" "Special files" 'Title(title: "One")' "Image(path: \"$target\")" 'Title(title: "Three")'
    t0=$(now)
    timeout 20 "$bin" check "$d/deck$i.ron" >"$d/check$i.out" 2>&1
    rc=$?
    took=$(since "$t0")
    [ $rc = 124 ] && why+=("check hung")
    grep -q "not a regular file" "$d/check$i.out" || why+=("check does not say \"not a regular file\"")
    show "c4-$i" $((port + i)) "$d/deck$i.ron" --no-supervisor --dwell 2 --transition-seconds 0 --log-file "$d/show$i.log"
    up $((port + i)) 20
    facts=$(loop $((port + i)) 16 2 2>>"$d/changes")
    [ $? = 0 ] || why+=("the loop stalled")
    stop "$show"
    result "$name" $((${#why[@]} > 0)) "check exit $rc in $took s: $(grep -o 'not a regular file[^)]*)' "$d/check$i.out" | head -n1);" \
      "exhibit: $facts; log: $(grep -o "image [^ ]*$target is left out.*" "$d/show$i.log" | head -n1) ${why[*]:+-- ${why[*]}}"
    i=$((i + 1))
  done
}

case5() {
  local d=$work/c5 port=$((base + 50)) child t0 noticed=never back=never why=()
  mkdir -p "$d"
  deck "$d/deck.ron" "Frozen" 'Title(title: "One")' 'Title(title: "Two")'
  show c5 "$port" "$d/deck.ron" --dwell 3 --transition-seconds 0 --log-file "$d/show.log"
  up "$port" 20
  wait_log "$d/show.log" "ready with the first frame" 15 || why+=("the show never said it was ready")
  sleep 2
  child=$(child_of "$show")
  kill -STOP "$child"
  t0=$(now)
  local end=$((SECONDS + 40))
  while [ $SECONDS -lt $end ]; do
    [ "$noticed" = never ] && grep -q "stopped answering" "$d/show.log" && noticed=$(since "$t0")
    [ "$(field "$port" 'd["exhibit"]["starts"]')" = 2 ] && { back=$(since "$t0"); break; }
    sleep 0.25
  done
  [ "$noticed" = never ] && noticed=$(grep -q "stopped answering" "$d/show.log" && since "$t0" || echo never)
  kill -CONT "$child" 2>/dev/null
  [ "$back" != never ] && le "$back" 20 || why+=("no new show within 20 s")
  result sigstop $((${#why[@]} > 0)) "child frozen; \"stopped answering\" logged after $noticed s, a new show answered" \
    "after $back s; log: $(grep -o 'the show stopped answering.*' "$d/show.log" | head -n1) / $(grep -o 'the show ended abnormally.*' "$d/show.log" | head -n1) ${why[*]:+-- ${why[*]}}"
  stop "$show"
}

# Asks the show on PORT to log (a reload) once a second, up to 15 times, until LOG says it
# was written again after a gap; sets $took (seconds, or "never") and adds to $why past 10 s.
log_resumes() {
  local port=$1 log=$2 t0
  t0=$(now)
  for _ in $(seq 15); do
    post "$port" reload
    grep -q "could not be written from" "$log" 2>/dev/null && { took=$(since "$t0"); break; }
    sleep 1
  done
  [ "$took" != never ] && le "$took" 10 || why+=("no note in the file within 10 s")
}

case6() {
  local d=$work/c6 port=$((base + 60)) t0 took=never why=() dir
  mkdir -p "$d/full" "$d/ro"
  deck "$d/deck.ron" "Log faults" 'Title(title: "One")' 'Title(title: "Two")'
  # (a) a full disk under the log, then space again. Each POST /v1/reload logs a line.
  if mount -t tmpfs -o size=64k tmpfs "$d/full"; then
    mounts+=("$d/full")
    show c6 "$port" "$d/deck.ron" --dwell 2 --transition-seconds 0 --log-file "$d/full/show.log"
    up "$port" 20 || why+=("the show never answered")
    # Pad the log to a page boundary (tmpfs allocates by page), so its next line needs a new one.
    printf '%*s\n' $((4095 - $(stat -c %s "$d/full/show.log") % 4096)) '' >>"$d/full/show.log"
    dd if=/dev/zero of="$d/full/filler" bs=1k 2>/dev/null
    for _ in 1 2 3 4 5 6; do post "$port" reload; sleep 1; done
    grep -q "cannot write the log file" "$d/stderr" || why+=("stderr never said the file cannot be written")
    rm -f "$d/full/filler"
    log_resumes "$port" "$d/full/show.log"
    up "$port" 2 || why+=("the show stopped answering")
    result "log-full-and-readonly (disk full)" $((${#why[@]} > 0)) "64 KiB tmpfs filled, 6 lines logged, space freed:" \
      "file written again after $took s: $(grep -o 'the log file could not be written.*' "$d/full/show.log" | head -n1) ${why[*]:+-- ${why[*]}}"
    stop "$show"
    umount "$d/full"
  else
    result "log-full-and-readonly (disk full)" 1 "cannot mount a tmpfs here (not root?)"
  fi
  # (a') the log's folder read-only from the start, writable later.
  why=() took=never
  if mount -t tmpfs -o ro,size=64k tmpfs "$d/ro"; then
    mounts+=("$d/ro")
    show c6-ro $((port + 1)) "$d/deck.ron" --dwell 2 --transition-seconds 0 --log-file "$d/ro/show.log"
    up $((port + 1)) 20 || why+=("the show never answered")
    for _ in 1 2 3; do post $((port + 1)) reload; sleep 1; done
    grep -q "cannot write the log file" "$work/c6-ro/stderr" || why+=("stderr never said the file cannot be written")
    mount -o remount,rw "$d/ro"
    log_resumes $((port + 1)) "$d/ro/show.log"
    result "log-full-and-readonly (read-only folder)" $((${#why[@]} > 0)) "started with the folder read-only;" \
      "made writable: file created after $took s: $(grep -o 'the log file could not be written.*' "$d/ro/show.log" | head -n1) ${why[*]:+-- ${why[*]}}"
    stop "$show"
    umount "$d/ro"
  else
    result "log-full-and-readonly (read-only folder)" 1 "cannot mount a tmpfs here (not root?)"
  fi
  # (b) a log folder that does not exist.
  why=()
  dir=$d/does/not/exist
  show c6-missing $((port + 2)) "$d/deck.ron" --dwell 2 --transition-seconds 0 --log-file "$dir/show.log"
  up $((port + 2)) 20 || why+=("the show never answered")
  wait_log "$dir/show.log" "exhibit starting" 5 || why+=("no log file in $dir")
  result "log-full-and-readonly (missing folder)" $((${#why[@]} > 0)) "folder created: $( [ -d "$dir" ] && echo yes || echo no)," \
    "first line: $(head -n1 "$dir/show.log" 2>/dev/null | cut -c1-90) ${why[*]:+-- ${why[*]}}"
  stop "$show"
}

case7() {
  local d=$work/c7 port=$((base + 70)) offset t0 took before after open why mode name
  mkdir -p "$d"
  [ -e "$faketime_lib" ] || { result clock-step-while-closed 1 "no $faketime_lib (apt-get install faketime)"; return; }
  echo 'Deck(title: "Hours", exhibit: (transition: None, time_zone: "UTC", hours: [(days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], open: "10:00", close: "18:00")]), slides: [Title(title: "One"), Title(title: "Two")])' >"$d/deck.ron"
  # Supervised, the heartbeat wakes the window every 5 s; alone, only its one-minute re-check does.
  for mode in --supervised --no-supervisor; do
    why=() took=never name="clock-step-while-closed ($mode)"
    port=$((port + 1))
    # The fake clock: today 09:58:30 UTC, an offset from the real one that libfaketime re-reads.
    offset=$(python3 -c 'import datetime as d; n = d.datetime.now(d.timezone.utc); print(int((n.replace(hour=9, minute=58, second=30) - n).total_seconds()))')
    printf '%+d\n' "$offset" >"$d/clock$mode"
    show_env=(LD_PRELOAD="$faketime_lib" FAKETIME_TIMESTAMP_FILE="$d/clock$mode" FAKETIME_NO_CACHE=1 FAKETIME_DONT_FAKE_MONOTONIC=1)
    show "c7$mode" "$port" "$d/deck.ron" ${mode/--supervised/} --dwell 3 --transition-seconds 0 --log-file "$d/show$mode.log"
    show_env=()
    up "$port" 20 || why+=("the show never answered")
    wait_log "$d/show$mode.log" "outside opening hours" 10 || why+=("it never said it was closed")
    [ "$(field "$port" 'd["exhibit"]["open"]')" = False ] || why+=("the status did not say closed")
    sleep 3
    before=$(shot "$d/closed.png")
    # Two minutes past opening; no status requests while waiting (a request wakes the window).
    printf '%+d\n' $((offset + 210)) >"$d/clock$mode"
    t0=$(now)
    wait_log "$d/show$mode.log" "opening hours begin" 70 && took=$(since "$t0")
    [ "$took" != never ] && le "$took" 65 || why+=("not open within 65 s")
    sleep 1
    open=$(field "$port" 'd["exhibit"]["open"], d["slide"]')
    after=$(shot "/tmp/faults-clock$mode.png")
    le 0.3 "${after:-0}" || why+=("the screen is still dark")
    result "$name" $((${#why[@]} > 0)) "fake clock stepped 09:58:3x -> 10:02:0x UTC: \"opening hours begin\"" \
      "after $took s; status open, slide: ${open:-?}; screen mean brightness ${before:-?} closed -> ${after:-?} open" \
      "(/tmp/faults-clock$mode.png) ${why[*]:+-- ${why[*]}}"
    stop "$show"
  done
}

cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(1 2 3 4 5 6 7)
echo "# $bin ($(date -r "$bin" '+%F %T')), display $display, ports $base+"
for c in "${cases[@]}"; do
  if declare -F "case$c" >/dev/null; then "case$c"; else echo "no case $c (1-7)" >&2; fi
done
