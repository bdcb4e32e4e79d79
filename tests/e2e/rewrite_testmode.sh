#!/bin/sh
# rewrite_testmode.sh: --test-mode writes a dry run: no heating, no
# extrusion, no fans, the notice at the top, and the same XYZ path and
# feed rates (blocks included) as the normal rewrite.
set -u
B=${GL_BUILD:-build}/gcode-lapse
T=${GL_TOP:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rewrite_testmode.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
base="--bed 0,0,220,220 --retract 0.8 --travel-speed 150 --report none"

# path FILE: X Y Z and the feed rate of each G0-G3 that moves the head
# (G90/G91 followed)
path() {
	awk '{
		sub(/;.*/, ""); sub(/\r$/, "")
		n = split(toupper($0), w, /[ \t]+/)
		c = w[1]; if (c == "") c = w[2]
		if (c == "G90") rel = 0
		if (c == "G91") rel = 1
		if (c !~ /^G0?[0-3]$/) next
		for (i = 1; i <= n; i++) {
			l = substr(w[i], 1, 1); v = substr(w[i], 2) + 0
			if (l == "F") f = v
			else if (l ~ /[XYZ]/) p[l] = rel ? p[l] + v : v
		}
		s = sprintf("%.4f %.4f %.4f", p["X"], p["Y"], p["Z"])
		if (s != last) print s, f
		last = s
	}' "$1"
}

for n in ps25_cube_marlin2_abs ps25_cube_marlin2_rel ps25_cube_marlin2_zhop \
    ps25_cube_marlin2_wipe ps25_boxes_2tools_wipetower slic3r13_cube_rel \
    cura413_cube_marlin cura413_cube_marlin_rel; do
	f=$T/tests/data/sliced/$n.gcode
	for opts in "" "--smart"; do
		if ! "$B" $base $opts "$f" -o "$tmp/n.gcode" 2>"$tmp/err" ||
		    ! "$B" $base $opts --test-mode "$f" -o "$tmp/t.gcode" 2>"$tmp/err"; then
			echo "not ok - $n [$opts]: $(head -c 300 "$tmp/err")"
			continue
		fi
		bad=$(sed 's/;.*//' "$tmp/t.gcode" | grep -inE \
		    '^ *(M10[49]|M14[01]|M19[01]|M568|M116|G1[01])( |$)|^ *G[0-3] .*E|^ *M106( .*)? S[1-9.]|^ *M106 *$|SET_HEATER|TEMPERATURE_WAIT' |
		    head -n 3)
		if [ -n "$bad" ]; then
			echo "not ok - $n [$opts]: test mode keeps $bad"
		elif ! grep -q "^; TEST MODE" "$tmp/t.gcode"; then
			echo "not ok - $n [$opts]: no test-mode notice"
		elif ! grep -q "gLapseCapture" "$tmp/t.gcode"; then
			echo "not ok - $n [$opts]: no snapshot blocks"
		elif ! path "$tmp/n.gcode" >"$tmp/n.path" ||
		    ! path "$tmp/t.gcode" >"$tmp/t.path" ||
		    ! cmp -s "$tmp/n.path" "$tmp/t.path"; then
			echo "not ok - $n [$opts]: XYZ path differs: $(diff "$tmp/n.path" "$tmp/t.path" | head -n 4 | tr '\n' '|')"
		else
			echo "ok - $n [$opts]: dry run, same $(wc -l <"$tmp/t.path") XYZ points"
		fi
	done
done

