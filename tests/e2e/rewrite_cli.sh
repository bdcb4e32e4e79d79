#!/bin/sh
# rewrite_cli.sh: what the command line prints when the input cannot be
# used: the file named once, the right exit status.
set -u
B=$(cd "${GL_BUILD:-build}" && pwd)/gcode-lapse
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rewrite_cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# expect NAME STATUS MESSAGE command...: exit status and the whole stderr
expect() {
	name=$1; want_rc=$2; want=$3; shift 3
	"$@" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne "$want_rc" ]; then
		echo "not ok - $name: status $rc, want $want_rc"
	elif [ "$(cat "$tmp/err")" != "$want" ]; then
		echo "not ok - $name: \"$(cat "$tmp/err")\", want \"$want\""
	else
		echo "ok - $name"
	fi
}
cd "$tmp" || exit 1
expect "missing input, -o" 1 "gcode-lapse: MISSING.gcode: No such file or directory" \
    "$B" MISSING.gcode -o out.gcode
expect "missing input, in place" 1 "gcode-lapse: MISSING.gcode: No such file or directory" \
    "$B" MISSING.gcode
mkdir dir.gcode
expect "a folder" 1 "gcode-lapse: dir.gcode: not a regular file" \
    "$B" dir.gcode -o out.gcode
: >empty.gcode
expect "empty input" 1 "gcode-lapse: empty.gcode: empty file: no G-code in it" \
    "$B" empty.gcode -o out.gcode
[ -e out.gcode ] && echo "not ok - output left after failures" ||
    echo "ok - no output left after failures"

# our own command lines are not G-code, but they are not warned about;
# a real syntax error still is
printf 'G28\nG90\nM83\n;LAYER_CHANGE\nG1 Z0.2 F600\nG1 X10 Y10 F6000\nG1 X20 Y10 E1 F1200\n@GLAPSE SNAPSHOT\n@GLAPSE PAUSE\n@glapse snapshot\n@GLAPSE RESUME\n;LAYER_CHANGE\nG1 Z0.4 F600\nG1 X10 Y10 E1 F1200\n' >cmds.gcode
opts="--bed 0,0,200,200 --retract 1 --travel-speed 100 --report none"
expect "command lines: no warnings" 0 "" "$B" $opts cmds.gcode -o cmds.out
printf 'G28\nG90\nM83\n;LAYER_CHANGE\nG1 Z0.2 F600\nG1 X10 Y10 F6000\nG1 X20 Y10 E1 F1200\n@SOMETHING ELSE\n' >other.gcode
expect "other syntax errors still warned" 0 \
    "gcode-lapse: warning: other.gcode:8: column 1: syntax error (line ignored)" \
    "$B" $opts other.gcode -o other.out
