#!/bin/sh
# Bad input to gcode-lapse --info: a clear message naming the file and
# line, the documented exit status, no crash (this also runs against the
# sanitizer build).
set -u
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${GL_BUILD:-$top/build}/gcode-lapse
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect NAME STATUS PATTERN FILE: exit status and a message matching
# PATTERN ("-": no message at all)
expect() {
	name=$1 want=$2 pattern=$3 file=$4
	"$bin" --info "$file" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "not ok - $name: exit $got, want $want ($(head -c 300 "$tmp/err"))"
	elif [ "$pattern" = "-" ] && [ -s "$tmp/err" ]; then
		echo "not ok - $name: unexpected message '$(head -c 300 "$tmp/err")'"
	elif [ "$pattern" != "-" ] && ! grep -q -- "$pattern" "$tmp/err"; then
		echo "not ok - $name: message '$(head -c 300 "$tmp/err")' lacks '$pattern'"
	else
		echo "ok - $name"
	fi
}

: >"$tmp/empty.gcode"
expect "empty file" 1 "empty.gcode: empty file" "$tmp/empty.gcode"

printf '; only comments\n\n' >"$tmp/comments.gcode"
expect "comments only is fine" 0 - "$tmp/comments.gcode"

# Random bytes, many times: once a syntax error ahead of the junk let a
# binary file through as ignored lines.
i=0
while [ $i -lt 200 ]; do
	head -c 4096 /dev/urandom >"$tmp/random.gcode"
	"$bin" --info "$tmp/random.gcode" >/dev/null 2>"$tmp/err"
	st=$?
	if [ $st -ne 1 ] || ! grep -q "random.gcode:[0-9]*:.*binary\|random.gcode:1: " "$tmp/err"; then
		cp "$tmp/random.gcode" "${TMPDIR:-/tmp}/gl-random-failure.gcode"
		break
	fi
	i=$((i + 1))
done
if [ $i -eq 200 ]; then
	echo "ok - 200 files of random bytes: each refused, naming a line"
else
	echo "not ok - random bytes accepted (exit $st: $(head -c 300 "$tmp/err")); kept in ${TMPDIR:-/tmp}/gl-random-failure.gcode"
fi

printf 'G1 X1\nG1 X2\nG1 X\0003\n' >"$tmp/nul.gcode"
expect "NUL byte" 1 "nul.gcode:3: column 5: NUL byte" "$tmp/nul.gcode"

# a control byte is binary data wherever it is: in a comment, and where
# an odd line's reading steps over it (after a stray number: fuzz_rewrite)
printf 'G1 X1\n; a \036 comment\n' >"$tmp/ctl_comment.gcode"
expect "control byte in a comment" 1 "ctl_comment.gcode:2: column 5: unexpected control" \
    "$tmp/ctl_comment.gcode"
printf 'G1 X1\nG10 Z6 2\036.00\n' >"$tmp/ctl_stray.gcode"
expect "control byte after a stray number" 1 "ctl_stray.gcode:2: column 9: unexpected control" \
    "$tmp/ctl_stray.gcode"

printf 'GCDE\001\000\000\000' >"$tmp/binary.bgcode"
expect "binary G-code" 1 "binary G-code" "$tmp/binary.bgcode"

printf 'solid cube\n facet normal 0 0 1\n' >"$tmp/model.gcode"
expect "an STL model" 1 "STL model" "$tmp/model.gcode"

{ printf 'G1 X1\n; '; head -c 1048576 /dev/zero | tr '\0' 'x'; printf '\nG1 X2 E1\n'; } \
    >"$tmp/longcomment.gcode"
expect "1 MB comment line is followed" 0 - "$tmp/longcomment.gcode"
grep -q "X2.000" "$tmp/out" && echo "ok - the line after a 1 MB line is read" ||
    echo "not ok - the line after a 1 MB line is read"

{ printf 'G1 X1\nG1 '; i=0; while [ $i -lt 25000 ]; do printf 'X1 '; i=$((i+1)); done; printf '\n'; } \
    >"$tmp/longcode.gcode"
expect "long code line" 1 "longcode.gcode:2: .*longer than 65536" "$tmp/longcode.gcode"

printf 'G1 X10 Y10 Z0.3\nM999 P1\nFOO_BAR A=1\nG1 X11 E1\n' >"$tmp/unknown.gcode"
expect "unknown commands pass" 0 - "$tmp/unknown.gcode"

# Odd lines are warned about, never refused: firmwares read them, each its
# own way (gcode/dialect.c); the file is refused only when it is no text.
printf 'G1 X10 Y10 Z0.3\nG1 X1e400\n' >"$tmp/e400.gcode"
expect "X1e400: firmwares read it apart, a warning" 0 \
    "e400.gcode:2: G1 X1e400: a number directly followed by E or e" \
    "$tmp/e400.gcode"

printf 'G1 X10\nG1 Y12345678901234567890123456789012345678901234567890\n' \
    >"$tmp/digits.gcode"
expect "50 digits: a warning, Y unknown" 0 \
    "digits.gcode:2: column 5: G1 Y1234.*: a number too large" \
    "$tmp/digits.gcode"

printf 'G1 X10\nG1 X Y5\n' >"$tmp/novalue.gcode"
expect "word without a value in a move: a warning" 0 \
    "novalue.gcode:2: G1 X Y5: a letter without a value" \
    "$tmp/novalue.gcode"

printf 'G1 X10\nG1 X -18 Y95 F1000\nG1 X -17\nG1 X -16\n' >"$tmp/blank.gcode"
expect "a blank after a letter: one warning line for three" 0 \
    "blank.gcode:2: G1 X -18 Y95 F1000: a blank between a letter and its value, read as G1 F1000 X-18 Y95 (every firmware) (2 more like it)" \
    "$tmp/blank.gcode"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && echo "ok - one line for the kind" ||
    echo "not ok - one line for the kind: $(cat "$tmp/err")"

printf '\377\376G\0001\000 \000X\0001\000\n\000' >"$tmp/utf16.gcode"
expect "UTF-16 text" 1 "utf16.gcode:1: UTF-16 text: save the file as UTF-8" \
    "$tmp/utf16.gcode"

printf '\357\273\277G1 X10 Y10 Z0.3\nG1 X20 E1\n' >"$tmp/bom.gcode"
expect "a UTF-8 byte order mark is skipped" 0 - "$tmp/bom.gcode"
grep -q "X20.000" "$tmp/out" && echo "ok - the line with the BOM is read" ||
    echo "not ok - the line with the BOM is read: $(cat "$tmp/out")"

printf 'G1 X10\nM104 S1.2.3\n' >"$tmp/badm.gcode"
expect "malformed unknown word is a warning" 0 "badm.gcode:2: column" "$tmp/badm.gcode"

expect "missing file" 1 "No such file" "$tmp/nothere.gcode"
expect "a directory" 1 "Is a directory\|read error" "$tmp"

"$bin" --bogus >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok - usage error is 2" || echo "not ok - usage error is 2"
"$bin" --info --firmware z80 "$tmp/comments.gcode" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "unknown" "$tmp/err" && echo "ok - unknown firmware named" ||
    echo "not ok - unknown firmware named"