# hand-written: RRF tool temperatures and offsets, Klipper, fans
cat >"$tmp/h.gcode" <<'G'
G10 P0 S210 R180
G10 P1 X10 Y0 S200 R170
G10 L2 P1 X5
SET_HEATER_TEMPERATURE HEATER=extruder TARGET=210
TEMPERATURE_WAIT SENSOR=extruder MINIMUM=205
M106 S255
M106 P1 S128
M107
G28
G90
M83
G1 Z0.2 F600
G1 X10 Y10 E1 F1200 ; first
G1 E-0.8 F2100
G1 E0.8
G10
G11
G1 X20 Y10 E1
G
cat >"$tmp/h.want" <<'G'
; test-mode: G10 P0 S210 R180
G10 P1 X10 Y0
G10 L2 P1 X5
; test-mode: SET_HEATER_TEMPERATURE HEATER=extruder TARGET=210
; test-mode: TEMPERATURE_WAIT SENSOR=extruder MINIMUM=205
M106 S0
M106 P1 S0
M107
G28
G90
M83
G1 Z0.2 F600
G1 X10 Y10 F1200 ; first
G1 F2100
; test-mode: G1 E0.8
; test-mode: G10
; test-mode: G11
G1 X20 Y10
G
"$B" --test-mode --trigger command --report none --bed 0,0,200,200 \
    --travel-speed 100 "$tmp/h.gcode" -o "$tmp/h.out" 2>"$tmp/err"
grep -v '^; gcode-lapse\|^; TEST MODE\|^; printer\|^; with this' "$tmp/h.out" |
    grep -v '^; dry run by gcode-lapse' >"$tmp/h.got"
if cmp -s "$tmp/h.want" "$tmp/h.got"; then
	echo "ok - hand-written: temperatures, fans, E, G10/G11 neutralised"
else
	echo "not ok - hand-written: $(diff "$tmp/h.want" "$tmp/h.got" | head -n 8 | tr '\n' '|')"
fi

# the user's file is never replaced by a dry run
cp "$T/tests/data/sliced/ps25_cube_marlin2_abs.gcode" "$tmp/cube.gcode"
cp "$tmp/cube.gcode" "$tmp/cube.orig"
"$B" --test-mode "$tmp/cube.gcode" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && cmp -s "$tmp/cube.orig" "$tmp/cube.gcode" &&
    grep -q "^; TEST MODE" "$tmp/cube.test.gcode" &&
    grep -q "cube.gcode: --test-mode: the dry run is in .*cube.test.gcode; .*cube.gcode is unchanged" "$tmp/err"; then
	echo "ok - --test-mode without -o: NAME.test.gcode beside it, the input unchanged, said so"
else
	echo "not ok - --test-mode without -o: status $rc, $(head -c 300 "$tmp/err")"
fi
last=$(tail -n 1 "$tmp/cube.test.gcode")
case $last in
"; processed by gcode-lapse"*)
	echo "not ok - a dry run carries the processed mark: $last" ;;
"; dry run by gcode-lapse --test-mode"*)
	echo "ok - a dry run carries its own mark" ;;
*)
	echo "not ok - a dry run's last line: $last" ;;
esac
cp "$tmp/cube.test.gcode" "$tmp/dry.gcode"
"$B" "$tmp/dry.gcode" -o "$tmp/dry.out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$tmp/dry.out" ] &&
    cmp -s "$tmp/cube.test.gcode" "$tmp/dry.gcode" &&
    grep -q "a --test-mode dry run.*rewrite the original" "$tmp/err"; then
	echo "ok - a dry run is not rewritten (status 1), nor taken for processed"
else
	echo "not ok - rewriting a dry run: status $rc, $(head -c 300 "$tmp/err")"
fi
"$B" "$tmp/dry.gcode" 2>"$tmp/err"
if cmp -s "$tmp/cube.test.gcode" "$tmp/dry.gcode" && grep -q "dry run" "$tmp/err"; then
	echo "ok - a dry run in place: refused, left as it was"
else
	echo "not ok - a dry run in place: $(head -c 300 "$tmp/err")"
fi
ln -s cube.gcode "$tmp/cube.link"
for o in "$tmp/cube.gcode" "$tmp/cube.link"; do
	"$B" --test-mode "$tmp/cube.gcode" -o "$o" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 1 ] && cmp -s "$tmp/cube.orig" "$tmp/cube.gcode" &&
	    grep -q "never replaces its input" "$tmp/err"; then
		echo "ok - --test-mode -o $(basename "$o") (the input): refused"
	else
		echo "not ok - --test-mode -o $(basename "$o"): status $rc, $(head -c 300 "$tmp/err")"
	fi
