#!/bin/sh
# reader_lineends.sh: files whose lines end in CR alone (an old Mac's), in
# CR CR LF (IceSL), or that start with a UTF-8 byte order mark are
# rewritten and verified; UTF-16 text is refused with a message saying
# what to do.
set -u
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${GL_BUILD:-$top/build}/gcode-lapse
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
opts="--bed 0,0,200,200 --retract 1 --travel-speed 100 --firmware marlin2"

body() {	# EOL: a two-layer print with lines ending in EOL
	for l in G28 G90 M83 ';LAYER_CHANGE' 'G1 Z0.2 F600' 'G1 X10 Y10 F6000' \
	    'G1 X20 Y10 E1 F1200' ';LAYER_CHANGE' 'G1 Z0.4 F600' \
	    'G1 X10 Y10 E1 F1200'; do
		printf '%s%b' "$l" "$1"
	done
}

# rewrite_verify NAME FILE: rewritten with snapshots, and verified
rewrite_verify() {
	# shellcheck disable=SC2086
	if ! "$bin" $opts --report json "$2" -o "$tmp/out.gcode" \
	    >"$tmp/rep" 2>"$tmp/err"; then
		echo "not ok - $1: rewrite failed: $(head -c 300 "$tmp/err")"
		return
	fi
	n=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["snapshot_count"])' "$tmp/rep")
	[ "$n" -ge 2 ] && echo "ok - $1: $n snapshots" ||
	    echo "not ok - $1: $n snapshots"
	# shellcheck disable=SC2086
	"$bin" --verify $opts "$2" "$tmp/out.gcode" >/dev/null 2>"$tmp/err" &&
	    echo "ok - $1: verified" ||
	    echo "not ok - $1: verify: $(head -c 300 "$tmp/err")"
}

body '\r' >"$tmp/cr.gcode"
rewrite_verify "CR-only line ends" "$tmp/cr.gcode"
grep -q "cr.gcode:1: lines end in CR alone" "$tmp/err" ||
    "$bin" --info --firmware rrf "$tmp/cr.gcode" 2>&1 >/dev/null |
    grep -q "cr.gcode:1: lines end in CR alone.*RepRapFirmware" &&
    echo "ok - CR-only: RepRapFirmware's reading is warned about" ||
    echo "not ok - CR-only: no warning for RepRapFirmware"
[ "$("$bin" --info --json "$tmp/cr.gcode" 2>/dev/null |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["lines"])')" = 10 ] &&
    echo "ok - CR-only: 10 lines" || echo "not ok - CR-only: not 10 lines"

body '\r\r\n' >"$tmp/crcrlf.gcode"
rewrite_verify "CR CR LF line ends" "$tmp/crcrlf.gcode"

{ printf '\357\273\277'; body '\n'; } >"$tmp/bom.gcode"
rewrite_verify "a UTF-8 byte order mark" "$tmp/bom.gcode"
head -c 3 "$tmp/out.gcode" | od -An -tx1 | grep -q "ef bb bf" &&
    echo "ok - the byte order mark is kept" ||
    echo "not ok - the byte order mark is lost"

printf '\377\376G\0001\000\n\000' >"$tmp/utf16.gcode"
# shellcheck disable=SC2086
"$bin" $opts "$tmp/utf16.gcode" -o "$tmp/out16.gcode" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "UTF-16 text: save the file as UTF-8" "$tmp/err" &&
    echo "ok - UTF-16 text refused, saying what to do" ||
    echo "not ok - UTF-16: $(head -c 300 "$tmp/err")"
