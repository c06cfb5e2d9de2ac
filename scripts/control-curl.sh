#!/usr/bin/env bash
# Drives the real app over show control with curl, as an AV desk or a script would: starts
# Lectern under Xvfb with --control and a token, then asks for the status, moves the show,
# changes the language, and tries a missing token, a bad body and an unknown path.
#   scripts/control-curl.sh
# Needs: xvfb, xdotool, curl (apt). Builds the release binary unless $LECTERN_BIN is set.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/xvfb-app.sh
port=${PORT:-7300}
token=demo-token
DISPLAY_NUMBER=${DISPLAY_NUMBER:-92} start_app --control "127.0.0.1:$port" --control-token "$token"
base=http://127.0.0.1:$port
auth=(-H "Authorization: Bearer $token")
show() { echo "\$ curl $*"; curl -sS -w '  -> HTTP %{http_code}\n' "$@"; echo; }
show "${auth[@]}" "$base/v1/status"
show "${auth[@]}" -X POST "$base/v1/next"
show "${auth[@]}" -X POST "$base/v1/goto" -d '{"id": "summit"}'
show "${auth[@]}" -X POST "$base/v1/language" -d '{"language": "kk"}'
show "${auth[@]}" -X POST "$base/v1/blank"
show -X POST "$base/v1/next"
show "${auth[@]}" -X POST "$base/v1/goto" -d '{slide: 3'
show "${auth[@]}" "$base/v1/quit"
DISPLAY=$display import -window root /tmp/control-curl.png
echo "screenshot of the window after these requests: /tmp/control-curl.png"