done
cp "$T/tests/data/sliced/ps25_cube_marlin2_abs.gcode" "$tmp/p.gcode"
"$B" --quiet "$tmp/p.gcode" && cp "$tmp/p.gcode" "$tmp/p.done"
"$B" --test-mode "$tmp/p.gcode" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$tmp/p.test.gcode" ] && cmp -s "$tmp/p.done" "$tmp/p.gcode" &&
    grep -q "already processed: --test-mode" "$tmp/err"; then
	echo "ok - --test-mode on a processed file: refused, no copy that would heat"
else
	echo "not ok - --test-mode on a processed file: status $rc, $(head -c 300 "$tmp/err")"
fi
# dry NAME WHAT GREP OPTIONS... <GCODE: the dry run of GCODE is written,
# proven, and has GREP ("-x LINE" for a whole line)
dry() {
	name=$1 what=$2 pattern=$3
	shift 3
	cat >"$tmp/$name.gcode"
	if "$B" $base "$@" --test-mode "$tmp/$name.gcode" \
	    -o "$tmp/$name.test.gcode" 2>"$tmp/err" &&
	    grep -q $pattern "$tmp/$name.test.gcode"; then
		echo "ok - --test-mode: $what, proven"
	else
		echo "not ok - --test-mode, $what: $(head -c 300 "$tmp/err")"
	fi
}
two='G28\nG90\nM83\n;LAYER_CHANGE\nG1 Z0.2 F600\nG1 X10 Y10 F6000\n'
# a sequential print: the lift over the tallest object is measured
# against the moves, since nothing is extruded (fuzz_rewrite)
printf "${two}G1 X20 Y10 E1 F1200\n;LAYER_CHANGE\nG1 Z60 F600\nG1 X20 Y20 E1 F1200\n;LAYER_CHANGE\nG1 Z0.2 F600\nG1 X80 Y80 F6000\nG1 X90 Y80 E1 F1200\n;LAYER_CHANGE\nG1 Z0.4 F600\nG1 X80 Y90 E2 F1200\n" |
    dry seq "sequential, lifted over the tallest object" "-x G1.Z60.5.F600"
# a line the firmware does not run stays as it is: taking away its
# valueless E would make RepRapFirmware run it (fuzz_rewrite)
printf "${two}G1 X20 Y10 E1 F1200\n;LAYER_CHANGE\nG1 Z0.4 F600\nG1 X20 Y20 E1 F1200\nG1 Z5 F600_height\n" |
    dry odd "a line RepRapFirmware does not run, kept" "-x G1.Z5.F600_height" \
    --firmware rrf
# a move the firmware reads oddly is written again plainly: taking the E
# out of "E1 e" would leave RepRapFirmware the valueless one (fuzz_rewrite)
printf "${two}G1 X20 Y10 E1 e\n;LAYER_CHANGE\nG1 Z0.4 F600\nG1 X20 Y20 E1 F1200\n" |
    dry twice "an odd move written plainly without its E" "-x G1.X20.Y10" \
    --firmware rrf
# written plainly, a letter without a value stays bare: RepRapFirmware
# runs no such line, and the dry run must not run it either (fuzz_rewrite)
printf "${two}G1 X20 Y10 E1 F1200\n;LAYER_CHANGE\nG1 Z0.4 F600\nG1 Xq0 Y10 E1 F1200\nG1 X20 Y20 E1\n" |
    dry bare "a valueless letter kept bare in a plain move" "-x G1.X.Y10.F1200" \
    --firmware rrf
# and keeps its indentation: at column 0 it would end an RRF conditional
# block's body early (fuzz_rewrite)
printf "${two}G1 X20 Y10 E1 F1200\nif move.axes[2].userPosition < 10\n  G1 X20 Y15 E1 e\n  G1 X20 Y20 E1\n;LAYER_CHANGE\nG1 Z0.4 F600\nG1 X30 Y20 E1\n" |
    dry indent "a plain move inside an RRF conditional keeps its indentation" \
    "-x .\{2\}G1.X20.Y15" --firmware rrf
