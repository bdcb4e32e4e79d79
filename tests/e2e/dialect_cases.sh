#!/bin/sh
# dialect_cases.sh: the firmware-dialect cases of tests/dialects/ (see its
# README): each NAME.gcode says which firmware it is read for and what the
# tracker must end with; gcode-lapse --info --json --firmware F reads it and
# every expectation is checked against the JSON.
set -u
top=$(cd "${GL_TOP:-$(dirname "$0")/../..}" && pwd)
bin=${GL_BUILD:-$top/build}/gcode-lapse
dir=$top/tests/dialects
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dialect_cases.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$bin" ]; then
	echo "not ok - no gcode-lapse built in ${GL_BUILD:-$top/build}"
	exit 1
fi
n=0
for f in "$dir"/*.gcode; do
	name=$(basename "$f" .gcode)
	n=$((n + 1))
	fw=$(sed -n 's/^; firmware: *//p' "$f" | head -n 1 | tr -d '\r')
	if ! grep -q '^; source: ' "$f"; then
		echo "not ok - $name: names no firmware source (; source: ...)"
		continue
	fi
	if ! grep -q '^; expect ' "$f"; then
		echo "not ok - $name: expects nothing (; expect KEY=VALUE ...)"
		continue
	fi
	set -- --info --json
	[ -n "$fw" ] && [ "$fw" != any ] && set -- "$@" --firmware "$fw"
	if ! "$bin" "$@" "$f" >"$tmp/out.json" 2>"$tmp/err"; then
		echo "not ok - $name: gcode-lapse $* failed: $(head -c 300 "$tmp/err")"
		continue
	fi
	python3 - "$name" "$f" "$tmp/out.json" <<'PY'
import json, sys
name, path, out = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))
end = out["end"]
kinds = sorted({w["kind"] for w in out.get("warning_kinds", [])})

def num(v):
    return None if v == "unknown" else float(v)

def same(a, b):
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6

def got(key):
    if key in ("x", "y", "z", "e"):
        return end[key]
    if key == "feed":
        return end["feed"]
    if key in ("tool",):
        return end["tool"]
    if key in ("xyz_mode", "e_mode", "units", "filament"):
        return end[key]
    if key == "fw_retracted":
        return "yes" if end["fw_retracted"] else "no"
    if key == "retracted":
        return end["retracted"]
    if key == "offset":
        return end["tool_offset"]
    if key.startswith("fw_"):
        return end["fw_retract"][key[3:]]
    if key == "unknown":
        return sorted(set(end["unknown"]))
    if key == "warnings":
        return kinds
    if key == "net":
        return out["filament"]["net_mm"]
    if key == "extruded":
        return out["filament"]["extruded_mm"]
    if key == "layers":
        return out["layers"]["count"]
    raise KeyError(key)

def check(key, want):
    g = got(key)
    if key in ("unknown", "warnings"):
        w = [] if want == "-" else sorted(want.split(","))
        return g == w, g
    if key == "offset":
        w = [float(v) for v in want.split(",")]
        return all(abs(a - b) <= 1e-6 for a, b in zip(g, w)), g
    if key in ("x", "y", "z", "e", "feed", "retracted", "net", "extruded") \
            or (key.startswith("fw_") and key != "fw_retracted"):
        return same(g, num(want)), g
    if key in ("tool", "layers"):
        return g == int(want), g
    return g == want, g

ok, bad = 0, []
for line in open(path, encoding="utf-8", errors="replace"):
    if not line.startswith("; expect "):
        continue
    for item in line[len("; expect "):].split():
        key, _, want = item.partition("=")
        try:
            good, g = check(key, want)
        except KeyError:
            bad.append(f"unknown key {key}")
            continue
        if good:
            ok += 1
        else:
            bad.append(f"{key} is {g}, want {want}")
if bad:
    print(f"not ok - {name}: " + "; ".join(bad))
    for w in out.get("warning_kinds", []):
        print(f"#   line {w['line']}: {w['text']}")
else:
    print(f"ok - {name} ({ok} expectations)")
PY
done
[ "$n" -gt 0 ] || echo "not ok - no cases in $dir"
