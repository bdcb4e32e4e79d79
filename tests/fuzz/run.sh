#!/bin/sh
# Run each libFuzzer target for SECONDS, first replaying every input that
# once crashed it (tests/fuzz/crashes/TARGET/), seeded from
# tests/fuzz/corpus/TARGET/.  A crash is kept in crashes/ for replay.
# With -s (the smoke test of make check) each target makes the runs
# smoke.tsv gives it from seed 1, so that the result is the commit's and
# not the machine's or the moment's; SECONDS is then only a bound.
# Usage: tests/fuzz/run.sh [-s] SECONDS build-fuzz/fuzz_x...
set -u
smoke=no
if [ "${1:-}" = -s ]; then
	smoke=yes
	shift
fi
secs=$1
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
status=0
for bin in "$@"; do
	name=$(basename "$bin")
	how="-max_total_time=$secs"
	if [ $smoke = yes ]; then
		runs=$(awk -v t="$name" '$1 == t { print $2 }' \
		    "$top/tests/fuzz/smoke.tsv")
		if [ -z "$runs" ]; then
			echo "not ok - $name: no runs in tests/fuzz/smoke.tsv"
			status=1
			continue
		fi
		how="$how -runs=$runs -seed=1"
	fi
	crashes="$top/tests/fuzz/crashes/$name"
	work=$(mktemp -d)
	if [ -d "$top/tests/fuzz/corpus/$name" ]; then
		cp -r "$top/tests/fuzz/corpus/$name/." "$work/" 2>/dev/null
	fi
	if [ -d "$crashes" ] && [ -n "$(ls -A "$crashes" 2>/dev/null)" ]; then
		if ! "$bin" "$crashes"/* >"$work.log" 2>&1; then
			echo "not ok - $name: a past crash came back"
			tail -n 20 "$work.log"
			status=1
		else
			echo "ok - $name: past crashes replayed"
		fi
	fi
	mkdir -p "$crashes"
	if "$bin" $how -max_len=8192 -timeout=10 \
	    -artifact_prefix="$crashes/" "$work" >"$work.log" 2>&1; then
		echo "ok - $name: $(grep -o 'Done [0-9]* runs' "$work.log" | tail -n 1)$([ $smoke = yes ] && echo " from seed 1" || echo " in ${secs}s"), no crash"
	else
		echo "not ok - $name: crashed; input kept in $crashes"
		tail -n 30 "$work.log"
		status=1
	fi
	rm -rf "$work" "$work.log"
done
exit $status
