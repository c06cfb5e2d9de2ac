#!/usr/bin/env bash
# Hostile clients against the real app's show control (the cases and why: the docstring of
# scripts/hostile-control.py): starts Lectern's exhibit (the bundled deck) under Xvfb with
# --control, --osc and a token, under `ulimit -Sn 1024` (the common descriptor limit, so
# descriptor exhaustion is what a venue PC would see), runs the cases, and takes a screenshot
# (/tmp/hostile-control.png). One summary line per case; if the app died, how it ended and the
# end of its stderr.
#   scripts/hostile-control.sh                        every case against one app
#   scripts/hostile-control.sh --cases b,c,d          some cases (letters or names)
#   scripts/hostile-control.sh --fresh-app-per-case   a new app for each case, so a crash in
#                                                     one does not hide the numbers of the rest
# Env: LECTERN_BIN (default ./target/release/lectern, built first), PORT (7400; OSC on
# PORT+1), TOKEN, DISPLAY_NUMBER (93), APP_STDERR (default /tmp/hostile-control-app.log).
# Needs: xvfb, xdotool, imagemagick (apt), python3 (standard library only).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/xvfb-app.sh
[ -n "${LECTERN_BIN:-}" ] || cargo build --release --quiet
export LECTERN_BIN=${LECTERN_BIN:-./target/release/lectern} DISPLAY_NUMBER=${DISPLAY_NUMBER:-93}
port=${PORT:-7400}
osc_port=$((port + 1))
token=${TOKEN:-hostile-token}
log=${APP_STDERR:-/tmp/hostile-control-app.log}
fresh=no
cases=a,b,c,d,e,f,g,h,i
while [ $# -gt 0 ]; do
  case $1 in
    --fresh-app-per-case) fresh=yes ;;
    --cases) cases=$2; shift ;;
    --cases=*) cases=${1#--cases=} ;;
    *) echo "usage: $0 [--cases a,b,...] [--fresh-app-per-case]" >&2; exit 2 ;;
  esac
  shift
done
ulimit -Sn 1024

# Starts the app (sets $app, $display, $xvfb) with its stderr in $1, once an earlier run's
# Xvfb has left the display and its app the port (10 s at most).
start() {
  for _ in $(seq 50); do
    if [ ! -e "/tmp/.X$DISPLAY_NUMBER-lock" ] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.2
  done
  # start_app's sizing of the window may fail (quietly) once the window is up: not this script's concern.
  set +e
  APP_STDERR=$1 start_app exhibit --no-supervisor --control "127.0.0.1:$port" --osc "127.0.0.1:$osc_port" \
    --control-token "$token"
  set -e
  echo "# lectern $LECTERN_BIN pid $app on $display, http $port, osc $osc_port, descriptors $(ulimit -Sn)"
}

# If the app is gone (or a zombie not yet reaped), says how it ended, with its last words.
how_it_ended() {
  local state rc=0
  state=$(awk '/^State:/ {print $2}' "/proc/$app/status" 2>/dev/null || true)
  [ -n "$state" ] && [ "$state" != Z ] && return 0
  wait "$app" 2>/dev/null || rc=$?
  echo "# the app ended with status $rc$( [ "$rc" -gt 128 ] && echo " (signal $((rc - 128)))")"
  { grep -m 3 -E 'panicked|memory allocation|fatal|abort' "$1" || tail -n 3 "$1"; } | sed 's/^/# app stderr: /'
}

stop() {
  kill "$app" "$xvfb" 2>/dev/null || true
  wait "$app" "$xvfb" 2>/dev/null || true
}

run() { python3 scripts/hostile-control.py --pid "$app" --port "$port" --osc-port "$osc_port" --token "$token" "$@"; }

status=0
if [ "$fresh" = no ]; then
  start "$log"
  run --cases "$cases" || status=$?
  how_it_ended "$log"
  DISPLAY=$display import -window root /tmp/hostile-control.png && echo "# screenshot: /tmp/hostile-control.png"
  stop
else
  for c in ${cases//,/ }; do
    start "${log%.log}-$c.log"
    run --cases "$c" || status=$?
    how_it_ended "${log%.log}-$c.log"
    DISPLAY=$display import -window root "/tmp/hostile-control-$c.png" && cp "/tmp/hostile-control-$c.png" /tmp/hostile-control.png
    stop
  done
  echo "# screenshots: /tmp/hostile-control-{${cases}}.png (the last also as /tmp/hostile-control.png)"
fi
exit "$status"
