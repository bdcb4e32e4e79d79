#!/bin/sh
# inplace.sh: what a rewrite in place does to the user's file, and to
# what lies around it: a symbolic link is followed (the link stays), hard
# links are split and said so, owner, group and mode are kept (as far as
# the user may), a read-only file needs --force, SIGTERM, SIGINT and
# SIGHUP leave no temporary file, a SIGKILL's is removed by a later run
# (only stale ones of ours), a name of 250 bytes works, and a failed write
# exits 3.  The owner checks run as root (CI does) and as nobody.
set -u
B=$(cd "${GL_BUILD:-build}" && pwd)/gcode-lapse
T=$(cd "${GL_TOP:-.}" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/inplace.XXXXXX")
chmod 755 "$tmp"
pids=
trap 'for p in $pids; do kill -9 "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
opts="--bed 0,0,200,200 --retract 1 --travel-speed 100 --park 190,190"
src=$T/tests/cases/two_layers.gcode
cd "$tmp" || exit 1

# ok NAME CONDITION-STATUS [DETAIL]
check() {
	if [ "$2" -eq 0 ]; then
		echo "ok - $1"
	else
		echo "not ok - $1${3:+: $3}"
	fi
}
# rewritten ORIGINAL FILE: FILE is a proven rewrite of ORIGINAL
rewritten() {
	! cmp -s "$1" "$2" && "$B" --verify $opts --quiet "$1" "$2" 2>/dev/null
}
temps() {	# DIR: how many temporary files of ours are in it
	ls -a "$1" | grep -c '\.gl-'
}
# as_nobody COMMAND...: run as nobody:nogroup (root only)
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}
root=no
[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && root=yes

# a symbolic link: its target is rewritten, the link stays
mkdir links && cp "$src" links/real.gcode && ln -s real.gcode links/link.gcode
"$B" $opts --quiet links/link.gcode
[ -L links/link.gcode ] && [ "$(readlink links/link.gcode)" = real.gcode ] &&
    [ -f links/real.gcode ] && ! [ -L links/real.gcode ] &&
    rewritten "$src" links/real.gcode && [ "$(temps links)" -eq 0 ]
check "in place through a symbolic link: the target rewritten, the link kept" $?
cp "$src" links/out.gcode && ln -s out.gcode links/outlink.gcode
"$B" $opts --quiet "$src" -o links/outlink.gcode
[ -L links/outlink.gcode ] && rewritten "$src" links/out.gcode
check "-o through a symbolic link: the target rewritten, the link kept" $?

# hard links: this name gets the rewrite, the others keep the original
mkdir hard && cp "$src" hard/a.gcode && ln hard/a.gcode hard/b.gcode
"$B" $opts --report none hard/a.gcode 2>err
rewritten "$src" hard/a.gcode && cmp -s "$src" hard/b.gcode &&
    grep -q "hard/a.gcode: .*2 names (hard links).*the other keeps the original" err
check "hard links: split, and said so" $? "$(cat err)"

# mode, owner and group
cp "$src" mode.gcode && chmod 640 mode.gcode
"$B" $opts --quiet mode.gcode
[ "$(stat -c %a mode.gcode)" = 640 ] && rewritten "$src" mode.gcode
check "in place: mode 640 kept" $?
if [ $root = yes ]; then
	cp "$src" owned.gcode && chown 65534:65534 owned.gcode
	"$B" $opts --quiet owned.gcode
	[ "$(stat -c %u:%g owned.gcode)" = 65534:65534 ] &&
	    rewritten "$src" owned.gcode
	check "in place as root: owner and group kept" $? "$(stat -c %u:%g owned.gcode)"
	mkdir nob && chown 65534:65534 nob
	cp "$src" nob/root.gcode && chmod 666 nob/root.gcode
	as_nobody "$B" $opts --report none nob/root.gcode 2>err
	[ $? -eq 0 ] && rewritten "$src" nob/root.gcode &&
	    grep -q "owner and group .* not kept" err
	check "in place as another user: rewritten, owner not kept, said so" $? "$(cat err)"
else
	echo "ok - owner and group kept (skipped: not root)"
	echo "ok - owner not kept, said so (skipped: not root)"
fi

# read-only: refused unless forced
cp "$src" ro.gcode && chmod 444 ro.gcode
"$B" $opts --quiet ro.gcode 2>err
rc=$?
[ $rc -eq 1 ] && cmp -s "$src" ro.gcode && grep -q -- "read-only.*--force" err
check "a read-only file is refused (status 1), left as it was" $? "status $rc: $(cat err)"
"$B" $opts --quiet --force ro.gcode 2>err
[ $? -eq 0 ] && rewritten "$src" ro.gcode && [ "$(stat -c %a ro.gcode)" = 444 ]
check "--force rewrites a read-only file, mode 444 kept" $? "$(cat err)"
cp "$src" ro.gcode.in && chmod 444 ro.gcode.in && cp "$src" roout.gcode &&
    chmod 444 roout.gcode
"$B" $opts --quiet ro.gcode.in -o roout.gcode 2>err
[ $? -eq 1 ] && cmp -s "$src" roout.gcode
check "-o over a read-only file is refused too" $? "$(cat err)"
if [ $root = yes ]; then
	cp "$src" nob/theirs.gcode && chmod 644 nob/theirs.gcode
	as_nobody "$B" $opts --quiet nob/theirs.gcode 2>err
	[ $? -eq 1 ] && cmp -s "$src" nob/theirs.gcode && grep -q -- "--force" err
	check "a file the user may not write is read-only to them" $? "$(cat err)"
else
	echo "ok - a file the user may not write (skipped: not root)"
fi

# signals: the temporary file goes with the process
# (GCODE_LAPSE_FAULT=stall stops a run once its temporary file is made)
# stalled DIR FILE: start one (pid in $p), wait for its temporary file
stalled() {
	GCODE_LAPSE_FAULT=stall env --default-signal=INT,HUP,TERM \
	    "$B" $opts --quiet "$1/$2" >/dev/null 2>&1 &
	p=$!
	pids="$pids $p"
	n=0
	while [ "$(ls -a "$1" | grep -c "^\.$2\.gl-")" -eq 0 ] && [ $n -lt 1000 ]; do
		sleep 0.01
		n=$((n + 1))
	done
}
mkdir sig
for s in TERM INT HUP; do
	cp "$src" sig/$s.gcode
	stalled sig $s.gcode
	had=$(temps sig)
	kill -s $s "$p"
	wait "$p" 2>/dev/null
	[ "$had" -eq 1 ] && [ "$(temps sig)" -eq 0 ] && cmp -s "$src" sig/$s.gcode
	check "SIG$s: the temporary file removed, the file as it was" $? \
	    "$had temporary file(s) while running, $(temps sig) after"
done

# SIGKILL: the next run removes the stale temporary file, not a live one,
# not a fresh one, nor anything that is not ours
mkdir kill9
cp "$src" kill9/a.gcode && cp "$src" kill9/b.gcode && cp "$src" kill9/c.gcode
stalled kill9 a.gcode
kill -9 "$p"
wait "$p" 2>/dev/null
stale=$(ls -a kill9 | grep '^\.a\.gcode\.gl-')
stalled kill9 b.gcode
live=$(ls -a kill9 | grep '^\.b\.gcode\.gl-')
touch kill9/.photo.jpeg.gl-Ab12Cd kill9/.notes.gcode.gl-x kill9/.fresh.gcode.gl-Zz9Yy8
touch -d '-2 minutes' "kill9/$stale" "kill9/$live" kill9/.photo.jpeg.gl-Ab12Cd \
    kill9/.notes.gcode.gl-x
[ -n "$stale" ] && [ -n "$live" ]
check "SIGKILL leaves a temporary file (what the next run is for)" $?
"$B" $opts --quiet kill9/c.gcode
[ ! -e "kill9/$stale" ] && [ -e "kill9/$live" ] &&
    [ -e kill9/.photo.jpeg.gl-Ab12Cd ] && [ -e kill9/.notes.gcode.gl-x ] &&
    [ -e kill9/.fresh.gcode.gl-Zz9Yy8 ] && rewritten "$src" kill9/c.gcode
check "the next run removes the stale one, keeps the live, fresh and foreign ones" $? \
    "$(ls -a kill9 | tr '\n' ' ')"
kill "$p"
wait "$p" 2>/dev/null
[ ! -e "kill9/$live" ]
check "the live run's own goes with it" $?

# a name of 250 bytes: the temporary name is shortened to fit
long=$(printf '%0246d' 0).gcode
cp "$src" "$long"
"$B" $opts --quiet "$long" 2>err
[ $? -eq 0 ] && rewritten "$src" "$long" && [ "$(temps .)" -eq 0 ]
check "a 250-byte name is rewritten in place" $? "$(cat err)"

# a failed write: status 3, the file as it was (a scratch /dev/full: never
# the system's, which a wrong rename would replace)
if [ $root = yes ]; then
	mknod full c 1 7
	"$B" $opts --quiet "$src" -o full 2>err
	rc=$?
	[ $rc -eq 3 ] && [ -c full ] && grep -q "No space left" err
	check "a write that fails (a /dev/full node) exits 3" $? "status $rc: $(cat err)"
else
	echo "ok - a write that fails (skipped: not root)"
fi
if [ $root = yes ]; then
	mkdir rodir && cp "$src" rodir/f.gcode && chmod 555 rodir &&
	    chmod 666 rodir/f.gcode
	as_nobody "$B" $opts --quiet rodir/f.gcode 2>err
	rc=$?
	[ $rc -eq 3 ] && cmp -s "$src" rodir/f.gcode &&
	    grep -q "temporary file.*Permission denied" err
	check "a folder nobody may write in: status 3, the file as it was" $? \
	    "status $rc: $(cat err)"
else
	echo "ok - a read-only folder (skipped: not root)"
fi
