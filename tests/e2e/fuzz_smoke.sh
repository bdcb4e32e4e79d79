#!/bin/sh
# runs-once: does not depend on the build
# The libFuzzer targets (G-code reader and tracker, the rewrite, the
# proof, printer replies, configurations) for the fixed runs from a fixed
# seed of tests/fuzz/smoke.tsv, after replaying every input that once
# crashed them: the same result for a commit on every machine.
# make fuzz explores at random, for longer (FUZZ_SECONDS).
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# every seed and crash folder is a target's (tests/fuzz/run.sh finds them
# by the target's name), and every target has its seeds
for d in "$top"/tests/fuzz/corpus/* "$top"/tests/fuzz/crashes/*; do
	[ -d "$d" ] || continue
	if [ -f "$top/tests/fuzz/$(basename "$d").c" ]; then
		echo "ok - $(basename "$(dirname "$d")")/$(basename "$d") is a target's"
	else
		echo "not ok - $(basename "$(dirname "$d")")/$(basename "$d"): no target tests/fuzz/$(basename "$d").c uses it"
	fi
done
for t in "$top"/tests/fuzz/fuzz_*.c; do
	n=$(basename "$t" .c)
	if [ -n "$(ls -A "$top/tests/fuzz/corpus/$n" 2>/dev/null)" ]; then
		echo "ok - $n has seeds"
	else
		echo "not ok - $n has no seeds in tests/fuzz/corpus/$n"
	fi
done
make -C "$top" --no-print-directory -s fuzz-smoke >"$log" 2>&1
status=$?
grep -E '^(ok|not ok)' "$log"
if [ $status -ne 0 ] && ! grep -q '^not ok' "$log"; then
	echo "not ok - make fuzz failed:"
	tail -n 20 "$log"
fi
exit $status
