#!/bin/sh
# rewrite_final.sh: a snapshot of the finished last layer, before the
# slicer's end G-code (its comment when there is one, else after the last
# extrusion), then gLapseFinish, in real slicer files.  A file without an
# end comment or a final newline, and no final snapshot when only commands
# trigger: tests/cases/final_*.
set -u
B=${GL_BUILD:-build}/gcode-lapse
T=${GL_TOP:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rewrite_final.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
base="--bed 0,0,220,220 --retract 0.8 --travel-speed 150 --report none"

# at FILE REGEXP [N]: the line number of the N-th last match (default 1)
at() { grep -nE "$2" "$1" | tail -n "${3:-1}" | head -n 1 | cut -d: -f1; }

for n in ps25_cube_marlin2_abs ps25_cube_rrf_fwretract slic3r13_cube_zhop \
    ps25_tower_klipperstyle_fwretract; do
	f=$T/tests/data/sliced/$n.gcode
	"$B" $base "$f" -o "$tmp/o.gcode"
	s=$(at "$tmp/o.gcode" '^; gcode-lapse begin snapshot')
	fin=$(at "$tmp/o.gcode" '^; gcode-lapse begin finish')
	endc=$(at "$tmp/o.gcode" '^; Filament-specific end gcode')
	# the final one is of the highest layer, after the last extrusion
	layers=$(sed -n 's/^; gcode-lapse begin snapshot .*(layer \([0-9]*\))$/\1/p' "$tmp/o.gcode" | sort -n | tail -n 1)
	lastx=$(at "$tmp/o.gcode" '^G1 X[^;]*E[.0-9]')
	if [ -z "$s" ] || [ -z "$fin" ] || [ -z "$endc" ]; then
		echo "not ok - $n: snapshot $s, finish $fin, end comment $endc"
	elif ! sed -n "${s}p" "$tmp/o.gcode" | grep -q "(layer $layers)" ||
	    [ "$lastx" -ge "$s" ]; then
		echo "not ok - $n: last snapshot is \"$(sed -n "${s}p" "$tmp/o.gcode")\", want layer $layers"
	elif [ "$fin" -gt "$endc" ] || [ "$s" -gt "$fin" ]; then
		echo "not ok - $n: snapshot $s, finish $fin, end G-code $endc"
	elif ! "$B" --verify $base --quiet "$f" "$tmp/o.gcode" 2>"$tmp/err"; then
		echo "not ok - $n: $(head -c 400 "$tmp/err")"
	else
		echo "ok - $n: final snapshot of layer $layers, finish, then the end G-code"
	fi
done

# Cura: no end comment before the end G-code; after the last extrusion
f=$T/tests/data/sliced/cura413_cube_marlin.gcode
"$B" $base "$f" -o "$tmp/c.gcode"
s=$(at "$tmp/c.gcode" '^; gcode-lapse begin snapshot')
lastx=$(at "$tmp/c.gcode" '^G1 .*X.*E')
heat=$(at "$tmp/c.gcode" '^M104 S0' 2)
if [ -n "$s" ] && [ "$s" -gt "$lastx" ] && [ "$s" -lt "$heat" ] &&
    "$B" --verify $base --quiet "$f" "$tmp/c.gcode"; then
	echo "ok - cura: final snapshot after the last extrusion, before the end G-code"
else
	echo "not ok - cura: snapshot at $s, last extrusion $lastx, M104 S0 $heat"
fi
