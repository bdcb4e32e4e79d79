#!/usr/bin/env bash
# capture-agent against duetsim's DSF (SBC) API.
. "$(dirname "$0")/agent_lib.sh"

scenario sbc-plain sbc "" ""
scenario sbc-password sbc "--fault-401-after 30" ""
scenario sbc-503 sbc "--fault-503-every 2 --fault-reset-every 7" ""
scenario sbc-reboot sbc "--fault-reboot-at-line 18 --reboot-ms 800" ""
exit "$FAILED"
