#!/bin/sh
# verify_readings.sh: --verify does not share the rewriter's guesses.  A
# Kiri:Moto file writes no M82/M83 (its print_start macro sets relative
# E): read as absolute, E looks retracted all the time, and blocks that
# retract nothing look right.  The rewriter learns relative E from the
# moves; the verifier checks under both readings, sets aside the one
# under which the original is no print, and says so; a rewrite made
# under the wrong reading fails.
set -u
top=$(cd "${GL_TOP:-$(dirname "$0")/../..}" && pwd)
B=$(cd "${GL_BUILD:-$top/build}" 2>/dev/null && pwd)/gcode-lapse
tmp=$(mktemp -d "${TMPDIR:-/tmp}/verify_readings.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
src=$top/tests/cases/kiri_relative_e.gcode

if "$B" --report none "$src" -o "$tmp/good.gcode" 2>"$tmp/err"; then
	echo "ok - Kiri:Moto rewritten with no options"
else
	echo "not ok - Kiri:Moto rewritten with no options: $(cat "$tmp/err")"
	exit 1
fi
if "$B" --verify "$src" "$tmp/good.gcode" >"$tmp/out" 2>"$tmp/err"; then
	echo "ok - and verified"
else
	echo "not ok - and verified: $(head -c 400 "$tmp/err")"
fi
grep -q "assumed: no M82/M83 before the first E move (original line 19):" \
    "$tmp/out" && echo "ok - it says the E mode was open" ||
    echo "not ok - it says the E mode was open: $(cat "$tmp/out")"
grep -q "read with absolute E, the original would extrude .* set aside" \
    "$tmp/out" && echo "ok - and why absolute E is set aside" ||
    echo "not ok - and why absolute E is set aside: $(cat "$tmp/out")"

# The old rewrite, made reading E as absolute: its blocks retract nothing.
awk '/^; gcode-lapse begin snapshot/ { inb = 1 }
    inb && /^G1 E-?6 F1800$/ { next }
    /^; gcode-lapse end/ { inb = 0 }
    { print }' "$tmp/good.gcode" >"$tmp/bad.gcode"
if cmp -s "$tmp/good.gcode" "$tmp/bad.gcode"; then
	echo "not ok - the blocks had no retraction to take out"
elif "$B" --verify "$src" "$tmp/bad.gcode" >"$tmp/out" 2>"$tmp/err"; then
	echo "not ok - a rewrite under the wrong reading passes"
elif grep -q "(read with relative E) rewritten line [0-9]*: marker with the filament not retracted" \
    "$tmp/err"; then
	echo "ok - a rewrite under the wrong reading fails"
else
	echo "not ok - wrong complaint: $(head -c 400 "$tmp/err")"
fi
