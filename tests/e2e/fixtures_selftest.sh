#!/bin/bash
# runs-once: does not depend on the build
# fixtures_selftest.sh [DIR]
#
# Check the real-slicer fixtures (default DIR: tests/data/sliced) against the
# independent reference reader tests/tools/gcoderef.py:
#   - gcoderef.py reads every file;
#   - extrusion total == the slicer's own "filament used" comment (0.5 %),
#     where the slicer writes a real one;
#   - layer-change comments == extrusion heights (non-vase files); the height
#     list climbs one layer_height at a time (drops only for sequential prints);
#   - vase files: bottom layers flat, then one helical run to the top;
#   - absolute-E and relative-E variants of one print extrude the same amount.
# One line per check, "ok - ..." or "not ok - ..."; exit status 1 on failure.
set -u

here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$here/../data/sliced}
ref=$here/../tools/gcoderef.py
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fixtures_selftest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

status=0
shopt -s nullglob
files=("$dir"/*.gcode)
if [ ${#files[@]} -eq 0 ]; then
	echo "not ok - no fixtures in $dir"
	exit 1
fi

for f in "${files[@]}"; do
	name=$(basename "$f" .gcode)
	if python3 "$ref" "$f" >"$tmp/$name.json" 2>"$tmp/$name.err"; then
		echo "ok - gcoderef reads $name"
	else
		echo "not ok - gcoderef reads $name: $(head -c 300 "$tmp/$name.err")"
		rm -f "$tmp/$name.json"
		status=1
	fi
done

# gcoderef's own semantics on small hand-written files: name, flavor, then
# the expected final X Y Z E and the expected e_net
synthetic() {
	local name=$1 flavor=$2 want=$3
	local got
	got=$(printf '%b' "$4" >"$tmp/syn_$name.g" &&
		python3 "$ref" "$tmp/syn_$name.g" --flavor "$flavor" |
		python3 -c 'import json,sys; d=json.load(sys.stdin); f=d["final"]; print("%g %g %g %g net=%g fw=%d/%d" % (f["X"], f["Y"], f["Z"], f["E"], d["e_net"], d["fw_retracts"], d["fw_unretracts"]))')
	if [ "$got" = "$want" ]; then
		echo "ok - gcoderef semantics: $name ($flavor): $got"
	else
		echo "not ok - gcoderef semantics: $name ($flavor): got '$got', want '$want'"
		status=1
	fi
}
# M83 then a G91 ... G90 z-hop: Marlin 2 ends with absolute E, RRF keeps relative
hop='M83\nG1 X10 Y10 Z0.3 E1\nG91\nG1 Z1\nG90\nG1 X20 E1\n'
synthetic hop_g91_g90 marlin2 "20 10 1.3 1 net=1 fw=0/0" "$hop"
synthetic hop_g91_g90 rrf "20 10 1.3 2 net=2 fw=0/0" "$hop"
synthetic hop_g91_g90 klipper "20 10 1.3 2 net=2 fw=0/0" "$hop"
# G91 with an E word: relative E on Marlin 2 and Klipper, absolute on RRF
synthetic g91_e marlin2 "5 0 0 3 net=3 fw=0/0" 'M82\nG1 E2\nG91\nG1 X5 E1\n'
synthetic g91_e klipper "5 0 0 3 net=3 fw=0/0" 'M82\nG1 E2\nG91\nG1 X5 E1\n'
synthetic g91_e rrf "5 0 0 1 net=1 fw=0/0" 'M82\nG1 E2\nG91\nG1 X5 E1\n'
# G92 offsets, inches, firmware retraction, RRF's G10 P0 S200 tool command
synthetic g92_g20_g10 rrf "25.4 10 0.3 0.5 net=1.5 fw=1/1" \
	'G21\nG1 X10 Y10 Z0.3 E1\nG92 E0\nG10 P0 S200 R150\nG10\nG11\nG1 E0.5\nG20\nG1 X1\n'

python3 - "$tmp" <<'EOF' || status=1
import glob, json, os, sys

tmp = sys.argv[1]
res = {}
for path in sorted(glob.glob(os.path.join(tmp, "*.json"))):
    with open(path) as f:
        res[os.path.basename(path)[:-5]] = json.load(f)

failed = False

def check(cond, text):
    global failed
    print(("ok - " if cond else "not ok - ") + text)
    if not cond:
        failed = True

def skip(text, why):
    print("ok - %s # SKIP %s" % (text, why))

def close(a, b, rel):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-9)

for name, d in res.items():
    # ---------------------------------------------------------- filament used
    fil = d["slicer_filament_mm"]
    if fil is None:
        skip("%s: filament total vs slicer comment" % name, "the slicer writes no filament comment")
    elif sum(fil) == 0:
        skip("%s: filament total vs slicer comment" % name,
             "placeholder ';Filament used: 0m' (CuraEngine on the command line; Cura's GUI fills it in)")
    else:
        for t, want in enumerate(fil):
            got = d["extrusion_e_by_tool"].get(str(t), 0.0)
            pre = d["extrusion_e_before_first_layer_comment_by_tool"].get(str(t), 0.0)
            text = "%s: tool %d extrusion %.2f mm" % (name, t, got)
            if pre:
                got -= pre
                text += " - %.2f mm priming before the first layer" % pre
            check(close(got, want, 0.005),
                  "%s = %.2f mm, slicer says %.2f mm (0.5 %%)" % (text, got, want))
        # net E over the whole file (extruded - retracted, so short of the
        # slicer's figure by the retraction left at the end) agrees too
        pre = sum(d["extrusion_e_before_first_layer_comment_by_tool"].values())
        check(close(d["e_net"] - pre, sum(fil), 0.005),
              "%s: net E %.2f mm (priming %.2f mm excluded) vs slicer %.2f mm (0.5 %%)"
              % (name, d["e_net"] - pre, pre, sum(fil)))

    # ---------------------------------------------------------- layers
    heights = d["extrusion_height_list"]
    st = d["settings"]
    lh = float(st.get("layer_height", 0) or 0)
    vase = d["helical_extrusion_moves"] > 0
    if vase:
        flat = heights[:-1]
        check(len(heights) >= 2 and d["helical_z_range"] is not None
              and abs(d["helical_z_range"][1] - d["extrusion_z_max"]) < 1e-6,
              "%s: vase: %d flat bottom heights %s, then one helical run %s to the top"
              % (name, len(flat), flat, d["helical_z_range"]))
        if d["layer_comments"] is not None:
            check(d["layer_comments"] > len(heights),
                  "%s: vase: %d layer comments (one per spiral turn) > %d extrusion heights "
                  "(bottom layers + 1 helix): expected to differ"
                  % (name, d["layer_comments"], len(heights)))
    else:
        if d["layer_comments"] is None:
            skip("%s: layer comments == extrusion heights (%d)" % (name, d["extrusion_heights"]),
                 "no layer comments (Slic3r 1.3)")
        else:
            check(d["layer_comments"] == d["extrusion_heights"],
                  "%s: layer comments %d == extrusion heights %d"
                  % (name, d["layer_comments"], d["extrusion_heights"]))
    if d["layer_count_header"] is not None:
        check(d["layer_count_header"] == d["layer_comments"],
              "%s: ;LAYER_COUNT:%d == %s ;LAYER: comments"
              % (name, d["layer_count_header"], d["layer_comments"]))
    if not vase:
        if lh <= 0 and name.startswith("cura"):
            lh = 0.3  # gcodelapse_generic.def.json; CuraEngine writes no settings block
        steps = [round(b - a, 4) for a, b in zip(heights, heights[1:])]
        bad = [s for s in steps if s > 0 and abs(s - lh) > 1e-3]
        drops = sum(1 for s in steps if s < 0)
        if lh > 0:
            check(not bad and heights and abs(heights[0] - 0.3) < 1e-6,
                  "%s: extrusion heights start at 0.3 and climb by layer_height %.2f "
                  "(%d restarts for sequential objects)" % (name, lh, drops))
        if "sequential" in name:
            check(drops >= 1, "%s: sequential print: Z goes down again %d time(s)" % (name, drops))
        else:
            check(drops == 0, "%s: Z never goes down between extrusions" % name)

# -------------------------------------------------------------- abs vs rel E
pairs = [("ps25_cube_marlin2_abs", "ps25_cube_marlin2_rel"),
         ("slic3r13_cube_abs", "slic3r13_cube_rel"),
         ("cura413_cube_marlin", "cura413_cube_marlin_rel")]
for a, b in pairs:
    if a in res and b in res:
        ea, eb = res[a]["extrusion_e"], res[b]["extrusion_e"]
        check(close(ea, eb, 1e-4),
              "%s vs %s: same extrusion with absolute and relative E (%.3f / %.3f mm)" % (a, b, ea, eb))
        ha, hb = res[a]["extrusion_heights"], res[b]["extrusion_heights"]
        check(ha == hb, "%s vs %s: same extrusion heights (%d / %d)" % (a, b, ha, hb))

# -------------------------------------------------------------- features present
def feature(name, cond, text):
    if name in res:
        check(cond(res[name]), "%s: %s" % (name, text))

feature("ps25_cube_rrf_fwretract", lambda d: d["fw_retracts"] > 0 and d["retracts"] == 0,
        "firmware retraction: G10/G11 only, no E retractions")
feature("ps25_tower_klipperstyle_fwretract", lambda d: d["fw_retracts"] > 0 and d["retracts"] == 0,
        "firmware retraction: G10/G11 only, no E retractions")
feature("cura413_cube_reprap_rel_fwretract", lambda d: d["fw_retracts"] > 0 and d["retracts"] == 0,
        "firmware retraction: G10/G11 only, no E retractions")
feature("ps25_cube_marlin2_wipe", lambda d: d["wipe_moves"] > 0, "wipe moves (XY motion while retracting)")
feature("ps25_boxes_2tools_wipetower", lambda d: d["tool_changes"] > 2 and len(d["extrusion_e_by_tool"]) == 2,
        "two tools used, with tool changes")
for n in ("ps25_cube_marlin2_zhop", "ps25_cube_rrf_rel_zhop", "slic3r13_cube_zhop", "cura413_cube_marlin_zhop"):
    base = {"ps25_cube_marlin2_zhop": "ps25_cube_marlin2_abs", "ps25_cube_rrf_rel_zhop": "ps25_cube_marlin2_rel",
            "slic3r13_cube_zhop": "slic3r13_cube_abs", "cura413_cube_marlin_zhop": "cura413_cube_marlin"}[n]
    if n in res and base in res:
        check(res[n]["z_moves"] > res[base]["z_moves"] + 50,
              "%s: z-hop adds Z-only moves (%d vs %d in %s)" % (n, res[n]["z_moves"], res[base]["z_moves"], base))

sys.exit(1 if failed else 0)
EOF

exit $status
