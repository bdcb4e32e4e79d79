#!/bin/bash
# The whole chain as a user meets it: real PrusaSlicer output with a
# user's own prompt in it (as a custom layer G-code would put it), rewritten
# by gcode-lapse and verified, "printed" by the Duet simulator with network
# faults while the real capture-agent watches it with a test camera, then
# rendered.  Asserts: the rewrite verifies; the print finished; no P1; the
# user's prompt left to the user; one frame per gLapseCapture marker in the
# file, no more, no less; a video with one frame per capture.
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
GL_BUILD=${GL_BUILD:-$GL_TOP/build}
# shellcheck source=agent_lib.sh
. "$GL_TOP/tests/e2e/agent_lib.sh"
GL="$GL_BUILD/gcode-lapse"

src="$GL_TOP/tests/data/sliced/ps25_cube_marlin2_zhop.gcode"
# the user's own prompt after the third layer change
awk '/^;LAYER_CHANGE/ { n++ } { print } n == 3 && !done && /^;LAYER_CHANGE/ {
	print "M291 P\"Check the first layers\" S2"; done = 1 }' "$src" \
    >"$TMP/sliced.gcode"
"$GL" --report none "$TMP/sliced.gcode" -o "$TMP/rewritten.gcode"
tap $? "gcode-lapse rewrote real slicer output with a user prompt in it"
"$GL" --verify --quiet "$TMP/sliced.gcode" "$TMP/rewritten.gcode"
tap $? "the rewrite verifies: the print comes out the same"
want=$(grep -c '^M291 P"gLapseCapture" S2' "$TMP/rewritten.gcode")
[ "$want" -gt 60 ]
tap $? "a capture marker per layer in the file ($want)"

JOB="$TMP/rewritten.gcode"
CAMERAS=$'[camera cam]\ntype = test\nsize = 320x240'
NCAMERAS=1
export NCAMERAS
scenario pipeline http "--speed 0 --fault-503-every 9 --fault-reset-every 13" ""

seq=$(ls -d "$TMP"/pipeline.frames/*/ 2>/dev/null | head -n 1)
got=$(ls "$seq" 2>/dev/null | grep -c '\.jpeg$')
[ "$got" -eq "$want" ]
tap $? "one frame per capture marker ($got frames, $want markers)"

if command -v ffprobe >/dev/null 2>&1; then
	"$AGENT" render "$seq" -q -o "$TMP/print.mp4" >/dev/null 2>"$TMP/render.err"
	tap $? "capture-agent render made a video ($(head -c 200 "$TMP/render.err"))"
	n=$(ffprobe -v error -count_frames -select_streams v:0 \
	    -show_entries stream=nb_read_frames -of csv=p=0 "$TMP/print.mp4")
	[ "$n" = "$got" ]
	tap $? "the video has a frame per capture ($n)"
else
	tap 1 "ffprobe missing: scripts/deps.sh test installs ffmpeg"
fi
exit $FAILED
