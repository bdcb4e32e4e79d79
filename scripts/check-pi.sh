#!/bin/sh
# make check-pi: the tree as a 32-bit Raspberry Pi runs it.  Cross-builds
# both programs and the unit tests for armhf (Debian's
# crossbuild-essential-armhf and the :armhf -dev packages), then runs them
# under qemu-user: the unit tests, the G-code end-to-end tests, and a
# comparison of the armhf rewrite of every real slicer fixture with the
# native one, byte for byte, so that a format, a time_t, an alignment or a
# long that breaks 32-bit ARM fails here first.
# Usage: scripts/check-pi.sh NATIVE_BUILD_DIR   (prints "ok - ..." lines;
# tests/run.sh counts them)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
native=${1:-build}
arm=build-armhf
run=build-armhf-qemu
cd "$top" || exit 1

mkdir -p "$arm"
# libcamera is left out: the armhf build checks the C, not the module.
if ! make --no-print-directory -s -j2 WERROR=1 BUILD=$arm WITH_LIBCAMERA=no \
    CC=arm-linux-gnueabihf-gcc CXX=arm-linux-gnueabihf-g++ \
    AR=arm-linux-gnueabihf-ar PKG_CONFIG=arm-linux-gnueabihf-pkg-config \
    all unit >"$arm/cross.log" 2>&1; then
	echo "not ok - armhf cross build"
	grep -v "^  " "$arm/cross.log" | tail -n 30
	exit 1
fi
echo "ok - armhf cross build with -Werror"
if file "$arm/gcode-lapse" | grep -q 'ELF 32-bit.*ARM'; then
	echo "ok - the programs are 32-bit ARM executables"
else
	echo "not ok - not a 32-bit ARM executable: $(file "$arm/gcode-lapse")"
fi

# qemu-user runs each program; the libraries come from the :armhf
# packages (multiarch), the same glibc the cross compiler linked against.
rm -rf "$run"
mkdir -p "$run/tests"
wrap() {	# armhf-binary wrapper
	printf '#!/bin/sh\nexec qemu-arm-static "%s" "$@"\n' "$top/$1" >"$2"
	chmod +x "$2"
}
wrap "$arm/gcode-lapse" "$run/gcode-lapse"
wrap "$arm/capture-agent" "$run/capture-agent"
for t in "$arm"/tests/test_*; do
	case "$t" in *.d) continue ;; esac
	wrap "$t" "$run/tests/$(basename "$t")"
done
if [ "$("$run/gcode-lapse" --version)" = "$("$native/gcode-lapse" --version)" ]
then
	echo "ok - gcode-lapse runs under qemu-arm"
else
	echo "not ok - gcode-lapse does not run under qemu-arm"
	exit 1
fi

# Every real fixture rewritten by both builds, with options that exercise
# the planner's arithmetic; the outputs (or the refusals) must be the same
# bytes, and so must what they print.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
bad=0
for f in tests/data/sliced/*.gcode; do
	for opts in "" "--smart --park 10,10" "--every-mm 1.5 --test-mode"; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		"$native/gcode-lapse" $opts "$f" -o "$tmp/native" 2>"$tmp/e1"
		s1=$?
		# shellcheck disable=SC2086
		"$run/gcode-lapse" $opts "$f" -o "$tmp/arm" 2>"$tmp/e2"
		s2=$?
		if [ $s1 -ne $s2 ] || ! cmp -s "$tmp/e1" "$tmp/e2" ||
		    { [ $s1 -eq 0 ] && ! cmp -s "$tmp/native" "$tmp/arm"; }
		then
			bad=$((bad + 1))
			echo "not ok - armhf rewrite differs: $f $opts"
		fi
		rm -f "$tmp/native" "$tmp/arm"
	done
done
[ $bad -eq 0 ] && echo "ok - $n rewrites of real slicer files:" \
    "armhf and native byte-identical"

# The unit tests and the G-code end-to-end tests, on the armhf programs.
TESTS=${PI_TESTS:-unit/ e2e/rewrite_ e2e/verify_ e2e/info_} \
    tests/run.sh "$run" >"$tmp/run.log" 2>&1
logs=$(sed -n 's/^logs in //p' "$tmp/run.log")
for log in "$logs"/*.log; do
	[ -f "$log" ] || continue
	sed -n 's/^\(not ok\|ok\) - /\1 - armhf: /p' "$log"
done
grep -E '^(PASS|FAIL)' "$tmp/run.log" | sed 's/^/# /'
rm -rf "$logs"
