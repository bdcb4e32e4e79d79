#!/bin/sh
# The progress line on a terminal for a long file (over 64 MB): it climbs
# to 100 %, a warning met on the way gets a line of its own, and nothing of
# it reaches a pipe or a file.  The terminal is script(1)'s pseudo-tty.
set -u
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${GL_BUILD:-$top/build}/gcode-lapse
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src="$top/tests/data/sliced/ps25_cube_marlin2_abs.gcode"

i=0
while [ $i -lt 290 ]; do
	cat "$src"
	[ $i -eq 150 ] && echo "M999 X1.2.3"
	i=$((i + 1))
done >"$tmp/big.gcode"

script -qfec "'$bin' --report none '$tmp/big.gcode' -o '$tmp/out.gcode'" \
    /dev/null >"$tmp/tty" 2>&1
tr '\r' '\n' <"$tmp/tty" >"$tmp/lines"
grep -q "big.gcode:  23%" "$tmp/lines" && grep -q "big.gcode: 100%" "$tmp/lines"
[ $? -eq 0 ] && echo "ok - progress on a terminal climbs to 100 %" ||
    echo "not ok - progress on a terminal: $(head -c 300 "$tmp/lines")"
grep -q "^gcode-lapse: warning: .*big.gcode:[0-9]*: column 10" "$tmp/lines"
[ $? -eq 0 ] && echo "ok - a warning during progress has a line of its own" ||
    echo "not ok - the warning during progress: $(head -c 300 "$tmp/lines")"
pct=$(grep -o '[0-9]*%' "$tmp/lines" | tr -d '%' | tr '\n' ' ')
sorted=$(echo "$pct" | tr ' ' '\n' | grep . | sort -n | tr '\n' ' ')
[ "$pct" = "$sorted" ]
[ $? -eq 0 ] && echo "ok - progress only goes up ($pct)" ||
    echo "not ok - progress goes back ($pct)"
"$bin" --report none "$tmp/big.gcode" -o "$tmp/out2.gcode" 2>"$tmp/pipe"
if grep -q '%' "$tmp/pipe" || ! grep -q "warning" "$tmp/pipe"; then
	echo "not ok - not a terminal: no progress, the warning still printed"
else
	echo "ok - not a terminal: no progress, the warning still printed"
fi
cmp -s "$tmp/out.gcode" "$tmp/out2.gcode"
[ $? -eq 0 ] && echo "ok - the output does not depend on the terminal" ||
    echo "not ok - the output depends on the terminal"
