#!/bin/sh
# make deb: a Debian package of both programs, built with Debian's own
# tooling (dpkg-buildpackage, debhelper) from a staging copy of the tree,
# into which scripts/debian/ is copied as debian/ (the top level of the
# tree is fixed).  The package: under /usr, /etc/capture-agent.conf a
# conffile (0640, group capture-agent, from the postinst), the system user
# from sysusers.d, its state folder from tmpfiles.d, both units installed
# and not enabled.  Prints the package's path.
# Usage: scripts/mkdeb.sh [OUTDIR]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/out}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cd "$top"

version=$(make --no-print-directory -s version)
src="$stage/gcode-lapse-$version"
mkdir -p "$src"
cp -R gcode-lapse capture-agent common man scripts Makefile README.md "$src/"
cp -R scripts/debian "$src/debian"
cp capture-agent/etc/capture-agent.sysusers "$src/debian/gcode-lapse.sysusers"
cp capture-agent/etc/capture-agent.tmpfiles "$src/debian/gcode-lapse.tmpfiles"
# the one version is the Makefile's; the date is the tree's last commit's
when=$(git -C "$top" log -1 --format=%cD 2>/dev/null || date -R)
cat >"$src/debian/changelog" <<CHANGELOG
gcode-lapse ($version) unstable; urgency=medium

  * Built from the gcode-lapse tree by make deb.

 -- gcode-lapse developers <gcode-lapse@example.org>  $when
CHANGELOG
(cd "$src" && dpkg-buildpackage -us -uc -b) >"$stage/build.log" 2>&1 || {
	tail -n 40 "$stage/build.log" >&2
	exit 1
}
arch=$(dpkg --print-architecture)
mkdir -p "$out"
deb="$out/gcode-lapse_${version}_$arch.deb"
cp "$stage/gcode-lapse_${version}_$arch.deb" "$deb"
cp "$stage/gcode-lapse_${version}_${arch}.changes" "$out/" 2>/dev/null || true
echo "$deb"
