#!/usr/bin/env python3
"""gcoderef.py FILE [--flavor marlin2|marlin|klipper|rrf|smoothie]

Independent reference reading of a G-code file, the check for gcode-lapse's
C machine tracker.  Deliberately plain and slow: one line at a time, floats,
no cleverness.  Prints one JSON object (see FIELDS at the end of this text).

Machine model (all positions are *logical* coordinates in mm, i.e. what the
G-code sees after G92 offsets; G20 inches are converted to mm):

  G0/G1       linear move; X Y Z E F words; absent axes keep their value.
  G2/G3       arc; only the end point matters here (X Y Z E), an arc always
              counts as XY motion (a full circle ends where it starts).
  G90/G91     absolute/relative X Y Z; what they do to E depends on flavor:
                marlin2, smoothie: G90 makes E absolute, G91 makes E relative
                                   (Marlin 2 set_relative_mode() overwrites the
                                   E mode bits; a later M82/M83 wins again)
                marlin, klipper:   E is relative when G91 is active OR M83 is
                                   (Marlin 1.x, Klipper gcode_move.py)
                rrf:               G90/G91 never touch E (RepRapFirmware,
                                   Prusa firmware, Repetier, generic RepRap)
  M82/M83     absolute/relative E.  On rrf, relative E moves do not advance
              the E that absolute moves are measured from: after M83 moves,
              M82 continues from the last absolute E (RepRapFirmware
              src/GCodes/GCodes.cpp LoadExtrusionAndFeedrateFromGCode()
              :1911-1919 at 8875b7ec).
  G92         set the logical position of the given axes.  No axis: klipper
              zeroes X Y Z E (klippy/extras/gcode_move.py cmd_G92()), smoothie
              sets E 0 (src/modules/robot/Robot.cpp :613-677), the others set
              nothing (Marlin src/gcode/geometry/G92.cpp, Prusa Marlin_main.cpp
              gcode_G92(), RepRapFirmware GCodes3.cpp SetPositions()).
  G20/G21     inches/millimetres for the following coordinates.
  G28         homed axes (all of X Y Z when none is named) become 0.
  G10/G11     firmware retract/unretract: counted, no position change.
              On RRF, G10 with P/L/R/S/X/Y/Z words is a tool offset/temperature
              command, not a retraction; it is counted as g10_tool_commands.
  T<n>        selects the tool that later E motion is booked to.

The flavor comes from --flavor, else from the file (PrusaSlicer/Slic3r
"; gcode_flavor = ...", Cura ";FLAVOR:..."), else rrf.

Classification of motion commands (G0-G3):
  extrusion move   XY motion and E increases
  travel move      XY motion and E unchanged
  wipe move        XY motion and E decreases (retract while moving)
  retract/unretract  E only (no XY, no Z motion), E down/up
  z move           Z only, E unchanged (layer change, z-hop, lift)

Extrusion heights: walking the extrusion moves in file order, a new height is
counted each time an extrusion move happens at a Z different from the previous
extrusion move's Z.  An extrusion move that itself changes Z (spiral vase,
helical arc) is "helical": a run of consecutive helical moves counts as one new
height when it starts and none after, so a vase counts its solid bottom layers
plus 1.  For files that are not vase mode, this equals the number of printed
layers and must equal the slicer's layer-change comment count.

FIELDS
  file, flavor, flavor_source, slicer
  layer_comments          PrusaSlicer: ";LAYER_CHANGE" lines; Cura: ";LAYER:n"
                          lines; null when the file has none (Slic3r 1.3)
  layer_count_header      Cura ";LAYER_COUNT:n" (first), else null
  extrusion_heights       count as described above
  extrusion_height_list   the Z of each new height (a helical run: the Z it
                          starts from, often the Z of the layer below it)
  helical_extrusion_moves, helical_z_range
  final                   {X, Y, Z, E} logical, mm
  e_net, e_positive       sum of all E deltas, and of the positive ones (mm)
  e_net_by_tool, e_positive_by_tool
  extrusion_e             sum of E deltas of extrusion moves only
  extrusion_e_by_tool     the same per tool (T<n> seen before the move)
  extrusion_e_before_first_layer_comment_by_tool
                          extrusion before the first ";LAYER_CHANGE" or
                          ";LAYER:" comment (PrusaSlicer's wipe tower priming
                          lines, which its "filament used" leaves out)
  extrusion_moves, travel_moves, wipe_moves, retracts, unretracts, z_moves
  fw_retracts, fw_unretracts, g10_tool_commands, tool_changes
  z_max, extrusion_z_max, extrusion_z_min
  slicer_time_s           PrusaSlicer "; estimated printing time (normal
                          mode) = 1h 2m 3s", Cura ";TIME:s"; Cura's
                          command-line engine writes the placeholder 6666
  slicer_time_elapsed_last_s  Cura: last ";TIME_ELAPSED:s"
  slicer_filament_mm      list per extruder: PrusaSlicer "; filament used
                          [mm] = a, b", Slic3r "; filament used = 12.3mm",
                          Cura ";Filament used: 1.23m, 0.5m" (in mm here;
                          the command-line engine writes the placeholder 0m)
  settings                selected "; key = value" settings of the slicer
"""
import json
import re
import sys

