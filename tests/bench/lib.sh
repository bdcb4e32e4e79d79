# lib.sh: the measuring for tests/bench/*.sh (sourced).  Each figure is a
# command run RUNS times, every run paired with a run of cat(1) on the same
# file just before it, so a machine that slows down between runs slows both:
# the figure is the median with the min and max over the runs, and the
# median of the pairs' time ratios to cat.
# Needs BENCH_DIR (scratch), BENCH_BIG (the file cat reads), RUNS.

bench_runs=${RUNS:-5}

# once CMD...: "microseconds peak_rss_kb" of one run
bench_once() {
	t0=$(date +%s%N)
	if ! /usr/bin/time -f "%M" -o "$BENCH_DIR/time" "$@" >/dev/null \
	    2>"$BENCH_DIR/stderr"; then
		echo "bench: $* failed:" >&2
		cat "$BENCH_DIR/stderr" >&2
		exit 1
	fi
	t1=$(date +%s%N)
	echo "$(((t1 - t0) / 1000)) $(tail -n 1 "$BENCH_DIR/time")"
}

# bench_pair LABEL BYTES LINES CMD...: one line of figures for CMD
bench_pair() {
	label=$1 bytes=$2 nlines=$3
	shift 3
	: >"$BENCH_DIR/pairs"
	i=0
	while [ $i -lt "$bench_runs" ]; do
		c=$(bench_once cat "$BENCH_BIG")
		a=$(bench_once "$@")
		echo "$c $a" >>"$BENCH_DIR/pairs"
		i=$((i + 1))
	done
	awk -v l="$label" -v s="$bytes" -v n="$nlines" '
	function median(v, k,    i, j, t) {
		for (i = 2; i <= k; i++)
			for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
	}
	{
		k++
		t[k] = ($3 < 1 ? 1 : $3) / 1e6
		r[k] = ($3 < 1 ? 1 : $3) / ($1 < 1 ? 1 : $1)
		if ($4 > rss) rss = $4
		if (k == 1 || t[k] < lo) lo = t[k]
		if (k == 1 || t[k] > hi) hi = t[k]
	}
	END {
		tm = median(t, k)
		printf "%-27s %7.1f MB/s (%6.1f-%6.1f) %5.2f Mlines/s %6.2f x cat  peak RSS %6.1f MB\n",
		    l, s / tm / 1e6, s / hi / 1e6, s / lo / 1e6, n / tm / 1e6,
		    median(r, k), rss / 1024
	}' "$BENCH_DIR/pairs"
}
