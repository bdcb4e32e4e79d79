#!/bin/sh
# rewrite_targets.sh: outputs and inputs that are not regular files.  A
# character device, a FIFO or standard output is written into, never
# replaced; a block device, a folder and a link to nothing are refused;
# "-o -" is standard output; "-" and a FIFO as input are read as a stream,
# settings at the end included.  Device nodes are scratch ones made in
# this test's folder (as root, as CI runs it): never the system's.
set -u
B=$(cd "${GL_BUILD:-build}" && pwd)/gcode-lapse
T=$(cd "${GL_TOP:-.}" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rewrite_targets.XXXXXX")
pids=
trap 'for p in $pids; do kill -9 "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
# a PrusaSlicer file: bed, retraction and speeds come from its settings
# block at the end, which a stream gives last
src=$T/tests/data/sliced/ps25_cube_marlin2_abs.gcode
"$B" --report none "$src" -o ref.gcode || { echo "not ok - reference rewrite"; exit 1; }

check() {	# NAME STATUS [DETAIL]
	if [ "$2" -eq 0 ]; then
		echo "ok - $1"
	else
		echo "not ok - $1${3:+: $3}"
	fi
}
root=no
[ "$(id -u)" -eq 0 ] && root=yes

# character devices: written into, still devices afterwards
if [ $root = yes ]; then
	mknod null c 1 3
	"$B" --report none "$src" -o null 2>err
	[ $? -eq 0 ] && [ -c null ] && [ "$(ls -a | grep -c '\.gl-')" -eq 0 ]
	check "-o a /dev/null node: written into, still a device" $? "$(cat err)"
	mknod zero c 1 5	# reads give zeros, writes vanish
	"$B" --report none "$src" -o zero 2>err
	[ $? -eq 0 ] && [ -c zero ]
	check "-o a /dev/zero node: still a device" $? "$(cat err)"
	mknod blk b 7 200
	"$B" --report none "$src" -o blk 2>err
	rc=$?
	[ $rc -eq 1 ] && [ -b blk ] && grep -q "blk: a block device" err
	check "-o a block device: refused (status 1), left alone" $? "status $rc: $(cat err)"
else
	for n in "/dev/null node" "/dev/zero node" "block device"; do
		echo "ok - -o a $n (skipped: not root)"
	done
fi

# a FIFO: written into once the rewrite is proven
mkfifo fifo
timeout 20 cat fifo >fifo.out &
pids="$pids $!"
"$B" --report none "$src" -o fifo 2>err
rc=$?
wait
[ $rc -eq 0 ] && [ -p fifo ] && cmp -s ref.gcode fifo.out
check "-o a FIFO: the rewrite through it, still a FIFO" $? "status $rc: $(cat err)"

# standard output
"$B" --report none "$src" -o - >stdout.out 2>err
[ $? -eq 0 ] && cmp -s ref.gcode stdout.out
check "-o -: standard output" $? "$(cat err)"
ln -s /proc/self/fd/1 stdout
"$B" --report none "$src" -o stdout 2>err | cat >pipe.out
[ -L stdout ] && cmp -s ref.gcode pipe.out
check "-o a link to standard output, a pipe: written into" $? "$(cat err)"
"$B" --report none "$src" -o stdout >redirected.out 2>err
[ -L stdout ] && cmp -s ref.gcode redirected.out
check "-o a link to standard output, a file: that file rewritten" $? "$(cat err)"

# refused: a folder, a link to nothing
mkdir dir
"$B" --report none "$src" -o dir 2>err
rc=$?
[ $rc -eq 1 ] && [ -d dir ] && grep -q "dir: a folder" err
check "-o a folder: refused (status 1)" $? "status $rc: $(cat err)"
ln -s missing/file.gcode dangling
"$B" --report none "$src" -o dangling 2>err
rc=$?
[ $rc -eq 1 ] && [ -L dangling ] && grep -q "dangling: a symbolic link to nothing" err
check "-o a symbolic link to nothing: refused (status 1)" $? "status $rc: $(cat err)"

# streams as input: the whole file is read first, settings and all
"$B" --report none - -o stdin.out <"$src" 2>err
[ $? -eq 0 ] && cmp -s ref.gcode stdin.out
check "- as input: read as a stream, settings at its end found" $? "$(cat err)"
cat "$src" | "$B" --report none - >filter.out 2>err
[ $? -eq 0 ] && cmp -s ref.gcode filter.out
check "- as input without -o: a filter to standard output" $? "$(cat err)"
mkfifo fin
timeout 20 sh -c 'cat "$1" >fin' - "$src" &
pids="$pids $!"
"$B" --report none fin -o fin.out 2>err
rc=$?
wait
[ $rc -eq 0 ] && cmp -s ref.gcode fin.out
check "a FIFO as input: read as a stream" $? "status $rc: $(cat err)"
timeout 20 sh -c 'cat "$1" >fin' - "$src" &
pids="$pids $!"
"$B" --report none fin 2>err
rc=$?
wait
[ $rc -eq 1 ] && [ -p fin ] && grep -q "fin: a FIFO cannot be rewritten in place: give -o" err
check "a FIFO as input without -o: refused (status 1)" $? "status $rc: $(cat err)"
printf 'G28\nG1 X1\000\n' | "$B" --report none - -o nul.out 2>err
rc=$?
[ $rc -eq 1 ] && [ ! -e nul.out ] && grep -q "NUL" err
check "a stream with a NUL byte: refused as it is read" $? "status $rc: $(cat err)"
"$B" --report json "$src" -o - >json.out 2>err
rc=$?
[ $rc -eq 2 ] && [ ! -s json.out ] && grep -q "cannot both go to standard output" err
check "--report json with -o -: a usage error, nothing written" $? "status $rc: $(cat err)"
ln -s loop2 loop1 && ln -s loop1 loop2
"$B" --report none "$src" -o loop1 2>err
rc=$?
[ $rc -eq 1 ] && [ -L loop1 ] && grep -q "loop1: a loop of symbolic links" err
check "-o a loop of symbolic links: refused (status 1)" $? "status $rc: $(cat err)"
