#!/usr/bin/env bash
# capture-agent against duetsim's DSF (SBC) API.
. "$(dirname "$0")/agent_lib.sh"

scenario sbc-plain sbc "" ""
scenario sbc-password sbc "--fault-401-after 30" ""
scenario sbc-503 sbc "--fault-503-every 2 --fault-reset-every 7" ""
scenario sbc-reboot sbc "--fault-reboot-at-line 18 --reboot-ms 800" ""
# Issue 11: DSF on RRF 3.4 (its model says so) ignores M292 S as well
CAMERAS="[camera slow]
type = test
size = 160x120
download_ms = 300" scenario sbc-rrf34-swap sbc \
    "--rrf 3.4 --other-ui-ack-ms 30" "" other-ui
exit "$FAILED"
