#!/bin/sh
# cura-defs.sh [DESTDIR]
#
# Provide Cura's printer definitions (fdmprinter.def.json, fdmextruder.def.json,
# the machine and extruder definitions) for the command-line CuraEngine, without
# installing Debian's `cura` package and its GUI dependencies: download the .deb
# with `apt-get download cura` and unpack only
# usr/share/cura/resources/{definitions,extruders} into DESTDIR.
#
# Default DESTDIR: ${XDG_CACHE_HOME:-$HOME/.cache}/gcode-lapse/cura
# Does nothing when DESTDIR/definitions/fdmprinter.def.json already exists.
# Prints DESTDIR on the last line of stdout on success.
set -eu

dest=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/gcode-lapse/cura}

if [ -f "$dest/definitions/fdmprinter.def.json" ] && [ -f "$dest/definitions/fdmextruder.def.json" ]; then
	echo "cura-defs: definitions already present in $dest" >&2
	echo "$dest"
	exit 0
fi

die() {
	echo "cura-defs: error: $*" >&2
	exit 1
}

command -v apt-get >/dev/null 2>&1 || die "apt-get not found; copy Cura's resources/definitions and resources/extruders into $dest by hand"
command -v dpkg-deb >/dev/null 2>&1 || die "dpkg-deb not found"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cura-defs.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "cura-defs: downloading the cura .deb (apt-get download cura) into $tmp" >&2
(cd "$tmp" && apt-get download cura >&2) ||
	die "'apt-get download cura' failed (no network, or no 'cura' package in the apt sources? try 'apt-get update')"

deb=$(ls "$tmp"/cura_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || die "apt-get download produced no cura_*.deb"

echo "cura-defs: unpacking $(basename "$deb")" >&2
dpkg-deb -x "$deb" "$tmp/x" || die "dpkg-deb -x $deb failed"

res="$tmp/x/usr/share/cura/resources"
[ -f "$res/definitions/fdmprinter.def.json" ] || die "the package has no usr/share/cura/resources/definitions/fdmprinter.def.json"

echo "cura-defs: copying definitions/ and extruders/ into $dest" >&2
mkdir -p "$dest" || die "cannot create $dest"
rm -rf "$dest/definitions.new" "$dest/extruders.new"
cp -R "$res/definitions" "$dest/definitions.new" &&
	cp -R "$res/extruders" "$dest/extruders.new" || die "copy into $dest failed"
rm -rf "$dest/definitions" "$dest/extruders"
mv "$dest/definitions.new" "$dest/definitions"
mv "$dest/extruders.new" "$dest/extruders"
echo "cura-defs: done ($(ls "$dest/definitions" | wc -l) definitions, $(ls "$dest/extruders" | wc -l) extruders)" >&2
echo "$dest"
