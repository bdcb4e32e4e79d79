#!/bin/sh
# verify_broken.sh: a verifier that passes everything is worthless.  Take
# a good rewrite, break it in one known way at a time, and check that
# --verify refuses each with the right complaint.
set -u
B=${GL_BUILD:-build}/gcode-lapse
T=${GL_TOP:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/verify_broken.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
opts="--bed 0,0,220,220 --retract 0.8 --travel-speed 150"
orig=$T/tests/data/sliced/cura413_cube_marlin_rel.gcode
good=$tmp/good.gcode

"$B" $opts --report none "$orig" -o "$good" || { echo "not ok - rewrite"; exit 1; }
if "$B" --verify $opts --quiet "$orig" "$good"; then
	echo "ok - the unbroken rewrite verifies"
else
	echo "not ok - the unbroken rewrite verifies"
fi

# break NAME EXPECTED AWK: apply AWK to the lines of the third block
# (variable inb is 1 inside it) and expect --verify to fail saying EXPECTED
break_it() {
	name=$1; want=$2; prog=$3
	awk -v want=3 '
	    /^; gcode-lapse begin snapshot/ { n++; if (n == want) inb = 1 }
	    { line = $0; keep = 1 }
	    '"$prog"'
	    { if (keep) print line }
	    /^; gcode-lapse end/ { inb = 0 }' "$good" >"$tmp/$name.gcode"
	if cmp -s "$good" "$tmp/$name.gcode"; then
		echo "not ok - $name: the breakage did not apply"
		return
	fi
	if "$B" --verify $opts --quiet "$orig" "$tmp/$name.gcode" \
	    2>"$tmp/$name.err"; then
		echo "not ok - $name: verifier passed a broken rewrite"
	elif grep -Eq "$want" "$tmp/$name.err"; then
		echo "ok - $name: caught ($(sed -n 2p "$tmp/$name.err"))"
	else
		echo "not ok - $name: wrong complaint: $(head -c 400 "$tmp/$name.err")"
	fi
}

break_it feed_not_restored "feed rate F2100, the original has F9000" \
    'inb && /^G1 F[0-9.]*$/ { keep = 0 }'
break_it unbalanced_deretract "after the block: E is" \
    'inb && /^G1 E0.8 F/ { line = "G1 E0.7 F2100" }'
break_it deretract_too_much "inserted move extrudes" \
    'inb && /^G1 E0.8 F/ { line = "G1 E0.9 F2100\nG1 E-0.1" }'
break_it dip_below_layer "below the layer" \
    'inb && /^M400$/ { print "G1 Z0.3 F600"; print "G1 Z2 F600" }'
break_it marker_without_m400 "marker without an M400" \
    'inb && /^M400$/ { keep = 0 }'
break_it marker_primed "not retracted" \
    'inb && /^G1 E-?0.8 F/ { keep = 0 }'
break_it extrudes_in_block "inserted move extrudes" \
    'inb && /^M400$/ { print "G1 X200 Y200 E1 F600" }'
break_it leaves_bed "leaves the bed" \
    'inb && /^M400$/ { print "G1 X300 Y200 F9000"; print "G1 X220 Y220" }'
break_it switches_mode "changes a mode" \
    'inb && /^M400$/ { print "G91"; print "G90" }'
break_it position_not_restored "X is" \
    'inb && /^G1 X1[0-9.]* Y[0-9.]* F/ { line = "G1 X110 Y110 F9000" }'
break_it z_not_restored "Z is" \
    'inb && /^M291/ { seen = 1 } inb && seen && /^G1 Z/ { line = "G1 Z5 F600"; seen = 0 }'
break_it line_outside_block "a line the original does not have|differs from original" \
    '/^;LAYER:7$/ { print "G1 X5 Y5" }'
break_it original_line_changed "differs from original line" \
    '/^;LAYER:7$/ { getline; print "G1 F1200 X1 Y1 E0.1"; next_skip = 1 }'
break_it block_not_closed "extrudes|block never ends|block inside a block" \
    'inb && /^; gcode-lapse end$/ { keep = 0 }'

# a block written inside an RRF conditional body ends the body early: the
# first block of tests/cases/rrf_conditional moved into its if body
c=$T/tests/cases/rrf_conditional
copts=$(grep -v '^#' "$c.args")
"$B" $copts --report none "$c.gcode" -o "$tmp/cond.gcode"
awk 'NR == FNR {	# first pass: the block
		if (/^; gcode-lapse begin snapshot 1/) inb = 1
		if (inb) blk = blk $0 "\n"
		if (/^; gcode-lapse end/) inb = 0
		next
	}
	/^; gcode-lapse begin snapshot 1/ { skip = 1 }
	skip { if (/^; gcode-lapse end/) skip = 0; next }
	{ print }
	/^  G1 X10 Y10 E1 F1200$/ { printf "%s", blk }' \
    "$tmp/cond.gcode" "$tmp/cond.gcode" >"$tmp/cond_in.gcode"
if cmp -s "$tmp/cond.gcode" "$tmp/cond_in.gcode"; then
	echo "not ok - block inside an RRF if body: the breakage did not apply"
elif "$B" --verify $copts --quiet "$c.gcode" "$tmp/cond_in.gcode" \
    2>"$tmp/cond.err"; then
	echo "not ok - block inside an RRF if body: verifier passed it"
elif grep -q "block inside the conditional block of line 8" "$tmp/cond.err"; then
	echo "ok - block inside an RRF if body: caught"
else
	echo "not ok - block inside an RRF if body: $(head -c 300 "$tmp/cond.err")"
fi
