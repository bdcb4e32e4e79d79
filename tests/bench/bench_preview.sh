#!/bin/sh
# bench_preview.sh: gcode-lapse --preview on bench.sh's large file, on one
# core (taskset: the rewrite thread and the picture share it), beside the
# rewrite of the same file with the same options.  Run by
# tests/bench/bench.sh with BENCH_DIR, BENCH_BIG and BENCH_BUILD set.
#
#  - a 300-frame preview (--every-layers so that the file's layers give
#    300 snapshots: every bead of the 220 MB file is drawn, 300 frames
#    written) at 640x480 and 1920x1080: frames per second, wall clock and
#    CPU time;
#  - the rewrite of the same file with the same options; the goal is the
#    640x480 preview in well under that plus ten seconds;
#  - a whole real 335-layer print (the cube five times), every layer.
# Each figure is the median of RUNS runs (3); frames go to /dev/shm when
# it is there, so the disk is not in the figure.
set -eu
top_cube=$(cd "$(dirname "$0")/../.." && pwd)/tests/data/sliced/ps25_cube_marlin2_abs.gcode
bin=$BENCH_BUILD/gcode-lapse
runs=${RUNS:-3}
core="taskset -c 0"
command -v taskset >/dev/null 2>&1 || core=""
out=/dev/shm
[ -d /dev/shm ] && [ -w /dev/shm ] || out=$BENCH_DIR
work=$(mktemp -d "$out/gl-preview-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
layers=$("$bin" --info --json "$BENCH_BIG" | python3 -c 'import json, sys; print(json.load(sys.stdin)["layers"]["count"])' 2>/dev/null || echo 80400)
every=$((layers / 300))
[ "$every" -ge 1 ] || every=1

# median CMD...: "wall_s cpu_s" of the median run (by wall clock)
median() {
	i=0
	: >"$work/times"
	while [ $i -lt "$runs" ]; do
		rm -rf "$work/o" "$work/o.gcode"
		mkdir -p "$work/o"
		t0=$(date +%s%N)
		/usr/bin/time -f "%U %S" -o "$work/cpu" $core "$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		echo "$(( (t1 - t0) / 1000000 )) $(cat "$work/cpu")" >>"$work/times"
		i=$((i + 1))
	done
	sort -n "$work/times" | awk -v n="$runs" 'NR == int((n + 1) / 2) {
		printf "%.3f %.3f\n", $1 / 1000, $2 + $3 }'
}
frames() { ls "$work/o" | grep -c 'jpeg$'; }

set -- $(median "$bin" --every-layers "$every" --report none "$BENCH_BIG" -o "$work/o.gcode")
rw_wall=$1 rw_cpu=$2
printf '%-28s %8.2f s wall %8.2f s CPU   (one core, --every-layers %d)\n' \
    "rewrite, same options" "$rw_wall" "$rw_cpu" "$every"
for size in 640x480 1920x1080; do
	set -- $(median "$bin" --preview --size "$size" --every-layers "$every" \
	    --report none "$BENCH_BIG" -o "$work/o/")
	n=$(frames)
	awk -v l="preview $size" -v w="$1" -v c="$2" -v n="$n" 'BEGIN {
		printf "%-28s %8.2f s wall %8.2f s CPU   %6.1f frames/s (%d frames, %.1f/s of CPU)\n",
		    l, w, c, n / w, n, n / c }'
	[ "$size" = 640x480 ] && pw=$1
done
awk -v p="$pw" -v r="$rw_wall" 'BEGIN {
	printf "300-frame preview at 640x480: %.2f s, the rewrite %.2f s: goal < %.2f s (rewrite + 10 s): %s\n",
	    p, r, r + 10, p < r + 10 ? "met" : "NOT MET" }'
i=0
while [ $i -lt 5 ]; do cat "$top_cube"; i=$((i + 1)); done >"$work/335.gcode"
set -- $(median "$bin" --preview --report none "$work/335.gcode" -o "$work/o/")
printf '%-28s %8.2f s wall %8.2f s CPU   (%d frames at 640x480)\n' \
    "335-layer print, each layer" "$1" "$2" "$(frames)"
