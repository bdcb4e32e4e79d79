#!/bin/sh
# rewrite_hostile.sh: settings that would drive the inserted moves into
# the frame or stall the print (issue 11) are refused wherever they come
# from, naming the setting and its line, and --verify refuses blocks
# that go past the same limits.  The small files' cases are in
# tests/cases/hostile_*; here what needs a big file, a profile or an
# edited rewrite.
set -u
top=$(cd "${GL_TOP:-$(dirname "$0")/../..}" && pwd)
B=$(cd "${GL_BUILD:-$top/build}" 2>/dev/null && pwd)/gcode-lapse
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rewrite_hostile.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
src=$top/tests/cases/two_layers.gcode

# check NAME WANT-STATUS WANT-TEXT COMMAND...
check() {
	name=$1; want=$2; text=$3; shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "not ok - $name: status $rc, want $want: $(head -c 300 "$tmp/err")"
	elif ! grep -qF -- "$text" "$tmp/err"; then
		echo "not ok - $name: stderr lacks '$text': $(head -c 300 "$tmp/err")"
	else
		echo "ok - $name"
	fi
}

# A value in the tail of a file too big to read whole: its line counted.
{
	sed '/^; retract_length/d' "$src"
	awk 'BEGIN { for (i = 0; i < 400000; i++) print "; filler line " i }'
	echo "; retract_length = 1000000"
} >"$tmp/big.gcode"
n=$(wc -l <"$tmp/big.gcode")
check "a bad value in a big file's tail names its line" 1 \
    "big.gcode:$n: retract_length = 1000000: out of range (0 to 20 mm)" \
    "$B" --park 190,180 "$tmp/big.gcode" -o "$tmp/o.gcode"
[ ! -e "$tmp/o.gcode" ] && echo "ok - and nothing is written" ||
    echo "not ok - and nothing is written"

# A profile's value: the profile's line.
printf 'park = 190,180\nretract = 1000\n' >"$tmp/p.ini"
check "a profile's value out of range" 2 \
    "p.ini:2: retract = 1000: out of range (0 to 20 mm)" \
    "$B" --config "$tmp/p.ini" "$src" -o "$tmp/o.gcode"
check "a park point out of range" 2 \
    "--park = 1000000,10: out of range (-2000 to 2000 mm)" \
    "$B" --park 1000000,10 "$src" -o "$tmp/o.gcode"

# --verify: blocks edited past the limits.
"$B" --report none --park 190,180 "$src" -o "$tmp/good.gcode" || {
	echo "not ok - rewrite"; exit 1; }
if "$B" --verify --park 190,180 --quiet "$src" "$tmp/good.gcode"; then
	echo "ok - the rewrite verifies"
else
	echo "not ok - the rewrite verifies"
fi
# edit NAME WANT SED: the first block edited, --verify must say WANT
edit() {
	name=$1; want=$2; prog=$3
	sed "/^; gcode-lapse begin snapshot 1 /,/^; gcode-lapse end/$prog" \
	    "$tmp/good.gcode" >"$tmp/$name.gcode"
	if cmp -s "$tmp/good.gcode" "$tmp/$name.gcode"; then
		echo "not ok - $name: the edit did not apply"
		return
	fi
	check "--verify refuses $name" 1 "$want" \
	    "$B" --verify --park 190,180 "$src" "$tmp/$name.gcode"
}
edit huge_retraction "more than 20 mm" 's/^G1 E0 F2100$/G1 E-999999 F2100/'
edit huge_lift "more than 50 mm above the print" \
    's/^G1 Z0\.7 F600$/G1 Z1000.6 F600/'
edit far_park "out of range" 's/^G1 X190 Y180 F6000$/G1 X1000000 Y180 F6000/'
edit stalling_feed "travel speed out of range (5 to 1000 mm/s)" \
    's/^G1 X190 Y180 F6000$/G1 X190 Y180 F0.00006/'
