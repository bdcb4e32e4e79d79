#!/bin/sh
# rewrite_proof.sh: every rewrite is proven against its input (--verify's
# checks) before it replaces anything or is written anywhere; a rewrite
# that fails the proof leaves the input and the target as they were,
# prints the verifier's complaint and exits 4.  GCODE_LAPSE_FAULT=proof
# (tests only) damages each rewrite before its proof, standing in for a
# bug of gcode-lapse's own.  The dry run of --test-mode is proven too.
set -u
B=$(cd "${GL_BUILD:-build}" && pwd)/gcode-lapse
T=$(cd "${GL_TOP:-.}" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rewrite_proof.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
src=$T/tests/data/sliced/ps25_cube_marlin2_abs.gcode

check() {	# NAME STATUS [DETAIL]
	if [ "$2" -eq 0 ]; then
		echo "ok - $1"
	else
		echo "not ok - $1${3:+: $3}"
	fi
}
refused() {	# STATUS: refused by the proof, with the verifier's words
	[ "$1" -eq 4 ] && grep -q "does not print like the input, so nothing was written" err &&
	    grep -q "rewritten line [0-9]*: a line the original does not have" err &&
	    [ "$(ls -a | grep -c '\.gl-')" -eq 0 ]
}

cp "$src" inplace.gcode
GCODE_LAPSE_FAULT=proof "$B" --quiet inplace.gcode 2>err
rc=$?
refused $rc && cmp -s "$src" inplace.gcode
check "in place: an unproven rewrite leaves the file as it was (status 4)" $? \
    "status $rc: $(head -c 300 err)"
GCODE_LAPSE_FAULT=proof "$B" --quiet "$src" -o new.gcode 2>err
rc=$?
refused $rc && [ ! -e new.gcode ]
check "-o a new file: nothing written" $? "status $rc: $(head -c 300 err)"
echo "keep me" >old.gcode
GCODE_LAPSE_FAULT=proof "$B" --quiet "$src" -o old.gcode 2>err
rc=$?
refused $rc && [ "$(cat old.gcode)" = "keep me" ]
check "-o an existing file: left as it was" $? "status $rc: $(head -c 300 err)"
GCODE_LAPSE_FAULT=proof "$B" --quiet "$src" -o - >stdout.out 2>err
rc=$?
refused $rc && [ ! -s stdout.out ]
check "-o -: nothing on standard output" $? "status $rc: $(head -c 300 err)"
GCODE_LAPSE_FAULT=proof "$B" --quiet --test-mode "$src" -o dry.gcode 2>err
rc=$?
refused $rc && [ ! -e dry.gcode ]
check "--test-mode: an unproven dry run is not written either" $? \
    "status $rc: $(head -c 300 err)"

# without the fault: proven and written, in every mode
for opts in "" "--smart" "--test-mode" "--every-mm 1.5" "--test-mode --smart"; do
	"$B" --quiet $opts "$src" -o good.gcode 2>err
	rc=$?
	[ $rc -eq 0 ] && [ -s good.gcode ]
	check "proven and written [$opts]" $? "status $rc: $(head -c 300 err)"
done
# --verify proves a dry run too, and tells a broken one
"$B" --verify --test-mode --quiet "$src" good.gcode 2>err
check "--verify --test-mode accepts the dry run" $? "$(head -c 300 err)"
awk '/^G1 X/ && ++n == 500 { sub(/^G1 X/, "G1 X1") } { print }' "$src" >moved.gcode
"$B" --verify --test-mode --quiet moved.gcode good.gcode 2>err
[ $? -eq 1 ] && grep -q "differs from original line" err
check "--verify --test-mode refuses the dry run of another file" $? "$(head -c 300 err)"
