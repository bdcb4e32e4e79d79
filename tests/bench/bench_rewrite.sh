#!/bin/sh
# bench_rewrite.sh: the full rewrite, its proof included (every layer,
# every 50, --test-mode, --smart) and the verifier alone on bench.sh's
# large file, each beside cat (lib.sh).  Run by tests/bench/bench.sh with
# BENCH_DIR, BENCH_BIG and BENCH_BUILD set.
set -eu
bin=$BENCH_BUILD/gcode-lapse
. "$(dirname "$0")/lib.sh"
size=$(stat -c %s "$BENCH_BIG")
lines=$(wc -l <"$BENCH_BIG")
out=$BENCH_DIR/rw.gcode
bench_pair "rewrite, every layer" "$size" "$lines" \
    "$bin" --report none "$BENCH_BIG" -o "$out"
bench_pair "rewrite, every 50 layers" "$size" "$lines" \
    "$bin" --every-layers 50 --report none "$BENCH_BIG" -o "$out"
bench_pair "rewrite --test-mode" "$size" "$lines" \
    "$bin" --test-mode --report none "$BENCH_BIG" -o "$out"
bench_pair "rewrite --smart" "$size" "$lines" \
    "$bin" --smart --report none "$BENCH_BIG" -o "$out"
"$bin" --report none "$BENCH_BIG" -o "$out"
bench_pair "verify" "$size" "$lines" \
    "$bin" --verify --quiet "$BENCH_BIG" "$out"
rm -f "$out"
# The same with the output in memory: what one core does, without this
# machine's disk and its fsync in the figure.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp -d /dev/shm/gl-bench.XXXXXX)
	trap 'rm -rf "$shm"' EXIT
	bench_pair "rewrite, every layer (mem)" "$size" "$lines" \
	    "$bin" --report none "$BENCH_BIG" -o "$shm/rw.gcode"
	bench_pair "rewrite, 1 in 50 (mem)" "$size" "$lines" \
	    "$bin" --every-layers 50 --report none "$BENCH_BIG" -o "$shm/rw.gcode"
	bench_pair "rewrite --smart (mem)" "$size" "$lines" \
	    "$bin" --smart --report none "$BENCH_BIG" -o "$shm/rw.gcode"
	bench_pair "verify (mem)" "$size" "$lines" \
	    "$bin" --verify --quiet "$BENCH_BIG" "$shm/rw.gcode"
fi
