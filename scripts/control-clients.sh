#!/usr/bin/env bash
# Drives the real app over show control with clients nobody here wrote, as an AV desk or a
# script would: starts Lectern under Xvfb with --control, --osc and a token; with curl asks
# for the status, moves the show, changes the language, and tries a missing token, a bad
# body and an unknown path; with oscsend (liblo) sends OSC, then reads the status again;
# curl -N reads the event stream meanwhile, and curl reads the Prometheus metrics.
#   scripts/control-clients.sh            presenting
#   scripts/control-clients.sh exhibit    the same requests to an exhibit (the loop's screen)
# Needs: xvfb, xdotool, curl, liblo-tools (apt); python3-prometheus-client (apt) to parse the
# metrics. Builds the release binary unless $LECTERN_BIN is set.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/xvfb-app.sh
port=${PORT:-7300}
osc_port=$((port + 1))
token=demo-token
mode=()
[ "${1:-present}" = exhibit ] && mode=(exhibit --no-supervisor)
DISPLAY_NUMBER=${DISPLAY_NUMBER:-92} start_app "${mode[@]}" --control "127.0.0.1:$port" --osc "127.0.0.1:$osc_port" \
  --control-token "$token"
base=http://127.0.0.1:$port
auth=(-H "Authorization: Bearer $token")
show() { echo "\$ curl $*"; curl -sS -w '  -> HTTP %{http_code}\n' "$@"; echo; }
# The event stream, read by curl while the requests below change the show.
events=$(mktemp)
curl -sN "${auth[@]}" "$base/v1/events" > "$events" &
events_pid=$!
sleep 0.5
show "${auth[@]}" "$base/v1/status"
show "${auth[@]}" -X POST "$base/v1/next"
show "${auth[@]}" -X POST "$base/v1/goto" -d '{"id": "summit"}'
show "${auth[@]}" -X POST "$base/v1/language" -d '{"language": "kk"}'
show "${auth[@]}" -X POST "$base/v1/blank"
show -X POST "$base/v1/next"
show "${auth[@]}" -X POST "$base/v1/goto" -d '{slide: 3'
show "${auth[@]}" "$base/v1/quit"
summary() { curl -sS "${auth[@]}" "$base/v1/status" | grep -E '"(slide|id|language|blanked|visitor_active)"' | tr -d ' \n'; echo; }
echo "\$ oscsend 127.0.0.1 $osc_port /lectern/goto si $token 12"
oscsend 127.0.0.1 "$osc_port" /lectern/goto si "$token" 12
sleep 0.3; summary
echo "\$ oscsend 127.0.0.1 $osc_port /lectern/language ss $token ru"
oscsend 127.0.0.1 "$osc_port" /lectern/language ss "$token" ru
echo "\$ oscsend 127.0.0.1 $osc_port /lectern/next            (no token: dropped)"
oscsend 127.0.0.1 "$osc_port" /lectern/next
sleep 0.3; summary
kill "$events_pid" 2>/dev/null || true
echo "\$ curl -N $base/v1/events   (read during all of the above)"
grep '^data: ' "$events" | sed 's/^\(.\{150\}\).*/\1…/'
echo "\$ curl $base/metrics"
curl -sS "${auth[@]}" "$base/metrics" | grep -v '^#'
if /usr/bin/python3 -c 'import prometheus_client' 2>/dev/null; then
  echo "\$ curl $base/metrics | python3 (prometheus_client's text-format parser)"
  curl -sS "${auth[@]}" "$base/metrics" | /usr/bin/python3 -c '
import sys
from prometheus_client.parser import text_string_to_metric_families
families = list(text_string_to_metric_families(sys.stdin.read()))
print(f"parsed {len(families)} metric families:", ", ".join(f"{f.name} ({f.type})" for f in families))'
fi
DISPLAY=$display import -window root /tmp/control-clients.png
echo "screenshot of the window after these requests: /tmp/control-clients.png"
