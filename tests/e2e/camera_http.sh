#!/bin/sh
# http cameras against tests/sim/httpcam.py on loopback: good, HTTP/1.0
# without length, truncated, HTML, 404, slow, ustreamer offline, stale
# first frame (discard_first), connection refused -- all fired at once.
set -u
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GL_BUILD:-$top/build}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/camera_http.XXXXXX")
srv=
cleanup() {
	[ -n "$srv" ] && kill "$srv" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

python3 "$top/tests/sim/httpcam.py" --log "$tmp/requests" >"$tmp/ready" &
srv=$!
i=0
while ! grep -q READY "$tmp/ready" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then
		echo "not ok - httpcam.py did not start"
		exit 1
	fi
	sleep 0.05
done
hostport=$(sed -n 's/^READY http //p' "$tmp/ready")
echo "ok - httpcam.py listening on $hostport"
timeout 60 "$build/tests/test_camera_fire" http "$hostport" "$tmp/requests"
