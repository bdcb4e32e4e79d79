#!/bin/sh
# Install the Debian packages gcode-lapse needs, and only those missing.
# Usage: scripts/deps.sh [build] [test] [demo] [slicers] [pi] [deb]
# (default: build; pi: the armhf cross build and qemu-user for make check-pi;
# deb: Debian's packaging tools for make deb, which test has too, with
# lintian and systemd-analyze for tests/e2e/deb.sh)
# Says what it installs; does nothing when everything is present.
set -eu

build="gcc g++ make pkg-config xxd libgphoto2-dev libcurl4-openssl-dev \
libturbojpeg0-dev libinih-dev libjansson-dev libmicrohttpd-dev libcamera-dev"
deb="dpkg-dev debhelper"
test="python3 curl clang libclang-rt-14-dev mandoc time gphoto2 \
libjpeg-turbo-progs ffmpeg chromium $deb lintian systemd"
demo="python3 ffmpeg"
slicers="prusa-slicer slic3r cura-engine"
pi="crossbuild-essential-armhf qemu-user-static file libgphoto2-dev:armhf \
libcurl4-openssl-dev:armhf libturbojpeg0-dev:armhf libinih-dev:armhf \
libjansson-dev:armhf libmicrohttpd-dev:armhf"

want=""
[ $# -eq 0 ] && set -- build
for group in "$@"; do
	case "$group" in
	build) want="$want $build" ;;
	test) want="$want $build $test"
	      # the browser test's driver comes from npm: Debian's node and
	      # npm unless a node with its own npm is there already
	      command -v npm >/dev/null 2>&1 || want="$want nodejs npm" ;;
	demo) want="$want $build $demo" ;;
	slicers) want="$want $slicers" ;;
	pi) want="$want $pi" ;;
	deb) want="$want $deb" ;;
	*) echo "deps.sh: unknown group '$group' (build, test, demo, slicers," \
	       "pi, deb)" >&2
	   exit 2 ;;
	esac
done

missing=""
for p in $want; do
	case " $missing " in *" $p "*) continue ;; esac
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps.sh: installing Debian packages:$missing"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	else
		echo "deps.sh: not root and no sudo; install them by hand:" >&2
		echo "    apt-get install$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
case "$missing" in
*:armhf*)
	dpkg --print-foreign-architectures | grep -qx armhf ||
	    $sudo dpkg --add-architecture armhf ;;
esac
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps.sh: done"
