#!/bin/sh
# gphoto2 cameras through libgphoto2's real ptpip driver against
# tests/sim/ptpipsim.py on loopback: download (session kept open between
# shots), keep_on_camera, the camera dropping the connection mid-print, a
# capture that never completes (worker killed, camera re-opened), early
# acknowledgement with a slow download, and a DSLR next to two webcams.
# HOME is a temporary folder: libgphoto2 writes $HOME/.gphoto/settings.
set -u
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GL_BUILD:-$top/build}
sim=${PTPIPSIM:-$top/tests/sim/ptpipsim.py}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/camera_gphoto2.XXXXXX")
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
export HOME="$tmp/home"
mkdir -p "$HOME"

if [ ! -f "$sim" ]; then
	echo "ok - # SKIP $sim not present (it lands with the simulator branch)"
	exit 0
fi

# start_sim NAME [flags...]: sets $port, log in $tmp/NAME.log
start_sim() {
	name=$1; shift
	python3 "$sim" --port 0 --log "$tmp/$name.log" "$@" \
	    >"$tmp/$name.ready" 2>"$tmp/$name.err" &
	pids="$pids $!"
	i=0
	while ! grep -q READY "$tmp/$name.ready" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			echo "not ok - ptpipsim.py $name did not start"
			cat "$tmp/$name.err"
			exit 1
		fi
		sleep 0.05
	done
	port=$(sed -n 's/^READY ptpip 127.0.0.1://p' "$tmp/$name.ready")
}

count() {	# count NAME EVENT
	grep -c "\"event\": \"$2\"" "$tmp/$1.log"
}

check() {	# check WHAT GOT WANT
	if [ "$2" = "$3" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1 (got $2, want $3)"
	fi
}

fire() {
	timeout 120 "$build/tests/test_camera_fire" "$@"
}

start_sim download
fire gphoto2 "$port"
check "download: one session for four frames" "$(count download connect)" 1
check "download: four captures" "$(count download capture)" 4
check "download: four downloads" "$(count download getobject)" 4
check "download: images deleted from the card" "$(count download delete)" 4

start_sim keep
fire gphoto2-keep "$port"
check "keep_on_camera: four captures" "$(count keep capture)" 4
check "keep_on_camera: nothing downloaded" "$(count keep getobject)" 0
check "keep_on_camera: nothing deleted" "$(count keep delete)" 0

start_sim drop --drop-after 1
fire gphoto2-drop "$port"
check "drop: camera re-opened after the drop" "$(count drop connect)" 2

start_sim hang --hang-capture 2
fire gphoto2-hang "$port"
n=$(count hang connect)
check "hang: camera re-opened after the hung capture" "$((n >= 2))" 1

start_sim early --slow-download-ms 1500 --image-kb 2048
fire gphoto2-early "$port"
check "early ack: every image downloaded in the end" \
    "$(count early getobject)" 5

# config.KEY lines: settings reach the camera before the first capture
start_sim config --max-sessions 3
fire gphoto2-config "$port"
first_line() {	# first_line NAME EVENT [MATCH]: line number of the first match
	grep -n "\"event\": \"$2\"" "$tmp/$1.log" | grep -e "${3:-}" |
	    head -n 1 | cut -d: -f1
}
check "config: setprop iso 400 logged" \
    "$(first_line config setprop '"code": "0x500f", "name": "ExposureIndex", "value": 400}' | grep -c .)" 1
s=$(first_line config setprop '"code": "0x500f"')
c=$(first_line config capture)
check "config: iso set before the first capture (log lines $s < $c)" \
    "$([ -n "$s" ] && [ -n "$c" ] && [ "$s" -lt "$c" ] && echo yes)" yes
check "config: whitebalance daylight (4) and shutterspeed 1/60 (167) set" \
    "$(grep -c '"code": "0x5005", "name": "WhiteBalance", "value": 4}' "$tmp/config.log")/$(grep -c '"code": "0x500d", "name": "ExposureTime", "value": 167}' "$tmp/config.log")" 3/3
check "config: iso set at open, at frame 1 and at the next sequence's frame 1" \
    "$(grep '"event": "setprop"' "$tmp/config.log" | grep -c '"code": "0x500f"')" 3
check "config: every iso set was 400" \
    "$(grep '"event": "setprop"' "$tmp/config.log" | grep '"code": "0x500f"' | grep -vc '"value": 400}')" 0
check "config: nothing refused (bad values never reach the camera)" \
    "$(count config setprop_refused)" 0
check "config: four captures (three frames, one more sequence)" \
    "$(count config capture)" 4

start_sim refuse --refuse-setprop 0x2019
fire gphoto2-refuse "$port"
n=$(count refuse setprop_refused)
check "refuse: the camera was asked and said busy" "$((n >= 1))" 1
check "refuse: no capture with the wrong setting" "$(count refuse capture)" 0

start_sim noprops --no-props
fire gphoto2-noprops "$port"

python3 "$top/tests/sim/httpcam.py" >"$tmp/http.ready" &
pids="$pids $!"
i=0
while ! grep -q READY "$tmp/http.ready" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "not ok - httpcam"; exit 1; }
	sleep 0.05
done
start_sim mixed
fire mixed "$port" "$(sed -n 's/^READY http //p' "$tmp/http.ready")"
