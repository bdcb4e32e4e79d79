#!/bin/bash
# A full disk in the middle of a print: frames fail and are logged, every
# marker is still acknowledged, the print finishes.  The full disk is a
# 24 KiB tmpfs over the captures folder (needs root, as CI has).
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=agent_lib.sh
. "$GL_TOP/tests/e2e/agent_lib.sh"

frames="$TMP/diskfull.frames"
mkdir -p "$frames"
if ! mount -t tmpfs -o size=24k tmpfs "$frames" 2>"$TMP/mount.err"; then
	echo "not ok - cannot make a small disk (mount tmpfs needs root): $(cat "$TMP/mount.err")"
	exit 1
fi
trap 'umount "$frames" 2>/dev/null; cleanup' EXIT

CAMERAS=$'[camera big]\ntype = test\nsize = 640x480'
NCAMERAS=0
scenario diskfull http "--speed 0" ""
stored=$(find "$frames" -name '*.jpeg' | wc -l)
[ "$stored" -ge 1 ] && [ "$stored" -lt 5 ]
tap $? "some frames fit, then the disk was full ($stored of 5 stored)"
grep -q "No space left on device" "$TMP/diskfull.agent"
tap $? "the agent says the disk is full"
left=$(find "$frames" \( -name '*.part' -o -name '.*.gl-*' \) | wc -l)
[ "$left" -eq 0 ]
tap $? "no partial frame left behind ($left)"
exit $FAILED
