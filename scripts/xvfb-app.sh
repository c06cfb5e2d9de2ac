# Sourced by the scripts that drive the real app under Xvfb (not run on its own).
# start_app ARGS...: builds the release binary, starts Xvfb on :$DISPLAY_NUMBER (default 97)
# and Lectern with ARGS, sizes and focuses its window. Sets $display, $app and $window, and
# stops both processes when the calling script exits. The app's stderr goes to $APP_STDERR
# (default: nowhere). $LECTERN_BIN runs another binary (a copy, for runs that outlast a
# rebuild). $SCREEN_SIZE is the screen and window size (default 1600x900).
# Needs: xvfb, xdotool (apt).
# start_xvfb [DISPLAY_NUMBER] [SIZE]: a fresh 0700 XDG_RUNTIME_DIR and an Xvfb screen
# (default :97, 1600x900), exported as DISPLAY; sets $display and $xvfb (the caller stops it).
start_xvfb() {
  XDG_RUNTIME_DIR=$(mktemp -d) && chmod 700 "$XDG_RUNTIME_DIR" && export XDG_RUNTIME_DIR
  display=:${1:-97}
  export DISPLAY=$display
  Xvfb "$display" -screen 0 "${2:-1600x900}x24" >/dev/null 2>&1 &
  xvfb=$!
  sleep 1
}

start_app() {
  [ -n "${LECTERN_BIN:-}" ] || cargo build --release --quiet
  size=${SCREEN_SIZE:-1600x900}
  start_xvfb "${DISPLAY_NUMBER:-97}" "$size"
  trap 'kill $app $xvfb 2>/dev/null || true' EXIT
  DISPLAY=$display "${LECTERN_BIN:-./target/release/lectern}" "$@" 2>"${APP_STDERR:-/dev/null}" &
  app=$!
  window=$(DISPLAY=$display xdotool search --sync --pid "$app" | head -n1)
  DISPLAY=$display xdotool windowsize "$window" "${size%x*}" "${size#*x}" windowmove "$window" 0 0 windowfocus "$window" 2>/dev/null
  sleep 2
}
