#!/bin/sh
# make deb: a Debian package of both programs, built from this tree.
# Installs under /usr with the configuration in /etc (a conffile, so an
# upgrade never overwrites it) and the systemd unit, not enabled.  Library
# dependencies come from dpkg-shlibdeps.  Prints the package's path.
# Usage: scripts/mkdeb.sh [OUTDIR]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/out}
build=build-deb
rm -rf "$top/$build"	# a package is built from nothing
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cd "$top"

version=$(make --no-print-directory -s version)
arch=$(dpkg --print-architecture)
make --no-print-directory -s BUILD=$build PREFIX=/usr all >/dev/null
make --no-print-directory -s BUILD=$build PREFIX=/usr SYSCONFDIR=/etc \
    SYSTEMDDIR=/lib/systemd/system DESTDIR="$stage/root" install >/dev/null

mkdir -p "$stage/debian" "$stage/root/DEBIAN"
printf 'Source: gcode-lapse\n\nPackage: gcode-lapse\nArchitecture: any\n' \
    >"$stage/debian/control"
bins=$(find "$stage/root" -type f \( -perm -100 -o -name '*.so' \) |
    while read -r f; do
	file=$(od -An -c -N4 "$f" | tr -d ' ')
	[ "$file" = "177ELF" ] && echo "$f"
    done)
# shellcheck disable=SC2086
deps=$(cd "$stage" && dpkg-shlibdeps -O -e $bins 2>/dev/null |
    sed -n 's/^shlibs:Depends=//p')
size=$(du -sk "$stage/root" | cut -f1)

cat >"$stage/root/DEBIAN/control" <<CONTROL
Package: gcode-lapse
Version: $version
Architecture: $arch
Maintainer: gcode-lapse developers <gcode-lapse@localhost>
Installed-Size: $size
Depends: $deps
Recommends: ffmpeg
Section: graphics
Priority: optional
Description: stabilized timelapses of 3D prints
 gcode-lapse rewrites a slicer's G-code so the print head steps aside at
 every snapshot point and comes back exactly where it was; capture-agent
 watches a Duet printer for the markers, fires the cameras (DSLR through
 libgphoto2, Raspberry Pi camera, webcam, a command), stores the frames,
 lets the print go on and renders the video.
CONTROL
echo /etc/capture-agent.conf >"$stage/root/DEBIAN/conffiles"

mkdir -p "$out"
deb="$out/gcode-lapse_${version}_$arch.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage/root" "$deb" >/dev/null
echo "$deb"
