#!/bin/sh
# corpus.sh: every real-world file of tests/data/corpus (SOURCES.tsv says
# where each came from) rewritten as a slicer's post-processing hook runs
# gcode-lapse: in place, with no options.  For each: nothing refused, the
# slicer and its version named as SOURCES.tsv has them, one snapshot per
# layer (the final one present), every setting in force with its source,
# --verify with no options accepting the pair, a second run changing
# nothing, and a dry run (--test-mode, proven as every rewrite is).  The expect column says what a file is there for
# ("reader:WHAT": a line the firmware's reader must take, such as decimal
# commas or CR CR LF line ends); every file must be rewritten.  An empty
# field of SOURCES.tsv is "-" (read splits at runs of tabs).
set -u
top=$(cd "${GL_TOP:-$(dirname "$0")/../..}" && pwd)
B=$(cd "${GL_BUILD:-$top/build}" 2>/dev/null && pwd)/gcode-lapse
corpus=$top/tests/data/corpus
tmp=$(mktemp -d "${TMPDIR:-/tmp}/corpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [ ! -x "$B" ]; then
	echo "not ok - no gcode-lapse built in ${GL_BUILD:-$top/build}"
	exit 1
fi

tail -n +2 "$corpus/SOURCES.tsv" |
while IFS='	' read -r file family version slicer sversion repo path commit \
    licence features layers expect note; do
	name=${file%.gcode.xz}
	orig=$tmp/$name.orig.gcode
	work=$tmp/$name.gcode
	xz -dc "$corpus/$file" >"$orig" || {
		echo "not ok - $name: cannot decompress"; continue; }
	cp "$orig" "$work"
	(cd "$tmp" && "$B" --report json "$name.gcode") >"$tmp/report.json" \
	    2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "not ok - $name: refused: $(grep -v warning \
		    "$tmp/err" | head -c 300)"
		continue
	fi
	python3 - "$name" "$tmp/report.json" "$slicer" "$sversion" \
	    "$layers" <<'PY'
import json, sys
name, report, slicer, version, layers = sys.argv[1:]
r = json.load(open(report))
layers = int(layers)
version = "" if version == "-" else version

def check(ok, what, detail=""):
    print(("ok" if ok else "not ok") + f" - {name}: {what}" +
          ("" if ok else f" ({detail})"))

check(r["slicer"] == slicer and r["slicer_version"] == version,
      f"slicer {slicer} {version}", f"{r['slicer']} {r['slicer_version']}")
check(r["layers"] == layers, f"{layers} layers", f"{r['layers']}")
n = r["snapshot_count"]
check(n == layers, f"one snapshot per layer ({n})",
      f"{n} for {r['layers']} layers, skipped: "
      f"{[s['why'] for s in r['skipped']][:3]}")
check(n > 0 and r["snapshots"][-1]["layer"] == r["layers"],
      "the final snapshot, of the last layer",
      r["snapshots"][-1] if n else "none")
s = r["settings"]
missing = [k for k, v in s.items() if v is not None and v["value"] is not None
           and v["source"] in ("none", None)]
check(not missing and s["retract_mm"]["source"] != "none" and
      s["bed"]["source"] not in ("none", "default"),
      "every setting in force says where it came from",
      f"no source: {missing}, bed {s['bed']['source']}")
print(f"# {name}: {n} snapshots, {r['layers']} layers, retraction "
      f"{s['retract_mm']['value']} ({s['retract_mm']['source']}), travel "
      f"{s['travel_speed']['value']} ({s['travel_speed']['source']}), bed "
      f"{s['bed']['source']}")
PY
	if "$B" --verify --quiet "$orig" "$work" 2>"$tmp/err"; then
		echo "ok - $name: --verify with no options"
	else
		echo "not ok - $name: --verify: $(head -c 400 "$tmp/err")"
	fi
	if "$B" --report none --test-mode "$orig" -o "$tmp/dry.gcode" \
	    2>"$tmp/err"; then
		echo "ok - $name: a dry run (--test-mode) proven"
	else
		echo "not ok - $name: --test-mode: $(grep -v warning \
		    "$tmp/err" | head -c 400)"
	fi
	cp "$work" "$tmp/again.gcode"
	if (cd "$tmp" && "$B" --report none again.gcode) 2>"$tmp/err" &&
	    cmp -s "$work" "$tmp/again.gcode"; then
		echo "ok - $name: a second run changes nothing"
	else
		echo "not ok - $name: a second run: $(head -c 200 "$tmp/err")"
	fi
done
