#!/usr/bin/env bash
# capture-agent against duetsim's standalone RRF web server (rr_ API),
# clean and with every fault the simulator has.
. "$(dirname "$0")/agent_lib.sh"

scenario http-plain http "" ""
scenario http-password http "--fault-401-after 25" ""
scenario http-503 http "--fault-503-every 2" ""
scenario http-reset http "--fault-reset-every 4" ""
scenario http-slow http "--fault-slow-ms 150" ""
scenario http-reboot http "--fault-reboot-at-line 18 --reboot-ms 800" ""
scenario http-other-ui http "--other-ui-ack-ms 20 --fault-slow-ms 40" "" \
    other-ui
scenario http-rrf34 http "--rrf 3.4" ""
scenario http-rrf20 http "--rrf 2.0" ""
CAMERAS="[camera main]
type = test" NCAMERAS=1 scenario http-camera http "" ""
CAMERAS="[camera left]
type = test
[camera right]
type = test" NCAMERAS=2 scenario http-two-cameras http "--fault-reset-every 5" ""
# Issue 11: RRF 3.4 ignores M292 S and closes whatever box is shown.  The
# other UI closes each marker 30 ms after it shows, while the camera (300
# ms) still fires; the job goes on to the user's prompt, which the agent's
# M292 must not close: the agent looks again before acknowledging.
CAMERAS="[camera slow]
type = test
size = 160x120
download_ms = 300" scenario http-rrf34-swap http \
    "--rrf 3.4 --other-ui-ack-ms 30" "" other-ui
grep -q 'was closed while the cameras fired.*not acknowledged' \
    "$TMP/http-rrf34-swap.agent"
tap $? "http-rrf34-swap: the box closed by someone else was not acknowledged"
# Issue 11: one 404 from rr_model on a board without rr_status (3.6): the
# agent must not stay on rr_status for good (before: every marker blocked)
scenario http-404-once http "--no-rr-status --fault-404-model 3" ""
# Issue 11: box messages that are not ours with control characters: an
# escape sequence is logged escaped, not raw; a \u0000 in a message is the
# box's business (not ours), the poll does not fail
printf 'M291 P"gLapseInitialize" S2\nM291 P"Nozzle\033[2J\033[Hfake: line" S2\nM291 P"gLapseCapture\000" S2\nM291 P"gLapseCapture" S2\nM291 P"gLapseFinish" S2\n' \
    >"$TMP/ctrl.gcode"
JOB="$TMP/ctrl.gcode" MIN_MARKERS=3 scenario http-control http "" ""
! grep -q "$(printf '\033')" "$TMP/http-control.agent" &&
    grep -q 'not ours ("Nozzle\\x1b\[2J\\x1b\[Hfake: line")' \
    "$TMP/http-control.agent"
tap $? "http-control: the escape sequence logged escaped"
grep -q 'not ours ("gLapseCapture\\x00")' "$TMP/http-control.agent" &&
    ! sed '/sequence .* finished/q' "$TMP/http-control.agent" |
    grep -q 'unreachable'

tap $? "http-control: a NUL in a message: the box not ours, no poll failed"
grep -q 'printer unreachable' "$TMP/http-reboot.agent"
tap $? "http-reboot: the outage logged"
# (the simulator going away at the end of the test may add one more)
[ "$(sed '/reachable again/q' "$TMP/http-reboot.agent" |
    grep -c 'printer unreachable')" -eq 1 ]
tap $? "http-reboot: the outage logged once, not per poll"
grep -q 'reachable again' "$TMP/http-reboot.agent"
tap $? "http-reboot: the return logged"
exit "$FAILED"
