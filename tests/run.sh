#!/bin/sh
# Run every test: the unit test programs of each build given, then the
# end-to-end scripts in tests/e2e/ against each build (a script whose header
# says "# runs-once" does not depend on the build and runs only the first
# time).  Tests print "ok - what" or "not ok - what" per check; a program
# that exits non-zero without saying "not ok" counts as one failure.
# Ends with the line "N passed, N failed".
# Usage: tests/run.sh BUILD_DIR...   (TESTS="pattern..." selects by name:
# a test runs when its name contains one of the words)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
logs=$(mktemp -d "${TMPDIR:-/tmp}/gl-tests.XXXXXX")
passed=0
failed=0
first=yes

selected() {	# name: does it match one of the words of $TESTS (or is it empty)?
	[ -z "${TESTS:-}" ] && return 0
	for pattern in $TESTS; do
		case "$1" in *"$pattern"*) return 0 ;; esac
	done
	return 1
}

run_one() {	# name build command...
	name=$1; build=$2; shift 2
	selected "$name" || return
	log="$logs/$(echo "$build-$name" | tr '/' '_').log"
	GL_BUILD="$top/$build" GL_TOP="$top" "$@" >"$log" 2>&1 </dev/null
	rc=$?
	ok=$(grep -c '^ok - ' "$log")
	bad=$(grep -c '^not ok - ' "$log")
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
		echo "not ok - $name exited with status $rc" >>"$log"
	fi
	passed=$((passed + ok))
	failed=$((failed + bad))
	if [ "$bad" -eq 0 ]; then
		printf '%-6s %-40s %s\n' "PASS" "$name" "($build, $ok checks)"
	else
		printf '%-6s %-40s %s\n' "FAIL" "$name" "($build, $bad of $((ok + bad)) failed)"
		grep -v '^ok - ' "$log" | tail -n 40 | sed 's/^/    /'
	fi
}

for build in "$@"; do
	for t in "$top/$build"/tests/test_*; do
		[ -x "$t" ] || continue
		run_one "unit/$(basename "$t")" "$build" "$t"
	done
	for t in "$top"/tests/e2e/*.sh; do
		[ -x "$t" ] || continue
		if grep -q '^# runs-once' "$t" && [ "$first" != yes ]; then
			continue
		fi
		run_one "e2e/$(basename "$t" .sh)" "$build" "$t"
	done
	first=no
done
echo "logs in $logs"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
