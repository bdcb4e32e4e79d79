#!/bin/sh
# rewrite_encodings.sh: text that is not plain LF or CRLF ASCII.  A UTF-8
# byte-order mark and CR-only line ends are rewritten and verified (the
# mark kept, the inserted lines in CR too); UTF-16 is refused with a
# message that says so, never "does not say how far to retract".
#
# A check named in $pending runs, and its failure is reported as expected
# ("ok - ... expected to fail"); once it passes it fails the test, so that
# it is taken off the list.  The BOM and CR-only checks were pending until
# the reader (issue 10's reader half) read them; they run now.
set -u
B=$(cd "${GL_BUILD:-build}" && pwd)/gcode-lapse
T=$(cd "${GL_TOP:-.}" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rewrite_encodings.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
pending=""
opts="--bed 0,0,200,200 --retract 1 --travel-speed 150 --marker klipper"
src=$T/tests/cases/two_layers.gcode
cr=$(printf '\r')

# check WORD NAME STATUS [DETAIL]
check() {
	case " $pending " in
	*" $1 "*)
		if [ "$3" -eq 0 ]; then
			echo "not ok - $2: passes now: take \"$1\" off \$pending in $0"
		else
			echo "ok - $2: expected to fail until the reader reads it${4:+ ($4)}"
		fi ;;
	*)
		if [ "$3" -eq 0 ]; then
			echo "ok - $2"
		else
			echo "not ok - $2${4:+: $4}"
		fi ;;
	esac
}
# rest FILE: without the blocks and the processed mark (LF lines)
rest() {
	awk '!inb && /^; gcode-lapse begin( |\r?$)/ { inb = 1 }
	inb { if ($0 ~ /^; gcode-lapse end\r?$/) inb = 0; next }
	{ print }' "$1" | sed '$d'
}
# rewrite NAME: NAME.gcode into NAME.out, verified
rewrite() {
	"$B" $opts --report none "$1.gcode" -o "$1.out" 2>"$1.err" &&
	    "$B" --verify $opts --quiet "$1.gcode" "$1.out" 2>>"$1.err"
}

# a UTF-8 byte-order mark: kept, the file otherwise as ever
printf '\357\273\277' >bom.gcode
cat "$src" >>bom.gcode
rewrite bom && [ "$(head -c 3 bom.out | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
    rest bom.out | cmp -s - bom.gcode &&
    [ "$(grep -c '^; gcode-lapse begin snapshot' bom.out)" -eq 2 ]
check bom "a UTF-8 BOM: rewritten, verified, the mark kept" $? "$(head -c 200 bom.err)"

# CR-only line ends (old Mac style): blocks in CR too
tr '\n' '\r' <"$src" >cr.gcode
rewrite cr && [ "$(tr -cd '\n' <cr.out | wc -c)" -eq 0 ] &&
    tr '\r' '\n' <cr.out >cr.lf && rest cr.lf | cmp -s - "$src" &&
    [ "$(grep -c '^; gcode-lapse begin snapshot' cr.lf)" -eq 2 ]
check cr "CR-only lines: rewritten, verified, every line in CR" $? "$(head -c 200 cr.err)"

# UTF-16, with and without a byte-order mark: refused, and said why
for enc in UTF-16LE UTF-16BE; do
	for bom in "with" "without"; do
		if [ $bom = with ]; then
			if [ $enc = UTF-16LE ]; then printf '\377\376'; else printf '\376\377'; fi
		fi >u16.gcode
		iconv -f UTF-8 -t $enc "$T/tests/data/sliced/ps25_cube_marlin2_abs.gcode" >>u16.gcode
		"$B" --report none u16.gcode -o u16.out 2>err
		rc=$?
		[ $rc -eq 1 ] && [ ! -e u16.out ] && grep -q "UTF-16" err &&
		    grep -q "iconv" err && ! grep -q "retract" err
		check utf16 "$enc $bom a byte-order mark: refused, UTF-16 named" $? \
		    "status $rc: $(cat err)"
	done
done