AXES = "XYZE"
WORD = re.compile(r"([A-Z])\s*([-+]?(?:\d+\.?\d*|\.\d+))")
COMMAND = re.compile(r"^([GMT])(\d+)(?:\.\d+)?(?![\d.])")
SETTING = re.compile(r"^;\s*([a-z_][a-z0-9_]*)\s*=\s*(.*)$")
SETTINGS_KEPT = (
    "gcode_flavor", "use_relative_e_distances", "use_firmware_retraction",
    "retract_length", "retract_lift", "retract_speed", "deretract_speed",
    "travel_speed", "spiral_vase", "complete_objects", "wipe", "wipe_tower",
    "layer_height", "first_layer_height", "bed_shape", "max_print_height",
    "nozzle_diameter", "filament_diameter",
)
EPS = 1e-9


def flavor_from_name(name):
    name = name.strip().lower()
    if name in ("marlin2", "smoothie", "marlin 2"):
        return "marlin2" if name != "smoothie" else "smoothie"
    if name in ("marlin", "klipper"):
        return name
    if name in ("rrf", "reprap", "reprapfirmware", "repetier", "teacup", "prusa",
                "sailfish", "makerware", "mach3", "machinekit", "no-extrusion",
                "reprap (reprap)", "reprap (volumetric)"):
        return "rrf"
    if name in ("reprap (marlin/sprinter)", "marlin (marlin/sprinter)"):
        return "marlin2"
    return None


def parse_duration(text):
    """'1d 2h 3m 4s' -> seconds"""
    total = 0.0
    found = False
    for value, unit in re.findall(r"(\d+(?:\.\d+)?)\s*([dhms])", text):
        total += float(value) * {"d": 86400, "h": 3600, "m": 60, "s": 1}[unit]
        found = True
    return total if found else None


def scan_comments(lines):
    """Everything the slicer says about itself in comments."""
    info = {
        "slicer": None, "flavor_comment": None,
        "layer_change": 0, "cura_layers": 0, "layer_count_header": None,
        "time": None, "time_elapsed_last": None, "filament_mm": None,
        "settings": {},
    }
    for raw in lines:
        line = raw.strip()
        if not line.startswith(";"):
            continue
        if info["slicer"] is None:
            m = re.match(r";\s*generated (?:by|with) (.+?)(?: on \d{4}-.*)?$", line, re.I)
            if m:
                info["slicer"] = m.group(1).strip()
        if line == ";LAYER_CHANGE":
            info["layer_change"] += 1
        elif line.startswith(";LAYER:"):
            info["cura_layers"] += 1
        elif line.startswith(";LAYER_COUNT:"):
            if info["layer_count_header"] is None:
                info["layer_count_header"] = int(line.split(":", 1)[1])
        elif line.startswith(";FLAVOR:"):
            info["flavor_comment"] = line.split(":", 1)[1].strip()
        elif line.startswith(";TIME:"):
            if info["time"] is None:
                info["time"] = float(line.split(":", 1)[1])
        elif line.startswith(";TIME_ELAPSED:"):
            info["time_elapsed_last"] = float(line.split(":", 1)[1])
        elif line.startswith(";Filament used:"):
            values = []
            for part in line.split(":", 1)[1].split(","):
                m = re.match(r"\s*([-+]?\d*\.?\d+(?:e[-+]?\d+)?)\s*m\s*$", part)
                if m:
                    values.append(float(m.group(1)) * 1000.0)
            info["filament_mm"] = values
        elif re.match(r";\s*estimated printing time \(normal mode\)\s*=", line):
            info["time"] = parse_duration(line.split("=", 1)[1])
        elif re.match(r";\s*filament used \[mm\]\s*=", line):
            info["filament_mm"] = [float(v) for v in line.split("=", 1)[1].split(",")]
        elif re.match(r";\s*filament used\s*=\s*[\d.]+\s*mm", line):   # Slic3r 1.3
            info["filament_mm"] = [float(re.search(r"=\s*([\d.]+)", line).group(1))]
        else:
            m = SETTING.match(line)
            if m and m.group(1) in SETTINGS_KEPT:
                info["settings"][m.group(1)] = m.group(2).strip()
    if info["slicer"] is None:
        for raw in lines[:50]:
            m = re.match(r";\s*Generated with (.+)$", raw.strip())
            if m:
                info["slicer"] = m.group(1)
                break
    return info


