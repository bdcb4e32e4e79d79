#!/bin/bash
# A Pi camera configured where there is none, beside a working camera: the
# agent says so at start-up (and with -n), the print goes on, and the
# other camera stores a frame at every marker.
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=agent_lib.sh
. "$GL_TOP/tests/e2e/agent_lib.sh"

cams=$'[camera pi]\ntype = libcamera\n[camera side]\ntype = test\nsize = 160x120'
cat >"$TMP/check.conf" <<CONF
[printer]
url = http://127.0.0.1:9/
[captures]
directory = $TMP/check.frames
$cams
CONF
"$AGENT" -n -c "$TMP/check.conf" >"$TMP/check.out" 2>&1
rc=$?
if grep -q "built without libcamera" "$TMP/check.out"; then
	# a build without libcamera says so clearly instead
	tap $((rc == 1 ? 0 : 1)) "-n: a libcamera camera in a build without it is refused, named"
	cams=$'[camera side]\ntype = test\nsize = 160x120'
else
	tap $rc "-n: the configuration checks out"
	grep -q "^camera pi: .*no camera found" "$TMP/check.out"
	tap $? "-n: the missing Pi camera is named ($(head -c 200 "$TMP/check.out"))"
	grep -q "^camera side: ready" "$TMP/check.out"
	tap $? "-n: the test camera is ready"
fi

CAMERAS=$cams
NCAMERAS=1
export NCAMERAS
scenario cameras http "--speed 0" ""
if [ -e "$TMP/cameras.agent" ] && grep -q "camera pi" "$TMP/check.out"; then
	n=$(grep -c "camera pi: .*no camera found.*tried again" "$TMP/cameras.agent")
	[ "$n" -eq 1 ]
	tap $? "the agent said once at start-up that the Pi camera is missing ($n)"
fi
exit $FAILED
