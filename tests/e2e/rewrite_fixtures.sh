#!/bin/sh
# rewrite_fixtures.sh: rewrite every real slicer file in tests/data/sliced
# with several option sets and prove with --verify that each rewrite
# prints exactly like its original; check snapshots were placed.
set -u
B=${GL_BUILD:-build}/gcode-lapse
T=${GL_TOP:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rewrite_fixtures.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Cura's CLI output carries no settings: these stand in for them
base="--bed 0,0,220,220 --retract 0.8 --travel-speed 150"

for opts in "" "--smart" "--every-mm 2" "--every-seconds 60" \
    "--park 10,200 --marker klipper" "--x path:10/50/100:pingpong --y disabled" \
    "--firmware rrf --dwell 500 --marker marlin" \
    "--bed circle:110,110,100 --every-layers 3" \
    "--snap --marker octoprint" "--lift 2 --max-height 12 --park 200,20"; do
	for f in "$T"/tests/data/sliced/*.gcode; do
		n=$(basename "$f" .gcode)
		out=$tmp/$n.gcode
		if ! "$B" $base $opts --report json "$f" -o "$out" \
		    >"$tmp/report.json" 2>"$tmp/err"; then
			echo "not ok - rewrite $n [$opts]: $(head -c 300 "$tmp/err")"
			continue
		fi
		snaps=$(sed -n 's/^  "snapshot_count": \([0-9]*\),/\1/p' "$tmp/report.json")
		if [ "${snaps:-0}" -lt 3 ]; then
			echo "not ok - rewrite $n [$opts]: only ${snaps:-0} snapshots"
			continue
		fi
		if "$B" --verify $base $opts --quiet "$f" "$out" 2>"$tmp/err"; then
			echo "ok - $n [$opts]: $snaps snapshots, verified"
		else
			echo "not ok - $n [$opts]: $(head -c 600 "$tmp/err")"
		fi
	done
done
