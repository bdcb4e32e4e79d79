#!/bin/sh
# runs-once: the armhf build is its own
# It runs on a 32-bit Raspberry Pi: the armhf cross build with -Werror, its
# unit tests and G-code end-to-end tests under qemu-user, and the armhf
# rewrite of every real slicer fixture byte-identical to the native one
# (scripts/check-pi.sh; make check-pi runs only this).
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
exec "$top/scripts/check-pi.sh" "${GL_BUILD:-$top/build}"
