#!/bin/sh
# rewrite_cli.sh: what the command line prints when the input cannot be
# used: the file named once, the right exit status.  An empty input, and
# which lines are warned about: tests/cases/ (empty, command_lines_quiet,
# warn_syntax).
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
[ -e out.gcode ] && echo "not ok - output left after failures" ||
    echo "ok - no output left after failures"
