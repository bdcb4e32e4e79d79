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
grep -q 'printer unreachable' "$TMP/http-reboot.agent"
tap $? "http-reboot: the outage logged"
# (the simulator going away at the end of the test may add one more)
[ "$(sed '/reachable again/q' "$TMP/http-reboot.agent" |
    grep -c 'printer unreachable')" -eq 1 ]
tap $? "http-reboot: the outage logged once, not per poll"
grep -q 'reachable again' "$TMP/http-reboot.agent"
tap $? "http-reboot: the return logged"
exit "$FAILED"
