#!/bin/bash
# camera_print.sh: the test camera's picture = print films the simulated
# print, checked from the pictures: real PrusaSlicer output rewritten by
# gcode-lapse, "printed" by the Duet simulator, capture-agent firing two
# such cameras at every marker.  One stands where the head, parked at the
# back right corner, is out of its picture: the head's magenta is in none
# of its frames while the part grows; the other looks at the park point:
# the head is in every one of its frames.  The file is fetched once, and
# a frame is what gcode-lapse --preview draws from the same place.  Then
# the same camera on a printer that prints another file: it starts again
# from the empty bed (its frames are the other file's preview).
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
GL_BUILD=${GL_BUILD:-$GL_TOP/build}
# shellcheck source=agent_lib.sh
. "$GL_TOP/tests/e2e/agent_lib.sh"
GL="$GL_BUILD/gcode-lapse"
PIC="$GL_BUILD/tools/picture"

src="$GL_TOP/tests/data/sliced/ps25_cube_marlin2_abs.gcode"
"$GL" --report none "$src" -o "$TMP/print.gcode"
tap $? "gcode-lapse rewrote the cube, parking at the back right corner"
want=$(grep -c '^M291 P"gLapseCapture" S2' "$TMP/print.gcode")

JOB="$TMP/print.gcode"
# cam NAME VIEW EXTRA: a test camera filming the print from VIEW
cam() {
	printf '[camera %s]\ntype = test\npicture = print\nurl = @URL@\n' "$1"
	printf 'password = %s%s%s\n' "${GL_QUOTE-\"}" "$PRINTER_SECRET" \
	    "${GL_QUOTE-\"}"
	printf 'bed = 0,0,220,220\n%s\n%s\ntimeout_ms = 10000\n\n' "$2" "$3"
}
CAMERAS="$(cam away "camera = 170,60,40
look_at = 110,110,8" "quality = 90")
$(cam park "camera = 110,40,60
look-at = 200,200,20" "size = 320x240")"
# the printer's address is known once the simulator is up: start_sim is
# wrapped to put it in the cameras' url
eval "orig_$(declare -f start_sim)"
start_sim() {
	orig_start_sim "$@"
	CAMERAS=${CAMERAS//@URL@/http:\/\/$ADDR\/}
}
NCAMERAS=2
export NCAMERAS
scenario camprint http "--speed 0" ""

seq=$(ls -d "$TMP"/camprint.frames/*/ 2>/dev/null | head -n 1)
for cam in away park; do
	got=$(ls "$seq/$cam" 2>/dev/null | grep -c '\.jpeg$')
	[ "$got" -eq "$want" ]
	tap $? "$cam: one frame per capture marker ($got frames, $want markers)"
done
"$PIC" "$seq"/away/*.jpeg >"$TMP/away.pic" && "$PIC" "$seq"/park/*.jpeg >"$TMP/park.pic"
tap $? "every frame is a JPEG TurboJPEG decodes"
python3 - "$TMP/away.pic" "$TMP/park.pic" <<'PY'
import sys
def rows(p):
    return [l.split() for l in open(p)]
def tap(ok, what):
    print("%s - %s" % ("ok" if ok else "not ok", what))
away, park = rows(sys.argv[1]), rows(sys.argv[2])
tap(all(int(r[4]) == 0 for r in away),
    "away: the head is in none of its %d frames" % len(away))
top = [int(r[12]) for r in away]
tap(all(top[i] >= top[i + 1] for i in range(len(top) - 1)) and top[0] - top[-1] > 100,
    "away: the part grows (its top from row %d to row %d)" % (top[0], top[-1]))
tap(len(set(r[10] for r in away)) > len(away) // 2,
    "away: the frames differ from one another")
tap(all(r[1:3] == ["320", "240"] and int(r[4]) > 500 for r in park),
    "park: the head is in every one of its frames (%d to %d pixels)" %
    (min(int(r[4]) for r in park), max(int(r[4]) for r in park)))
PY
[ $? -eq 0 ] || FAILED=1
n=$(grep -c '"event": "download"' "$TMP/camprint.events")
[ "$n" -eq 2 ]
tap $? "each camera fetched the file once ($n downloads for $want frames each)"

"$GL" --preview --camera 170,60,40 --look-at 110,110,8 --report none \
    "$src" -o "$TMP/preview/"
same=0
for f in 000001 000020 000045 "$(printf %06d "$want")"; do
	cmp -s "$TMP/preview/$f.jpeg" "$seq/away/$f.jpeg" && same=$((same + 1))
done
[ "$same" -eq 4 ]
tap $? "the camera's frames are the preview's from the same place ($same of 4 the same bytes)"

# Another file on the same printer, the same agent watching: the camera
# fetches it and starts again from the bed.
vase="$GL_TOP/tests/data/sliced/ps25_cylinder_vase.gcode"
"$GL" --report none "$vase" -o "$TMP/vase.gcode"
orig_start_sim first http "--speed 0"
url="http://$ADDR/"
cat >"$TMP/two.conf" <<CONF
[printer]
type = duet-http
url = $url
password = ${GL_QUOTE-\"}$PRINTER_SECRET${GL_QUOTE-\"}
poll_interval_ms = 50
request_timeout_ms = 1500
[captures]
directory = $TMP/two.frames
[render]
auto = no
$(cam away "camera = 170,60,40
look_at = 110,110,8" "quality = 90" | sed "s|@URL@|$url|")
CONF
start_agent "$TMP/two.conf" "$TMP/two.agent"
wait "$SIMPID"
rc1=$?
JOB="$TMP/vase.gcode"
orig_start_sim second http "--speed 0 --port ${ADDR##*:}"
wait "$SIMPID"
rc2=$?
SIMPID=""
stop_agent TERM
[ "$rc1" -eq 0 ] && [ "$rc2" -eq 0 ]
tap $? "two prints in a row on one printer, one agent ($rc1, $rc2)"
grep -q '"event": "download"' "$TMP/second.events"
tap $? "the camera fetched the second file"
seq2=$(ls -d "$TMP"/two.frames/*/ 2>/dev/null | tail -n 1)
"$GL" --preview --camera 170,60,40 --look-at 110,110,8 --report none \
    "$vase" -o "$TMP/vase-preview/"
n=$(ls "$TMP/vase-preview" | grep -c 'jpeg$')
same=0
for f in 000001 000030 "$(printf %06d "$n")"; do
	cmp -s "$TMP/vase-preview/$f.jpeg" "$seq2/$f.jpeg" && same=$((same + 1))
done
[ "$same" -eq 3 ] && [ "$seq2" != "$(ls -d "$TMP"/two.frames/*/ | head -n 1)" ]
tap $? "its frames are the second file's alone, as previewed ($same of 3 the same bytes)"
exit $FAILED
