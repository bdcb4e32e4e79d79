#!/bin/sh
# Run each libFuzzer target for SECONDS, first replaying every input that
# once crashed it (tests/fuzz/crashes/TARGET/), seeded from
# tests/fuzz/corpus/TARGET/.  A crash is kept in crashes/ for replay.
# Usage: tests/fuzz/run.sh SECONDS build-fuzz/fuzz_x...
set -u
secs=$1
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
status=0
for bin in "$@"; do
	name=$(basename "$bin")
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
	if "$bin" -max_total_time="$secs" -max_len=8192 -timeout=10 \
	    -artifact_prefix="$crashes/" "$work" >"$work.log" 2>&1; then
		echo "ok - $name: $(grep -o 'Done [0-9]* runs' "$work.log" | tail -n 1) in ${secs}s, no crash"
	else
		echo "not ok - $name: crashed; input kept in $crashes"
		tail -n 30 "$work.log"
		status=1
	fi
	rm -rf "$work" "$work.log"
done
exit $status
