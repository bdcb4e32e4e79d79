#!/bin/sh
# demo.sh: make demo's script, fast (DEMO_SPEED=0) into a folder of its
# own, checked from its pictures: it ends by itself, the test camera's
# frames (one per marker) differ from one another, the part grows in
# them, and the head, parked at the back right corner, is in none; the
# preview said so beforehand; a contact sheet and a video are left.  With
# UPDATE_README=1 the contact sheet is kept as tests/readme/contact-sheet.jpeg.
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
GL_BUILD=${GL_BUILD:-$GL_TOP/build}
PIC="$GL_BUILD/tools/picture"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0
tap() {
	if [ "$1" -eq 0 ]; then echo "ok - $2"; else echo "not ok - $2"; failed=1; fi
}

DEMO_OUT="$tmp/demo" DEMO_SPEED=0 timeout -k 10 240 \
    "$GL_TOP/scripts/demo.sh" "$GL_BUILD" >"$tmp/demo.log" 2>&1
rc=$?
tap $rc "scripts/demo.sh ended by itself, status 0 ($(tail -n 1 "$tmp/demo.log"))"
[ $rc -eq 0 ] || sed 's/^/# /' "$tmp/demo.log"
grep -q "the head is out of the picture in every frame" "$tmp/demo.log"
tap $? "the preview said the head is out of the picture"
seq=$(ls -d "$tmp"/demo/captures/*/ 2>/dev/null | head -n 1)
want=$(grep -c '^M291 P"gLapseCapture" S2' "$tmp/demo/print.gcode")
got=$(ls "$seq" 2>/dev/null | grep -c '\.jpeg$')
[ "$got" -eq "$want" ] && [ "$got" -gt 60 ]
tap $? "a frame per marker ($got frames, $want markers)"
distinct=$(for f in "$seq"/*.jpeg; do cksum <"$f"; done | sort -u | wc -l)
[ "$distinct" -eq "$got" ]
tap $? "the frames differ from one another ($distinct different of $got)"
"$PIC" "$seq"/*.jpeg >"$tmp/pic"
tap $? "every frame is a JPEG TurboJPEG decodes"
python3 - "$tmp/pic" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
def tap(ok, what):
    print("%s - %s" % ("ok" if ok else "not ok", what))
tap(all(int(r[4]) == 0 for r in rows), "the head is in none of the frames")
n = [int(r[10]) for r in rows]
top = [int(r[12]) for r in rows]
tap(all(top[i] >= top[i + 1] for i in range(len(top) - 1)) and top[0] - top[-1] > 100,
    "the part grows layer by layer (its top from row %d to row %d)" % (top[0], top[-1]))
tap(n[-1] > 2 * n[0], "and fills more of the picture (%d to %d pixels)" % (n[0], n[-1]))
PY
[ $? -eq 0 ] || failed=1
[ -s "$tmp/demo/contact-sheet.jpeg" ] && "$PIC" "$tmp/demo/contact-sheet.jpeg" >/dev/null
tap $? "a contact sheet"
if command -v ffprobe >/dev/null 2>&1; then
	n=$(ffprobe -v error -count_frames -select_streams v:0 \
	    -show_entries stream=nb_read_frames -of csv=p=0 "$tmp/demo/timelapse.mp4")
	[ "$n" = "$got" ]
	tap $? "a video with a frame per capture ($n)"
fi
if [ "${UPDATE_README:-}" = 1 ]; then
	mkdir -p "$GL_TOP/tests/readme"
	"$GL_BUILD/capture-agent" render "$seq" --contact-sheet --columns 4 \
	    --thumb-width 160 -o "$GL_TOP/tests/readme/contact-sheet.jpeg"
	tap $? "tests/readme/contact-sheet.jpeg updated"
fi
exit $failed
