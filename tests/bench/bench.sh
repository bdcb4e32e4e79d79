#!/bin/sh
# make bench: speed and memory, each figure beside cat(1) on the same file
# in the same run.  The large file is a real PrusaSlicer print made a large
# one (tall.awk: ten of its objects side by side, their layers stacked with
# Z rising to 1.9 m, within the sane maximum height; about 220 MB, kept in
# BUILD/bench/ between runs).  Every figure is the median of RUNS
# runs (5) with their min and max, each run paired with one of cat
# (lib.sh).
# Usage: tests/bench/bench.sh BUILD_DIR
set -eu
build=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
bin="$top/$build/gcode-lapse"
dir="$top/$build/bench"
src="$top/tests/data/sliced/ps25_cube_marlin2_abs.gcode"
mkdir -p "$dir"

# make_file NAME COPIES: the fixture stacked COPIES times (tall.awk)
make_file() {
	f="$dir/$1.gcode"
	if [ ! -s "$f" ] || [ "$top/tests/bench/tall.awk" -nt "$f" ]; then
		awk -v copies="$2" -f "$top/tests/bench/tall.awk" "$src" \
		    >"$f.tmp"
		mv "$f.tmp" "$f"
	fi
	echo "$f"
}

big=$(make_file tall 960)
small=$(make_file tall-small 96)
BENCH_DIR=$dir BENCH_BIG=$big
. "$top/tests/bench/lib.sh"
size=$(stat -c %s "$big")
lines=$(wc -l <"$big")
echo "file: $(basename "$big"), $((size / 1000000)) MB, $lines lines, $("$bin" --info --json "$big" | python3 -c 'import json, sys; print(json.load(sys.stdin)["layers"]["count"])' 2>/dev/null || echo "?") layers (PrusaSlicer 2.5, ten objects, stacked)"
echo "each: median MB/s (min-max) of $bench_runs runs, the median ratio to cat run beside it"
cat "$big" >/dev/null
bench_pair "cat" "$size" "$lines" cat "$big"
bench_pair "line split (memchr)" "$size" "$lines" \
    "$top/$build/bench/scan_bench" --split "$big"
bench_pair "reader + tracker" "$size" "$lines" \
    "$top/$build/bench/scan_bench" "$big"
bench_pair "gcode-lapse --info" "$size" "$lines" "$bin" --info "$big"
info_rss=$(awk '{ if ($4 > m) m = $4 } END { print m }' "$dir/pairs")
small_rss=$(bench_once "$bin" --info "$small" | cut -d' ' -f2)
echo "peak RSS on a 10x smaller file: $(awk -v m="$small_rss" 'BEGIN { printf "%.1f MB", m / 1024 }') (on the large one: $(awk -v m="$info_rss" 'BEGIN { printf "%.1f MB", m / 1024 }'))"

# Further measurements, added by the parts that have them.
for extra in "$top"/tests/bench/bench_*.sh; do
	[ -x "$extra" ] || continue
	BENCH_DIR=$dir BENCH_BIG=$big BENCH_SMALL=$small \
	    BENCH_BUILD="$top/$build" "$extra"
done
