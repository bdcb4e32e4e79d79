#!/bin/sh
# verify_lineends.sh: a rewrite keeps the file's line endings, its own
# lines use them too, and the verifier tells CRLF from LF.
set -u
B=${GL_BUILD:-build}/gcode-lapse
T=${GL_TOP:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/verify_lineends.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
o="--bed 0,0,250,210 --travel-speed 150 --retract 1"
f=$T/tests/data/sliced/ps25_cube_marlin2_abs.gcode
sed 's/$/\r/' "$f" >"$tmp/crlf.gcode"

for opts in "" "--smart" "--test-mode"; do
	"$B" $o $opts --report none "$tmp/crlf.gcode" -o "$tmp/crlf.out"
	lf=$(grep -vc "$(printf '\r')\$" "$tmp/crlf.out")
	if [ "$lf" != 0 ]; then
		echo "not ok - CRLF file [$opts]: $lf lines end in LF alone"
	elif [ -z "$opts" ] || [ "$opts" = --smart ]; then
		if "$B" --verify $o $opts --quiet "$tmp/crlf.gcode" "$tmp/crlf.out" 2>"$tmp/err"; then
			echo "ok - CRLF file [$opts]: every line CRLF, verified"
		else
			echo "not ok - CRLF file [$opts]: $(head -c 300 "$tmp/err")"
		fi
	else
		echo "ok - CRLF file [$opts]: every line CRLF"
	fi
done

# the verifier: an LF rewrite of a CRLF file, CRLF blocks in an LF file
"$B" $o --report none "$f" -o "$tmp/lf.out"
if "$B" --verify $o --quiet "$tmp/crlf.gcode" "$tmp/lf.out" 2>"$tmp/err"; then
	echo "not ok - LF rewrite of a CRLF file accepted"
elif grep -q "ends in LF, original line 1 in CRLF" "$tmp/err"; then
	echo "ok - LF rewrite of a CRLF file refused"
else
	echo "not ok - LF rewrite of a CRLF file: $(head -c 300 "$tmp/err")"
fi
awk '/^; gcode-lapse begin/ { inb = 1 } inb { printf "%s\r\n", $0; if (/^; gcode-lapse end/) inb = 0; next } { print }' \
    "$tmp/lf.out" >"$tmp/mixed.out"
if "$B" --verify $o --quiet "$f" "$tmp/mixed.out" 2>"$tmp/err"; then
	echo "not ok - CRLF blocks in an LF file accepted"
elif grep -q "inserted line ends in CRLF, the file's lines in LF" "$tmp/err"; then
	echo "ok - CRLF blocks in an LF file refused"
else
	echo "not ok - CRLF blocks in an LF file: $(head -c 300 "$tmp/err")"
fi

# no final line end: the rewrite adds one in the file's style
printf 'G28\r\nG90\r\nM83\r\n;LAYER_CHANGE\r\nG1 Z0.2 F600\r\nG1 X10 Y10 F6000\r\nG1 X20 Y10 E1 F1200\r\n;LAYER_CHANGE\r\nG1 Z0.4 F600\r\nG1 X10 Y10 E1 F1200\r\nM84' >"$tmp/h.gcode"
"$B" $o --report none "$tmp/h.gcode" -o "$tmp/h.out"
if [ "$(grep -vc "$(printf '\r')\$" "$tmp/h.out")" = 0 ] &&
    "$B" --verify $o --quiet "$tmp/h.gcode" "$tmp/h.out"; then
	echo "ok - CRLF file without a final line end: CRLF added, verified"
else
	echo "not ok - CRLF file without a final line end: $(od -c "$tmp/h.out" | tail -n 4 | tr '\n' '|')"
fi

# a CRLF file whose last line has its CR but not its LF: only the LF added
printf 'G28\r\nG90\r\nM83\r\n;LAYER_CHANGE\r\nG1 Z0.2 F600\r\nG1 X10 Y10 F6000\r\nG1 X20 Y10 E1 F1200\r\n;LAYER_CHANGE\r\nG1 Z0.4 F600\r\nG1 X10 Y10 E1 F1200\r\nM84\r' >"$tmp/cr.gcode"
if "$B" $o --report none "$tmp/cr.gcode" -o "$tmp/cr.out" &&
    [ "$(grep -vc "$(printf '\r')\$" "$tmp/cr.out")" = 0 ] &&
    ! grep -q "$(printf '\r\r')" "$tmp/cr.out" &&
    "$B" --verify $o --quiet "$tmp/cr.gcode" "$tmp/cr.out"; then
	echo "ok - CRLF file whose last line lacks its LF: the LF added, verified"
else
	echo "not ok - CRLF file whose last line lacks its LF: $(od -c "$tmp/cr.out" 2>&1 | tail -n 4 | tr '\n' '|')"
fi
