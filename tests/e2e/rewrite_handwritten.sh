#!/bin/sh
# rewrite_handwritten.sh: the slicer-hook behaviour on a small hand-written
# file: in place, mode kept, a second run is a no-op, failures leave the
# file as it was, the profile file and the final name.  The hand-written
# rewrite cases themselves (arcs, helical moves, inches, G92 offsets,
# relative XYZ, tool changes with RRF G10 P settings, firmware retraction,
# the user's commands, pause and resume) are data in tests/cases/.
set -u
B=${GL_BUILD:-build}/gcode-lapse
T=${GL_TOP:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rewrite_hand.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
opts="--bed 0,0,200,200 --retract 1 --travel-speed 100 --park 190,190"

# the slicer hook: in place
src=$tmp/cmds.gcode
cp "$T/tests/cases/commands.gcode" "$src"
cp "$src" "$tmp/hook.gcode"
chmod 640 "$tmp/hook.gcode"
if "$B" $opts --quiet "$tmp/hook.gcode" && ! cmp -s "$src" "$tmp/hook.gcode" &&
    [ "$(stat -c %a "$tmp/hook.gcode")" = 640 ] &&
    "$B" --verify $opts --quiet "$src" "$tmp/hook.gcode"; then
	echo "ok - in place: rewritten, mode 640 kept, verifies"
else
	echo "not ok - in place"
fi
cp "$tmp/hook.gcode" "$tmp/once.gcode"
"$B" $opts "$tmp/hook.gcode" 2>"$tmp/err"
if cmp -s "$tmp/once.gcode" "$tmp/hook.gcode" && grep -q "already processed" "$tmp/err"; then
	echo "ok - second run is a no-op"
else
	echo "not ok - second run changed the file: $(cat "$tmp/err")"
fi
if ls -a "$tmp" | grep -q '\.gl-'; then
	echo "not ok - temporary files left behind"
else
	echo "ok - no temporary files left behind"
fi
cp "$src" "$tmp/fail.gcode"
if "$B" --quiet "$tmp/fail.gcode" 2>"$tmp/err"; then
	echo "not ok - missing settings accepted"
elif cmp -s "$src" "$tmp/fail.gcode" && grep -q -- "--retract" "$tmp/err"; then
	echo "ok - missing retraction: error names --retract, file untouched"
else
	echo "not ok - failure: $(cat "$tmp/err")"
fi
SLIC3R_PP_OUTPUT_NAME=/final/name.gcode "$B" $opts "$tmp/fail.gcode" 2>"$tmp/err"
if grep -q "/final/name.gcode" "$tmp/err"; then
	echo "ok - SLIC3R_PP_OUTPUT_NAME names the file in the report"
else
	echo "not ok - SLIC3R_PP_OUTPUT_NAME: $(cat "$tmp/err")"
fi
# profile file, flags win
printf '[gcode-lapse]\nretract = 1\ntravel-speed = 100\nbed = 0,0,200,200\npark = 10,10\nmarker = klipper\n' >"$tmp/p.ini"
"$B" --config "$tmp/p.ini" --park 190,190 --report none "$src" -o "$tmp/ini.out"
if grep -q '^TIMELAPSE_TAKE_FRAME$' "$tmp/ini.out" && grep -q '^G1 X190 Y190' "$tmp/ini.out"; then
	echo "ok - --config profile read, command line wins"
else
	echo "not ok - --config"
fi
printf 'retract = lots\n' >"$tmp/bad.ini"
if "$B" --config "$tmp/bad.ini" "$src" 2>"$tmp/err"; then
	echo "not ok - bad profile accepted"
elif grep -q "bad.ini:1: retract" "$tmp/err"; then
	echo "ok - bad profile: file:line: message"
else
	echo "not ok - bad profile: $(cat "$tmp/err")"
fi
