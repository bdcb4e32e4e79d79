#!/usr/bin/env bash
# capture-agent against duetsim on a pty: USB, and the PanelDue port with
# XOR and CRC-16 checks, unsolicited lines, and the device vanishing.
. "$(dirname "$0")/agent_lib.sh"

scenario serial-usb serial "--link $TMP/tty-usb --serial-chatter 0.05" \
    "checksum = none"
scenario serial-xor serial "--checksum xor --serial-chatter 0.05" \
    "checksum = xor"
scenario serial-crc serial "--checksum crc --fault-slow-ms 30" \
    "checksum = crc"
scenario serial-reboot serial "--link $TMP/tty-reboot \
    --fault-reboot-at-line 18 --reboot-ms 800" "checksum = none"
exit "$FAILED"
