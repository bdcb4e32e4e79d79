#!/bin/sh
# gcode-lapse --info --json on every real slicer file in tests/data/sliced,
# checked against tests/tools/gcoderef.py, an independent Python reading:
# layer counts equal the slicer's own comments, the end position, E and
# filament totals and the number of extruding moves agree, and the time
# estimate is within 15 % of the slicer's where it gives one.
set -u
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${GL_BUILD:-$top/build}/gcode-lapse
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for f in "$top"/tests/data/sliced/*.gcode; do
	name=$(basename "$f" .gcode)
	if ! "$bin" --info --json "$f" >"$tmp/ours.json" 2>"$tmp/err"; then
		echo "not ok - $name: gcode-lapse --info failed: $(cat "$tmp/err")"
		continue
	fi
	python3 "$top/tests/tools/gcoderef.py" "$f" >"$tmp/ref.json" || {
		echo "not ok - $name: gcoderef.py failed"
		continue
	}
	python3 - "$name" "$tmp/ours.json" "$tmp/ref.json" <<'PY'
import json, sys
name, ours, ref = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))

def check(ok, what, detail=""):
    print(("ok" if ok else "not ok") + f" - {name}: {what}" + ("" if ok else f" ({detail})"))

layers = ours["layers"]["count"]
if ref["layer_comments"]:
    check(layers == ref["layer_comments"], "layer count equals the slicer's comments",
          f"{layers} vs {ref['layer_comments']}")
elif ref["helical_extrusion_moves"] == 0:
    check(layers == ref["extrusion_heights"], "layer count equals the extrusion heights",
          f"{layers} vs {ref['extrusion_heights']}")
else:
    lh = ours["settings"]["layer_height"] or 0.2
    want = round(ref["extrusion_z_max"] / lh)
    check(abs(layers - want) <= 1, "spiral without comments: one layer per layer height",
          f"{layers} vs {want}")
vase = ref["helical_extrusion_moves"] > 0
check(ours["layers"]["vase_seen"] == vase, "vase mode seen exactly when the file spirals")
for ax in "xyz":
    a, b = ours["end"][ax], ref["final"][ax.upper()]
    check(a is not None and abs(a - b) < 1e-6, f"end {ax.upper()}", f"{a} vs {b}")
check(abs(ours["end"]["e"] - ref["final"]["E"]) < 1e-6, "end E",
      f"{ours['end']['e']} vs {ref['final']['E']}")
check(abs(ours["filament"]["net_mm"] - ref["e_net"]) < 1e-4, "net filament",
      f"{ours['filament']['net_mm']} vs {ref['e_net']}")
check(abs(ours["filament"]["extruded_mm"] - ref["extrusion_e"]) < 1e-4, "extruded filament",
      f"{ours['filament']['extruded_mm']} vs {ref['extrusion_e']}")
check(ours["moves"]["extruding"] == ref["extrusion_moves"], "extruding moves",
      f"{ours['moves']['extruding']} vs {ref['extrusion_moves']}")
# CuraEngine's ;TIME:6666 is a placeholder; its last ;TIME_ELAPSED: is real.
slicer_t = ref["slicer_time_elapsed_last_s"] or ref["slicer_time_s"]
if slicer_t:
    r = ours["time"]["estimate_s"] / slicer_t
    check(0.85 <= r <= 1.15, f"time estimate within 15 % of the slicer's (ratio {r:.3f})",
          f"{ours['time']['estimate_s']:.0f} s vs {slicer_t:.0f} s")
if slicer_t:
    s = ours["time"]["slicer_s"]
    check(s is not None and abs(s - slicer_t) < 1, "slicer's own estimate found", f"{s} vs {slicer_t}")
PY
done
