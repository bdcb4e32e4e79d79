#!/bin/sh
# make bench: speed and memory, measured against cat(1) on the same file in
# the same run.  The large file is real PrusaSlicer output repeated to
# ~300 MB (kept in BUILD/bench/ between runs).  Each figure is the best of
# RUNS runs, the page cache warm.
# Usage: tests/bench/bench.sh BUILD_DIR
set -eu
build=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
bin="$top/$build/gcode-lapse"
dir="$top/$build/bench"
runs=${RUNS:-3}
mkdir -p "$dir"

# make_file NAME COPIES: the fixture repeated COPIES times
make_file() {
	f="$dir/$1.gcode"
	if [ ! -s "$f" ]; then
		src="$top/tests/data/sliced/ps25_cube_marlin2_abs.gcode"
		i=0
		while [ $i -lt "$2" ]; do cat "$src"; i=$((i + 1)); done >"$f"
	fi
	echo "$f"
}

# best CMD...: prints "seconds peak_rss_kb" of the fastest of $runs runs
best() {
	b=""
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(date +%s%N)
		/usr/bin/time -f "%M" -o "$dir/time" "$@" >/dev/null 2>"$dir/stderr" || {
			echo "bench: $* failed:" >&2
			cat "$dir/stderr" >&2
			exit 1
		}
		t1=$(date +%s%N)
		t="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }') $(cat "$dir/time")"
		if [ -z "$b" ] || [ "$(echo "$t $b" | awk '{print ($1 < $3)}')" = 1 ]; then
			b=$t
		fi
		i=$((i + 1))
	done
	echo "$b"
}

report() {	# LABEL FILE SECONDS RSS CAT_SECONDS
	size=$(stat -c %s "$2")
	lines=$(wc -l <"$2")
	awk -v l="$1" -v s="$size" -v n="$lines" -v t="$3" -v m="$4" -v c="$5" 'BEGIN {
		if (t < 0.001) t = 0.001; if (c < 0.001) c = 0.001;
		printf "%-28s %8.1f MB/s %7.1f Mlines/s  %6.2f x cat  peak RSS %6.1f MB\n",
		    l, s / t / 1e6, n / t / 1e6, t / c, m / 1024 }'
}

big=$(make_file big 1200)
small=$(make_file small 120)
echo "file: $(basename "$big"), $(($(stat -c %s "$big") / 1000000)) MB, $(wc -l <"$big") lines (PrusaSlicer output x1200)"
cat "$big" >/dev/null
set -- $(best cat "$big")
cat_s=$1
echo "cat                          $(awk -v s="$(stat -c %s "$big")" -v t="$cat_s" 'BEGIN { if (t < 0.001) t = 0.001; printf "%8.1f MB/s", s / t / 1e6 }')"
set -- $(best "$top/$build/bench/scan_bench" "$big")
report "reader + tracker" "$big" "$1" "$2" "$cat_s"
set -- $(best "$bin" --info "$big")
report "gcode-lapse --info" "$big" "$1" "$2" "$cat_s"
info_rss=$2
set -- $(best "$bin" --info "$small")
echo "peak RSS on a 10x smaller file: $(awk -v m="$2" 'BEGIN { printf "%.1f MB", m / 1024 }') (on the large one: $(awk -v m="$info_rss" 'BEGIN { printf "%.1f MB", m / 1024 }'))"

# Further measurements, added by the parts that have them.
for extra in "$top"/tests/bench/bench_*.sh; do
	[ -x "$extra" ] || continue
	BENCH_DIR=$dir BENCH_BIG=$big BENCH_SMALL=$small BENCH_CAT_S=$cat_s \
	    BENCH_BUILD="$top/$build" "$extra"
done
