#!/bin/bash
# Issue 11: what a print waits per frame.
#
#   dead-camera: a snapshot URL that never answers (timeout_ms = 500) beside
#     a working camera, 10 captures: the first shots cost the timeout, then
#     the dead camera is no longer waited for (before: 554 ms at every
#     frame, for the whole print); it is said once, and still tried;
#   back-to-back: gLapseCapture followed at once by gLapseFinish, with
#     poll_interval_ms = 1000: the second box is seen at once after the
#     first one's acknowledgement (before: a whole poll interval).
# Medians, with wide margins: other tests may load the machine.
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=agent_lib.sh
. "$GL_TOP/tests/e2e/agent_lib.sh"

# box_ms EVENTS MESSAGE: the ms each MESSAGE box was shown, in order
box_ms() {
	"$PY" -c 'import json,sys
print(" ".join(str(e["ms_shown"]) for e in map(json.loads, open(sys.argv[1]))
    if e["event"] == "box_closed" and e["message"] == sys.argv[2]))' "$1" "$2"
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

"$PY" "$GL_TOP/tests/sim/httpcam.py" >"$TMP/cam.ready" &
CAMPID=$!
trap 'kill $CAMPID 2>/dev/null; cleanup' EXIT
wait_for 5 grep -q READY "$TMP/cam.ready"
cam=$(sed -n 's/^READY http //p' "$TMP/cam.ready")

NCAPS=10
JOB="$TMP/dead.gcode"
capture_job "$JOB" $NCAPS 5000	# 0.1 s apart at --speed 50
CAMERAS="[camera dead]
type = http
url = http://$cam/slow?ms=60000
timeout_ms = 500
[camera main]
type = test
size = 160x120" MIN_MARKERS=$((NCAPS + 2)) scenario dead-camera http "" ""
ms=$(box_ms "$TMP/dead-camera.events" gLapseCapture)
echo "# dead-camera: capture boxes held $ms ms"
late=$(echo "$ms" | cut -d' ' -f5- | median)
[ -n "$late" ] && [ "$late" -lt 250 ]
tap $? "dead-camera: from the 5th frame on the print waits $late ms (median), not the 500 ms timeout"
n=$(grep -c "no longer waited for" "$TMP/dead-camera.agent")
[ "$n" -eq 1 ]
tap $? "dead-camera: said once ($n)"
n=$(find "$TMP/dead-camera.frames" -path '*/main/*.jpeg' | wc -l)
[ "$n" -eq "$NCAPS" ]
tap $? "dead-camera: the working camera stored every frame ($n of $NCAPS)"

JOB="$TMP/pairs.gcode"
{
	for i in 1 2 3 4 5; do
		echo 'M291 P"gLapseInitialize" S2'
		echo "G4 P50000"	# 1 s
		echo 'M291 P"gLapseCapture" S2'
		echo 'M291 P"gLapseFinish" S2'
	done
} >"$JOB"
CAMERAS="" MIN_MARKERS=15 scenario back-to-back http "--timeout 60" \
    "poll_interval_ms = 1000"
ms=$(box_ms "$TMP/back-to-back.events" gLapseFinish)
echo "# back-to-back: gLapseFinish boxes held $ms ms"
m=$(echo "$ms" | median)
[ -n "$m" ] && [ "$m" -lt 400 ]
tap $? "back-to-back: the box after an acknowledgement waits $m ms (median), not the 1000 ms poll interval"
exit "$FAILED"
