#!/bin/sh
# runs-once: does not depend on the build
# The libFuzzer targets (G-code reader and tracker, printer replies) for a
# short bounded time, after replaying every input that once crashed them.
# make fuzz runs them longer (FUZZ_SECONDS).
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
make -C "$top" --no-print-directory -s fuzz \
    FUZZ_SECONDS="${FUZZ_SMOKE_SECONDS:-15}" >"$log" 2>&1
status=$?
grep -E '^(ok|not ok)' "$log"
if [ $status -ne 0 ] && ! grep -q '^not ok' "$log"; then
	echo "not ok - make fuzz failed:"
	tail -n 20 "$log"
fi
exit $status
