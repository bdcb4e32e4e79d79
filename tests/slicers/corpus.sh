#!/bin/bash
# corpus.sh: the corpus files gcode-lapse's authors sliced themselves,
# where no public file with the feature could be found (see
# tests/data/corpus/README.md and SOURCES.tsv).  Needs the Debian packages
# prusa-slicer, slic3r and cura-engine (scripts/deps.sh slicers).
# Usage: tests/slicers/corpus.sh [OUTDIR]   (default: tests/data/corpus,
# written xz-compressed as the corpus keeps them)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "${1:-$here/../data/corpus}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/models.py" "$tmp" >/dev/null
models=$tmp
one_cpu="taskset -c 0"
command -v taskset >/dev/null || one_cpu=""

# keep NAME FILE: compressed into the corpus, the date line as the fixtures'
keep() {
	sed -i '1s/ on [0-9-]* at [0-9:]*\( UTC\)*$/ on 2000-01-01 at 00:00:00\1/' "$2"
	xz -9 -c "$2" >"$out/$1.gcode.xz"
	echo "$1: $(wc -l <"$2") lines"
}

# A fine cylinder (720 facets): in a spiral, steps of Z below the last
# printed decimal leave flat moves between the climbing ones, as the
# Slic3r 1.3 vase without comments of issue 10 has.
python3 - "$tmp/cylinder_fine.stl" <<'PY'
import math, sys
n, r, h = 720, 15.0, 30.0
with open(sys.argv[1], "w") as f:
    f.write("solid c\n")
    def tri(a, b, c):
        f.write("facet normal 0 0 0\nouter loop\n")
        for p in (a, b, c):
            f.write("vertex %.6f %.6f %.6f\n" % p)
        f.write("endloop\nendfacet\n")
    for i in range(n):
        a0, a1 = 2 * math.pi * i / n, 2 * math.pi * (i + 1) / n
        p0 = (r * math.cos(a0), r * math.sin(a0))
        p1 = (r * math.cos(a1), r * math.sin(a1))
        tri((p0[0], p0[1], 0), (p1[0], p1[1], 0), (p1[0], p1[1], h))
        tri((p0[0], p0[1], 0), (p1[0], p1[1], h), (p0[0], p0[1], h))
        tri((0, 0, 0), (p1[0], p1[1], 0), (p0[0], p0[1], 0))
        tri((0, 0, h), (p0[0], p0[1], h), (p1[0], p1[1], h))
    f.write("endsolid c\n")
PY

# Slic3r 1.3: spiral vase, no comments, 0.28 mm layers, travel F7800.
(cd "$models" && $one_cpu slic3r --load "$here/slic3r/base.ini" \
    --spiral-vase --perimeters 1 --top-solid-layers 0 --fill-density 0% \
    --layer-height 0.28 --first-layer-height 0.28 --travel-speed 130 \
    -o "$tmp/vase.gcode" cylinder_fine.stl) >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; exit 1; }
keep slic3r-1.3_vase_fine_nocomments "$tmp/vase.gcode"

# PrusaSlicer 2.5 for a Duet: RepRapFirmware meta commands in the start
# code (var, if, echo, while), relative E.
start='; RepRapFirmware 3.5 meta commands (no brackets or braces: PrusaSlicer expands them)
var purge_y = 20
if state.currentTool < 0
  T0
echo "printing at [first_layer_temperature] C"
M104 S[first_layer_temperature]
M190 S[first_layer_bed_temperature]
M109 S[first_layer_temperature]
G28
G1 Z5 F3000
G1 X5 Y20 F6000
while iterations < 3
  G1 Z0.3 F1200
  set var.purge_y = var.purge_y + 1
G92 E0
G1 X5 Y150 E12 F1200
G92 E0
'
(cd "$models" && $one_cpu prusa-slicer --load "$here/prusaslicer/base.ini" \
    --gcode-flavor reprapfirmware --use-relative-e-distances \
    --start-gcode "$start" --end-gcode $'M104 S0\nM140 S0\nG28 X\nM84\n' \
    --export-gcode -o "$tmp/rrf.gcode" cube_hole.stl) >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; exit 1; }
keep prusaslicer-2.5_rrf_meta_start "$tmp/rrf.gcode"

# CuraEngine 4.13: one at a time (sequential), two boxes.
defs=${CURA_DEFS:-$("$here/cura-defs.sh" | tail -n 1)}
export CURA_ENGINE_SEARCH_PATH="$defs/definitions:$defs/extruders"
(cd "$models" && $one_cpu CuraEngine slice -m1 \
    -j "$here/cura/gcodelapse_generic.def.json" \
    -s print_sequence=one_at_a_time -s gantry_height=30 \
    -g -e0 -l box_a.stl -s mesh_position_x=-20 \
    --next -g -e0 -l box_b.stl -s mesh_position_x=20 \
    -o "$tmp/seq.gcode") >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
keep cura-4.13_sequential_two_boxes "$tmp/seq.gcode"

# Kiri:Moto 3.6.D5 (GridSpace/grid-apps at d6757d17, MIT): its CLI in
# node, with the device kiri/klipper_print_start.json (relative E, a
# print_start macro and no M82/M83, as Klipper users set it up).  KIRI_DIR
# is that commit's tree with src/ext/three.js and three-bgu.js from three
# 0.144.0 and earcut.js from earcut 2.2.4 (its setup links them from
# node_modules): skipped without it.
if [ -n "${KIRI_DIR:-}" ]; then
	(cd "$KIRI_DIR" && node src/kiri-run/cli.js --dir="$KIRI_DIR" \
	    --model="$models/cube_hole.stl" \
	    --device="$here/kiri/klipper_print_start.json" \
	    --output="$tmp/kiri.gcode") >"$tmp/log" 2>&1 ||
	    { cat "$tmp/log"; exit 1; }
	sed -i '2s/.*/; Sat Jan 01 2000 00:00:00 GMT+0000 (Coordinated Universal Time)/' \
	    "$tmp/kiri.gcode"
	keep kirimoto-3.6_cube_print_start "$tmp/kiri.gcode"
fi
