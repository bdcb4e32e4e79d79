#!/bin/sh
# rewrite_cases.sh: the data-driven rewrite cases of tests/cases/ (see its
# README): each NAME.gcode rewritten with NAME.args, then either
#   - the output without its blocks is the input byte for byte, --verify
#     accepts the pair, and the blocks with their places are NAME.expect;
#   - or the rewrite is refused with the status and the message lines that
#     NAME.expect gives, and leaves no output;
# and the whole stderr is NAME.stderr when there is one.  A file already
# processed comes out as it went in: there is nothing to verify.
# UPDATE=1 writes NAME.expect (and an existing NAME.stderr) from what the
# rewrite does now, for a change made on purpose: review the diff.
set -u
top=$(cd "${GL_TOP:-$(dirname "$0")/../..}" && pwd)
B=$(cd "${GL_BUILD:-$top/build}" 2>/dev/null && pwd)/gcode-lapse
cases=$top/tests/cases
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rewrite_cases.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cr=$(printf '\r')
if [ ! -x "$B" ]; then
	echo "not ok - no gcode-lapse built in ${GL_BUILD:-$top/build}"
	exit 1
fi

# blocks OUT: every block of ours, each after a line saying where it is
blocks() {
	awk '
	!inb && /^; gcode-lapse begin( |\r?$)/ {
		t = last; sub(/\r$/, "", t)
		if (length(t) > 60) t = substr(t, 1, 60) "..."
		print "after line " n ": " t
		inb = 1
	}
	inb { print; if ($0 ~ /^; gcode-lapse end\r?$/) inb = 0; next }
	{ n++; last = $0 }
	' "$1"
}

# rest OUT: the output without its blocks and without the processed mark
rest() {
	awk '
	!inb && /^; gcode-lapse begin( |\r?$)/ { inb = 1 }
	inb { if ($0 ~ /^; gcode-lapse end\r?$/) inb = 0; next }
	{ print }
	' "$1" | sed '$d'
}

# original IN: the input, with the line end the rewrite adds when it has
# none (in the file's style)
original() {
	cat "$1"
	if [ -n "$(tail -c 1 "$1")" ]; then
		if head -n 1 "$1" | grep -q "$cr\$"; then
			printf '\r\n'
		else
			printf '\n'
		fi
	fi
}

# say NAME FILE...: a diagnostic, the first lines of each file
say() {
	shift
	for f in "$@"; do
		head -n 30 "$f" | sed 's/^/#   /'
	done
}

one() {		# NAME
	name=$1
	out=$tmp/$name.out
	set --
	set -f		# the words of NAME.args are not file patterns
	if [ -f "$cases/$name.args" ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			case $line in
			''|'#'*) ;;
			--*=*) set -- "$@" "$line" ;;
			*) for w in $line; do set -- "$@" "$w"; done ;;
			esac
		done <"$cases/$name.args"
	fi
	set +f
	(cd "$cases" && "$B" --report none "$@" "$name.gcode" -o "$out") \
	    >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		blocks "$out" >"$tmp/got"
	else
		{ echo "refused $rc"; cat "$tmp/stderr"; } >"$tmp/got"
	fi
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/got" "$cases/$name.expect"
		[ -f "$cases/$name.stderr" ] &&
		    cp "$tmp/stderr" "$cases/$name.stderr"
		echo "ok - $name (expectation written)"
		return
	fi
	if [ ! -f "$cases/$name.expect" ]; then
		echo "not ok - $name: no $name.expect (UPDATE=1 writes one)"
		return
	fi
	if [ -f "$cases/$name.stderr" ] &&
	    ! cmp -s "$cases/$name.stderr" "$tmp/stderr"; then
		echo "not ok - $name: stderr is not $name.stderr"
		diff "$cases/$name.stderr" "$tmp/stderr" >"$tmp/diff"
		say "$name" "$tmp/diff"
		return
	fi
	read -r first want_rc <"$cases/$name.expect"
	if [ "$first" = refused ]; then
		if [ "$rc" -ne "${want_rc:-1}" ]; then
			echo "not ok - $name: status $rc, want ${want_rc:-1}"
			say "$name" "$tmp/stderr"
			return
		fi
		if [ -e "$out" ]; then
			echo "not ok - $name: refused, but left an output"
			return
		fi
		sed 1d "$cases/$name.expect" | while IFS= read -r want; do
			[ -z "$want" ] && continue
			grep -qxF -- "$want" "$tmp/stderr" ||
			    echo "#   missing: $want"
		done >"$tmp/missing"
		if [ -s "$tmp/missing" ]; then
			echo "not ok - $name: stderr lacks a line of $name.expect"
			say "$name" "$tmp/missing" "$tmp/stderr"
		else
			echo "ok - $name: refused ($rc)"
		fi
		return
	fi
	if [ "$rc" -ne 0 ]; then
		echo "not ok - $name: refused ($rc), want a rewrite"
		say "$name" "$tmp/stderr"
		return
	fi
	if ! cmp -s "$cases/$name.gcode" "$out"; then
		if ! tail -n 1 "$out" | grep -q \
		    "^; processed by gcode-lapse ([0-9]* snapshots)$cr\{0,1\}\$"; then
			echo "not ok - $name: no processed mark at the end"
			return
		fi
		rest "$out" >"$tmp/rest"
		original "$cases/$name.gcode" >"$tmp/orig"
		if ! cmp -s "$tmp/orig" "$tmp/rest"; then
			echo "not ok - $name: without its blocks the output is" \
			    "not the input: $(cmp "$tmp/orig" "$tmp/rest" 2>&1)"
			return
		fi
	fi
	# nothing inserted (a file already processed): nothing to verify
	if ! cmp -s "$cases/$name.gcode" "$out" &&
	    ! (cd "$cases" && "$B" --verify "$@" --quiet "$name.gcode" "$out") \
	    >/dev/null 2>"$tmp/verify"; then
		echo "not ok - $name: --verify refuses the rewrite"
		say "$name" "$tmp/verify"
		return
	fi
	if ! cmp -s "$cases/$name.expect" "$tmp/got"; then
		echo "not ok - $name: the blocks are not $name.expect"
		diff "$cases/$name.expect" "$tmp/got" >"$tmp/diff"
		say "$name" "$tmp/diff"
		return
	fi
	echo "ok - $name: $(grep -c '^after line ' "$tmp/got") blocks as expected"
}

for f in "$cases"/*.expect; do
	[ -e "$f" ] || continue
	n=$(basename "$f" .expect)
	[ -e "$cases/$n.gcode" ] || echo "not ok - $n: $n.expect without $n.gcode"
done
for f in "$cases"/*.gcode; do
	[ -e "$f" ] || continue
	one "$(basename "$f" .gcode)"
done
