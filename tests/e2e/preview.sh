#!/bin/sh
# preview.sh: gcode-lapse --preview, checked from the pictures themselves
# (tests/tools/picture counts the head's magenta and the filament's orange
# pixels in a JPEG): a real sliced cube seen from the front grows in
# height with the layers; a park point in the camera's view is reported
# and the head shows in the frames, one outside is not and does not; the
# report's JSON; the options' errors; the memory does not grow with the
# file.  With UPDATE_README=1 a frame is kept as tests/readme/preview.jpeg.
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
GL_BUILD=${GL_BUILD:-$GL_TOP/build}
GL="$GL_BUILD/gcode-lapse"
PIC="$GL_BUILD/tools/picture"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/preview.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0
tap() {	# tap STATUS DESCRIPTION
	if [ "$1" -eq 0 ]; then echo "ok - $2"; else echo "not ok - $2"; failed=1; fi
}
cube="$GL_TOP/tests/data/sliced/ps25_cube_marlin2_abs.gcode"
front="--camera 110,40,10 --look-at 110,110,10 --fov 40"

# 1. the cube from the front, the head parked far to the back right
"$GL" --preview $front --report json "$cube" -o "$tmp/cube/" >"$tmp/cube.json"
tap $? "gcode-lapse --preview wrote the frames of a real sliced cube"
n=$(ls "$tmp/cube" | grep -c '^[0-9]\{6\}\.jpeg$')
snaps=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["snapshot_count"])' "$tmp/cube.json")
[ "$n" -eq "$snaps" ] && [ "$n" -eq 67 ]
tap $? "one frame per snapshot, numbered like capture-agent's ($n frames, $snaps snapshots)"
"$PIC" "$tmp"/cube/*.jpeg >"$tmp/cube.pic"
tap $? "every frame is a JPEG TurboJPEG decodes"
python3 - "$tmp/cube.pic" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
def tap(ok, what):
    print("%s - %s" % ("ok" if ok else "not ok", what))
# FILE W H head N X0 Y0 X1 Y1 filament N X0 Y0 X1 Y1
top = [int(r[12]) for r in rows]          # the filament's highest row
height = [int(r[14]) - int(r[12]) + 1 for r in rows]
tap(all(r[1] == "640" and r[2] == "480" for r in rows), "640x480 by default")
tap(all(int(r[4]) == 0 for r in rows), "the head parked at the back right is in no frame")
tap(all(height[i] <= height[i + 1] for i in range(len(height) - 1)),
    "the block never shrinks (%d px after layer 1, %d after the last)" % (height[0], height[-1]))
per = (height[60] - height[10]) / 50.0
tap(per > 2, "and grows with the layers: %.1f px a layer from 10 to 60" % per)
tap(abs((height[35] - height[10]) - (height[60] - height[35])) < 0.35 * (height[60] - height[10]),
    "about evenly (%d px for layers 10-35, %d for 35-60)" % (height[35] - height[10], height[60] - height[35]))
tap(height[-1] > 200, "the finished cube stands %d px tall" % height[-1])
PY
[ $? -eq 0 ] || failed=1
python3 -c 'import json,sys; j=json.load(open(sys.argv[1]))["preview"]; sys.exit(not (j["head_in_picture"] == [] and j["frames"] == 67 and j["camera"] == [110, 40, 10] and j["fov"] == 40))' "$tmp/cube.json"
tap $? "the JSON report: 67 frames, the camera, the head in no picture"
"$GL" --preview $front "$cube" -o "$tmp/text/" 2>"$tmp/text.err"
grep -q "the head is out of the picture in every frame" "$tmp/text.err"
tap $? "the text report says the head is out of every picture"

# 2. parked behind the cube, in the camera's view
"$GL" --preview $front --park 110,160 --report json "$cube" -o "$tmp/in/" >"$tmp/in.json"
tap $? "a park point in the view"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not (j["preview"]["head_in_picture"] == list(range(1, 68)) and all(s["head_in_picture"] for s in j["snapshots"])))' "$tmp/in.json"
tap $? "is reported for every snapshot, in the list and in each snapshot"
"$PIC" "$tmp"/in/*.jpeg | awk '$5 < 2000 { bad++ } END { exit bad > 0 }'
tap $? "and the head's colour shows in every frame"
"$GL" --preview $front --park 110,160 "$cube" -o "$tmp/intext/" 2>"$tmp/intext.err"
grep -q "the head is in the picture in 67 of 67 frames: snapshots 1-67" "$tmp/intext.err"
tap $? "the text report lists them ($(tail -n 1 "$tmp/intext.err"))"

# 3. parked far to the left: outside
"$GL" --preview $front --park 0,200 --report json "$cube" -o "$tmp/out/" >"$tmp/out.json"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not (j["preview"]["head_in_picture"] == [] and not any(s["head_in_picture"] for s in j["snapshots"])))' "$tmp/out.json"
tap $? "a park point outside the view is not reported"
"$PIC" "$tmp"/out/*.jpeg | awk '$5 > 0 { bad++ } END { exit bad > 0 }'
tap $? "and the head's colour is in no frame"

# 4. the same options as a rewrite: every 10 layers, 1280x720
"$GL" --preview --every-layers 10 --size 1280x720 --report json "$cube" \
    -o "$tmp/ten/" >"$tmp/ten.json"
n=$(ls "$tmp/ten" | grep -c 'jpeg$')
snaps=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["snapshot_count"])' "$tmp/ten.json")
[ "$n" -eq "$snaps" ] && [ "$n" -lt 10 ] &&
    "$PIC" "$tmp/ten/000001.jpeg" | grep -q ' 1280 720 '
tap $? "--every-layers 10 --size 1280x720: $n frames of 1280x720 for $snaps snapshots"
"$GL" --report none "$cube" -o "$tmp/rewritten.gcode"
"$GL" --preview --report none "$tmp/rewritten.gcode" -o "$tmp/again/"
"$GL" --preview --report none "$cube" -o "$tmp/orig/"
[ "$(ls "$tmp/again" | grep -c 'jpeg$')" -eq 67 ] &&
    cmp -s "$tmp/again/000040.jpeg" "$tmp/orig/000040.jpeg"
tap $? "a file already rewritten is previewed as it is, the same pictures"
"$GL" --preview "$tmp/rewritten.gcode" -o "$tmp/again/" 2>&1 |
    grep -q "already processed, previewed as it is"
tap $? "and says so"

# 5. mistakes
expect() {	# expect DESCRIPTION STATUS PATTERN command...
	d=$1; want=$2; pat=$3; shift 3
	"$@" >/dev/null 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq "$want" ] && grep -q -- "$pat" "$tmp/err"
	tap $? "$d (status $rc: $(head -c 120 "$tmp/err"))"
}
expect "--camera with two numbers" 2 "camera: '1,2'" "$GL" --preview --camera 1,2 "$cube" -o "$tmp/x/"
expect "--fov 0" 2 "fov" "$GL" --preview --fov 0 "$cube" -o "$tmp/x/"
expect "--size 10x10" 2 "size" "$GL" --preview --size 10x10 "$cube" -o "$tmp/x/"
expect "a camera where it looks" 1 "the camera is where it looks" \
    "$GL" --preview --camera 1,2,3 --look-at 1,2,3 "$cube" -o "$tmp/x/"
expect "a missing input" 1 "MISSING.gcode: No such file" "$GL" --preview MISSING.gcode -o "$tmp/x/"
expect "a codec the container does not take" 2 "vp9 does not fit" \
    "$GL" --preview --render codec=vp9 "$cube" -o "$tmp/x.mp4"
expect "--render without =" 2 "KEY=VALUE" "$GL" --preview --render fps "$cube" -o "$tmp/x.mp4"
expect "--render with an unknown key" 2 "unknown key" "$GL" --preview --render speed=2 "$cube" -o "$tmp/x.mp4"

# 6. a video, through capture-agent's render and its [render] options
frames_of() {	# the frame count of a video
	ffprobe -v error -count_frames -select_streams v:0 \
	    -show_entries stream=nb_read_frames -of csv=p=0 "$1"
}
if command -v ffprobe >/dev/null 2>&1; then
	"$GL" --preview --report none "$cube" -o "$tmp/cube.mp4"
	[ "$(frames_of "$tmp/cube.mp4")" = 67 ] &&
	    [ "$(ffprobe -v error -show_entries stream=width,height -of csv=p=0 "$tmp/cube.mp4")" = 640,480 ]
	tap $? "-o cube.mp4: a 640x480 video with a frame per snapshot"
	[ -z "$(ls -A "$tmp" | grep gcode-lapse-preview)" ]
	tap $? "and no frames left beside it"
	cp "$cube" "$tmp/mine.gcode"
	"$GL" --preview --every-layers 10 --report none "$tmp/mine.gcode"
	[ -s "$tmp/mine.preview.mp4" ]
	tap $? "without -o: mine.preview.mp4 beside mine.gcode"
	"$GL" --preview --every-layers 10 --render fps=10 --report none "$cube" -o "$tmp/cube.webm"
	[ "$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,r_frame_rate -of csv=p=0 "$tmp/cube.webm")" = vp9,10/1 ]
	tap $? "-o cube.webm --render fps=10: VP9 at 10 frames a second"
	printf 'every-layers = 10\n[render]\nfps = 5\ncontainer = mkv\n' >"$tmp/profile.ini"
	"$GL" --config "$tmp/profile.ini" --preview --report none "$cube" -o "$tmp/cube.video"
	[ "$(ffprobe -v error -select_streams v:0 -show_entries stream=r_frame_rate -of csv=p=0 "$tmp/cube.video")" = 5/1 ] &&
	    ffprobe -v error -show_entries format=format_name -of csv=p=0 "$tmp/cube.video" | grep -q matroska
	tap $? "a profile's [render] section: Matroska at 5 frames a second"
	PATH=/nonexistent "$GL" --preview --report none "$cube" -o "$tmp/none.mp4" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 1 ] && grep -q "ffmpeg not found" "$tmp/err" && [ ! -e "$tmp/none.mp4" ] &&
	    [ -z "$(ls -A "$tmp" | grep gcode-lapse-preview)" ]
	tap $? "without ffmpeg: status $rc, said, nothing left ($(head -c 100 "$tmp/err"))"
else
	tap 1 "ffprobe missing: scripts/deps.sh test installs ffmpeg"
fi

# 7. progress on a terminal (script(1)'s pseudo-tty) for a file over 8 MiB
i=0
while [ $i -lt 40 ]; do cat "$cube"; i=$((i + 1)); done >"$tmp/forty.gcode"
script -qfec "'$GL' --preview --every-layers 200 --report none '$tmp/forty.gcode' -o '$tmp/p40/'" \
    /dev/null >"$tmp/tty" 2>&1
tr '\r' '\n' <"$tmp/tty" >"$tmp/lines"
grep -q "forty.gcode: 100%" "$tmp/lines" && [ "$(grep -c '%' "$tmp/lines")" -gt 2 ]
tap $? "progress on a terminal climbs to 100 % ($(grep -c '%' "$tmp/lines") lines)"
"$GL" --preview --every-layers 200 --report none "$tmp/forty.gcode" -o "$tmp/p40b/" 2>"$tmp/pipe"
! grep -q '%' "$tmp/pipe"
tap $? "and none on a pipe"

# 8. memory: ten times the file, the same memory (the picture's, not the
# moves'); not measured under AddressSanitizer, whose quarantine keeps
# what is freed
case $(basename "$GL_BUILD") in
*san*) echo "# peak memory: not measured in a sanitizer build"; exit $failed ;;
esac
i=0
while [ $i -lt 10 ]; do cat "$cube"; i=$((i + 1)); done >"$tmp/ten.gcode"
rss() { /usr/bin/time -f %M "$GL" --preview --every-layers 50 --report none "$1" -o "$2" 2>&1 >/dev/null | tail -n 1; }
one=$(rss "$cube" "$tmp/m1/")
ten=$(rss "$tmp/ten.gcode" "$tmp/m10/")
[ -n "$one" ] && [ -n "$ten" ] && [ "$ten" -lt $((one + 4096)) ]
tap $? "peak memory does not grow with the file (${one} kB, ten times the file ${ten} kB)"

if [ "${UPDATE_README:-}" = 1 ]; then
	mkdir -p "$GL_TOP/tests/readme"
	"$GL" --preview --camera 190,20,75 --look-at 105,125,15 --park 40,210 \
	    --report none "$cube" -o "$tmp/readme/" &&
	    cp "$tmp/readme/000045.jpeg" "$GL_TOP/tests/readme/preview.jpeg"
	tap $? "tests/readme/preview.jpeg updated"
fi
exit $failed
