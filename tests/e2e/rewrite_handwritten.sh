#!/bin/sh
# rewrite_handwritten.sh: small hand-written files for what slicers here do
# not produce (arcs, helical moves, inches, G92 offsets, relative XYZ, tool
# changes with RRF G10 P settings, firmware retraction), each rewritten and
# verified; then the slicer-hook behaviour: in place, mode kept, a second
# run is a no-op, failures leave the file as it was.
set -u
B=${GL_BUILD:-build}/gcode-lapse
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rewrite_hand.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
opts="--bed 0,0,200,200 --retract 1 --travel-speed 100 --park 190,190"

layers() {	# n body-generator: layer comments, extrusions at rising Z
	i=1
	while [ "$i" -le "$1" ]; do
		echo ";LAYER_CHANGE"
		$2 "$i"
		i=$((i + 1))
	done
}

# case NAME EXPECT_GREP: file on stdin; rewrite, verify, grep the output
case_() {
	name=$1; want=$2; shift 2
	cat >"$tmp/$name.gcode"
	if ! "$B" $opts "$@" --report none "$tmp/$name.gcode" \
	    -o "$tmp/$name.out" 2>"$tmp/err"; then
		echo "not ok - $name: rewrite failed: $(head -c 300 "$tmp/err")"
		return
	fi
	if ! "$B" --verify $opts "$@" --quiet "$tmp/$name.gcode" \
	    "$tmp/$name.out" 2>"$tmp/err"; then
		echo "not ok - $name: $(head -c 500 "$tmp/err")"
	elif ! grep -q "^$want\$" "$tmp/$name.out"; then
		echo "not ok - $name: no line \"$want\" in the rewrite"
	else
		echo "ok - $name: verified, has \"$want\""
	fi
}

arcs() {
	z=$(echo "$1" | awk '{ printf "%.1f", $1 * 0.2 }')
	echo "G1 Z$z F600"
	echo "G1 X50 Y50 F6000"
	echo "G1 E1 F1800"
	echo "G2 X60 Y50 I5 J0 E2 F1200"
	echo "G3 X50 Y50 I-5 J0 E3"
	echo "G1 E2 F1800"
	zh=$(echo "$1" | awk '{ printf "%.1f", $1 * 0.2 + 0.4 }')
	echo "G2 X55 Y55 Z$zh I2.5 J2.5 F6000"
	echo "G1 Z$z"
	echo "G92 E0"
}
{ echo "G28"; echo "G90"; echo "M82"; echo "G92 E0"; layers 4 arcs; } |
    case_ arcs_helical "G1 X190 Y190 F6000"

inches() {
	z=$(echo "$1" | awk '{ printf "%.4f", $1 * 0.008 }')
	echo "G1 Z$z F30"
	echo "G1 X2 Y2 F240"
	echo "G1 X3 Y2 E0.04 F60"
	echo "G1 X3 Y3 E0.08"
}
{ echo "G28"; echo "G20"; echo "G90"; echo "M82"; echo "G92 E0"; layers 4 inches; } |
    case_ inches "G1 X7.480315 Y7.480315 F236.220472"

offsets() {
	z=$(echo "$1" | awk '{ printf "%.1f", $1 * 0.2 }')
	echo "G1 Z$z F600"
	echo "G1 X0 Y0 F6000"
	echo "G1 X10 Y0 E1 F1200"
	echo "G1 X10 Y10 E2"
	echo "G92 E0"
}
{ echo "G28"; echo "G90"; echo "M82"; echo "G1 X20 Y30 F6000"; echo "G92 X0 Y0"; layers 4 offsets; } |
    case_ g92_offsets "G1 X170 Y160 F6000"

relative() {
	echo "G1 Z0.2 F600"
	echo "G1 X5 Y0 E0.5 F1200"
	echo "G1 X0 Y5 E0.5"
	echo "G1 X-5 Y-5 F6000"
}
{ echo "G28"; echo "G90"; echo "G1 X20 Y20 Z0 F6000"; echo "G91"; echo "M83"; layers 4 relative; } |
    case_ relative_xyz "G1 X170 Y170 F6000" --firmware rrf

tools() {
	z=$(echo "$1" | awk '{ printf "%.1f", $1 * 0.2 }')
	echo "G1 Z$z F600"
	echo "T$(( $1 % 2 ))"
	echo "G1 X20 Y20 F6000"
	echo "G1 X40 Y20 E1 F1200"
	echo "G10"
	echo "G1 X30 Y30 F6000"
	echo "G11"
	echo "G1 X30 Y40 E1"
}
{ echo "G28"; echo "G10 P0 S210 R180"; echo "G10 P1 S215 R170"; echo "G90"; echo "M83"; \
    echo "; use_firmware_retraction = 1"; layers 4 tools; } |
    case_ tools_fwretract "G10" --firmware rrf

# the user's own snapshot command, and pause/resume
cmds() {
	z=$(echo "$1" | awk '{ printf "%.1f", $1 * 0.2 }')
	echo "G1 Z$z F600"
	echo "G1 X20 Y20 F6000"
	echo "G1 X40 Y20 E1 F1200"
	[ "$1" = 2 ] && echo "@GLAPSE SNAPSHOT"
	[ "$1" = 3 ] && echo "; @glapse snapshot"
	true
}
{ echo "G28"; echo "G90"; echo "M83"; layers 4 cmds; } >"$tmp/cmds.gcode"
"$B" $opts --trigger command --report json "$tmp/cmds.gcode" -o "$tmp/cmds.out" >"$tmp/cmds.json"
if grep -q '"snapshot_count": 2' "$tmp/cmds.json" &&
    "$B" --verify $opts --quiet "$tmp/cmds.gcode" "$tmp/cmds.out"; then
	echo "ok - snapshot commands: two snapshots where the file asks"
else
	echo "not ok - snapshot commands: $(grep snapshot_count "$tmp/cmds.json")"
fi
{ echo "G28"; echo "G90"; echo "M83"; layers 2 cmds; echo "; @GLAPSE PAUSE"; layers 4 cmds; echo "; @GLAPSE RESUME"; layers 3 cmds; } >"$tmp/pause.gcode"
"$B" $opts --report json "$tmp/pause.gcode" -o "$tmp/pause.out" >"$tmp/pause.json"
# 9 layers: 8 layer changes, 4 of them paused; 3 of 5 commands not
# paused; the final one after the last layer
n=$(sed -n 's/^  "snapshot_count": \([0-9]*\),/\1/p' "$tmp/pause.json")
if [ "$n" = 8 ]; then
	echo "ok - pause/resume: 4 layer + 3 command + 1 final snapshots outside the pause"
else
	echo "not ok - pause/resume: $n snapshots, want 8"
fi

# the slicer hook: in place
src=$tmp/cmds.gcode
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
