#!/bin/sh
# bench_rewrite.sh: the full rewrite, its proof included (every layer,
# every 50, --test-mode, --smart) and the verifier alone on bench.sh's
# large file.  Run by tests/bench/bench.sh with BENCH_DIR, BENCH_BIG,
# BENCH_CAT_S and BENCH_BUILD set.
set -eu
bin=$BENCH_BUILD/gcode-lapse
size=$(stat -c %s "$BENCH_BIG")
one() {	# label command...
	label=$1; shift
	t0=$(date +%s%N)
	/usr/bin/time -f "%M" -o "$BENCH_DIR/rw.time" "$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	awk -v l="$label" -v s="$size" -v t="$(( (t1 - t0) / 1000000 ))" \
	    -v m="$(tail -n 1 "$BENCH_DIR/rw.time")" -v c="$BENCH_CAT_S" 'BEGIN {
		t = t / 1000; if (t < 0.001) t = 0.001; if (c < 0.001) c = 0.001
		printf "%-28s %8.1f MB/s %22s %6.2f x cat  peak RSS %6.1f MB\n",
		    l, s / t / 1e6, "", t / c, m / 1024 }'
}
one "rewrite, every layer" "$bin" --report none "$BENCH_BIG" -o "$BENCH_DIR/rw.gcode"
# the large file repeats a small print: a layer every 3.7 KB, far denser
# than a real print; one snapshot in 50 layers is closer to real density
one "rewrite, every 50 layers" "$bin" --every-layers 50 --report none "$BENCH_BIG" -o "$BENCH_DIR/rw.gcode"
one "rewrite --test-mode" "$bin" --test-mode --report none "$BENCH_BIG" -o "$BENCH_DIR/rw.gcode"
one "rewrite --smart" "$bin" --smart --report none "$BENCH_BIG" -o "$BENCH_DIR/rw.gcode"
one "verify" "$bin" --verify --quiet "$BENCH_BIG" "$BENCH_DIR/rw.gcode"
rm -f "$BENCH_DIR/rw.gcode"
# The same with the output in memory: what one core does, without this
# machine's disk and its fsync in the figure.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp -d /dev/shm/gl-bench.XXXXXX)
	one "rewrite, every layer (mem)" "$bin" --report none "$BENCH_BIG" -o "$shm/rw.gcode"
	one "rewrite, 1 in 50 (mem)" "$bin" --every-layers 50 --report none "$BENCH_BIG" -o "$shm/rw.gcode"
	one "rewrite --smart (mem)" "$bin" --smart --report none "$BENCH_BIG" -o "$shm/rw.gcode"
	rm -rf "$shm"
fi