def words_of(code):
    """'G1 X1 Y2 E.5 F300' -> {'X': 1.0, ...}; the command word excluded."""
    words = {}
    for letter, value in WORD.findall(code):
        if letter not in words:
            words[letter] = float(value)
    return words


def read(path, flavor=None):
    with open(path, "r", encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    info = scan_comments(lines)

    source = "option"
    if flavor is None:
        flavor = flavor_from_name(info["settings"].get("gcode_flavor", "")) if "gcode_flavor" in info["settings"] else None
        source = "settings block"
        if flavor is None and info["flavor_comment"] is not None:
            flavor = flavor_from_name(info["flavor_comment"]) or ("marlin2" if "marlin" in info["flavor_comment"].lower() else "rrf")
            source = ";FLAVOR comment"
        if flavor is None:
            flavor, source = "rrf", "default"
    else:
        flavor = flavor_from_name(flavor) or flavor
    if flavor not in ("marlin2", "smoothie", "marlin", "klipper", "rrf"):
        raise SystemExit("gcoderef: unknown flavor %r" % flavor)

    pos = {a: 0.0 for a in AXES}
    abs_xyz = True          # G90
    e_mode = "abs"          # marlin2/smoothie/rrf: the E mode itself
    e_base = 0.0            # rrf: E of the last absolute move or G92 E
    m83 = False             # marlin/klipper: M83 flag, combined with G91
    inch = False
    tool = 0
    st = {
        "extrusion_moves": 0, "travel_moves": 0, "wipe_moves": 0,
        "retracts": 0, "unretracts": 0, "z_moves": 0,
        "fw_retracts": 0, "fw_unretracts": 0, "g10_tool_commands": 0,
        "tool_changes": 0, "helical_extrusion_moves": 0,
    }
    e_net, e_pos, e_extr = 0.0, 0.0, 0.0
    e_extr_tool, e_pre_tool = {}, {}
    seen_layer_comment = False
    e_net_tool, e_pos_tool = {}, {}
    heights = []
    last_h = None
    in_helix = False
    helix_lo = helix_hi = None
    z_max = None
    ez_min = ez_max = None

    def e_relative():
        if flavor in ("marlin", "klipper"):
            return (not abs_xyz) or m83
        return e_mode == "rel"

    for raw in lines:
        if not seen_layer_comment:
            c = raw.strip()
            if c == ";LAYER_CHANGE" or c.startswith(";LAYER:"):
                seen_layer_comment = True
        code = raw.split(";", 1)[0]
        code = re.sub(r"\([^)]*\)", "", code)          # ( ) comments
        code = code.split("*", 1)[0].strip().upper()    # checksum
        code = re.sub(r"^N\d+\s*", "", code)            # line number
        if not code:
            continue
        m = COMMAND.match(code)
        if not m:
            continue                                    # macros (PRINT_START ...)
        letter, num = m.group(1), int(m.group(2))
        words = words_of(code[m.end():])
        unit = 25.4 if inch else 1.0

        if letter == "T":
            if num != tool:
                st["tool_changes"] += 1
            tool = num
            continue
        if letter == "M":
            if num == 82:
                if flavor == "rrf" and e_mode == "rel":
                    pos["E"] = e_base
                e_mode, m83 = "abs", False
            elif num == 83:
                if e_mode == "abs":
                    e_base = pos["E"]
                e_mode, m83 = "rel", True
            continue
        # G codes
        if num in (0, 1, 2, 3):
            new = dict(pos)
            for a in AXES:
                if a in words:
                    v = words[a] * unit
                    rel = e_relative() if a == "E" else not abs_xyz
                    new[a] = pos[a] + v if rel else v
                    if a == "E" and not rel:
                        e_base = v
            dx, dy = new["X"] - pos["X"], new["Y"] - pos["Y"]
            dz, de = new["Z"] - pos["Z"], new["E"] - pos["E"]
            xy = num in (2, 3) or abs(dx) > EPS or abs(dy) > EPS
            zmove = abs(dz) > EPS
            e_net += de
            e_net_tool[tool] = e_net_tool.get(tool, 0.0) + de
            if de > 0:
                e_pos += de
                e_pos_tool[tool] = e_pos_tool.get(tool, 0.0) + de
            if xy and de > EPS:
                st["extrusion_moves"] += 1
                e_extr += de
                e_extr_tool[tool] = e_extr_tool.get(tool, 0.0) + de
                if not seen_layer_comment:
                    e_pre_tool[tool] = e_pre_tool.get(tool, 0.0) + de
                z0, z1 = pos["Z"], new["Z"]
                if zmove:
                    st["helical_extrusion_moves"] += 1
                    if not in_helix:
                        heights.append(z0)
                        in_helix = True
                    lo, hi = min(z0, z1), max(z0, z1)
                    helix_lo = lo if helix_lo is None else min(helix_lo, lo)
                    helix_hi = hi if helix_hi is None else max(helix_hi, hi)
                else:
                    if last_h is None or abs(z1 - last_h) > 1e-6:
                        heights.append(z1)
                    in_helix = False
                last_h = z1
                for z in (z0, z1):
                    ez_min = z if ez_min is None else min(ez_min, z)
                    ez_max = z if ez_max is None else max(ez_max, z)
            elif xy and de < -EPS:
                st["wipe_moves"] += 1
            elif xy:
                st["travel_moves"] += 1
            elif zmove:
                st["z_moves"] += 1
            elif de < -EPS:
                st["retracts"] += 1
            elif de > EPS:
                st["unretracts"] += 1
            pos = new
            z_max = pos["Z"] if z_max is None else max(z_max, pos["Z"])
        elif num == 90:
            abs_xyz = True
            if flavor in ("marlin2", "smoothie"):
                e_mode = "abs"
        elif num == 91:
            abs_xyz = False
            if flavor in ("marlin2", "smoothie"):
                e_mode = "rel"
        elif num == 92:
            given = [a for a in AXES if a in words]
            if not given and flavor == "klipper":
                for a in AXES:
                    pos[a] = 0.0
            elif not given and flavor == "smoothie":
                pos["E"] = 0.0
            for a in given:
                pos[a] = words[a] * unit
            if "E" in given:
                e_base = pos["E"]
        elif num == 20:
            inch = True
        elif num == 21:
            inch = False
        elif num == 28:
            homed = [a for a in "XYZ" if a in code[m.end():]]
            for a in homed or "XYZ":
                pos[a] = 0.0
        elif num == 10:
            if any(k in words for k in "PLRSXYZ"):
                st["g10_tool_commands"] += 1
            else:
                st["fw_retracts"] += 1
        elif num == 11:
            st["fw_unretracts"] += 1

    if info["layer_change"]:
        layer_comments = info["layer_change"]
    elif info["cura_layers"]:
        layer_comments = info["cura_layers"]
    else:
        layer_comments = None

    if layer_comments is None:
        e_pre_tool = {}     # no layer comments at all: nothing is "before" one

    r5 = lambda v: None if v is None else round(v, 5)
    out = {
        "file": path,
        "slicer": info["slicer"],
        "flavor": flavor,
        "flavor_source": source,
        "layer_comments": layer_comments,
        "layer_count_header": info["layer_count_header"],
        "extrusion_heights": len(heights),
        "extrusion_height_list": [r5(z) for z in heights],
        "helical_extrusion_moves": st["helical_extrusion_moves"],
        "helical_z_range": None if helix_lo is None else [r5(helix_lo), r5(helix_hi)],
        "final": {a: r5(pos[a]) for a in AXES},
        "e_net": r5(e_net),
        "e_positive": r5(e_pos),
        "e_net_by_tool": {str(t): r5(v) for t, v in sorted(e_net_tool.items())},
        "e_positive_by_tool": {str(t): r5(v) for t, v in sorted(e_pos_tool.items())},
        "extrusion_e": r5(e_extr),
        "extrusion_e_by_tool": {str(t): r5(v) for t, v in sorted(e_extr_tool.items())},
        "extrusion_e_before_first_layer_comment_by_tool":
            {str(t): r5(v) for t, v in sorted(e_pre_tool.items())},
        "z_max": r5(z_max),
        "extrusion_z_min": r5(ez_min),
        "extrusion_z_max": r5(ez_max),
        "slicer_time_s": info["time"],
        "slicer_time_elapsed_last_s": info["time_elapsed_last"],
        "slicer_filament_mm": info["filament_mm"],
        "settings": info["settings"],
    }
    for k, v in st.items():
        if k != "helical_extrusion_moves":
            out[k] = v
    return out


def main(argv):
    args = argv[1:]
    flavor = None
    files = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--flavor" and i + 1 < len(args):
            flavor = args[i + 1]
            i += 2
            continue
        if a.startswith("--flavor="):
            flavor = a.split("=", 1)[1]
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        elif a.startswith("-"):
            sys.stderr.write("gcoderef: unknown option %s\n" % a)
            return 2
        else:
            files.append(a)
        i += 1
    if len(files) != 1:
        sys.stderr.write("usage: gcoderef.py FILE [--flavor marlin2|marlin|klipper|rrf|smoothie]\n")
        return 2
    json.dump(read(files[0], flavor), sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
