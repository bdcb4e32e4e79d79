#!/bin/sh
# make demo: the whole chain a user runs with real hardware, with the
# printer simulator and the synthetic camera standing in for it.
#
#   1. gcode-lapse rewrites a real sliced file (or DEMO_GCODE=your.gcode)
#      and previews it with the demo's camera: the head is parked out of
#      the picture, and the preview says so
#   2. the Duet simulator "prints" it fast, serving the HTTP API on loopback
#   3. capture-agent polls it, fires the test camera at every marker and
#      acknowledges, so the print goes on; the camera (picture = print)
#      films the simulated print as it stands, from the same place
#   4. the frames become a contact sheet and, with ffmpeg, a video
#
# The camera stands in front of the part, to the right and above, looking
# at it; the head parks at the back right corner (gcode-lapse's default),
# behind the camera's right edge.  The agent's web page is at
# http://127.0.0.1:8085/ while it runs (DEMO_WEB_PORT to change it);
# DEMO_KEEP=1 keeps the agent and its page running after the print, for a
# look, until Ctrl-C.  Everything lands in out/demo/ (or DEMO_OUT).
# Usage: scripts/demo.sh BUILD_DIR
set -eu
build=$1
top=$(cd "$(dirname "$0")/.." && pwd)
case $build in
/*) bin=$build ;;
*) bin="$top/$build" ;;
esac
out=${DEMO_OUT:-$top/out/demo}
gcode=${DEMO_GCODE:-$top/tests/data/sliced/ps25_cube_marlin2_abs.gcode}
speed=${DEMO_SPEED:-60}
web_port=${DEMO_WEB_PORT:-8085}
keep=${DEMO_KEEP:-}

rm -rf "$out"
mkdir -p "$out/captures"
sim_pid=""
agent_pid=""
cleanup() {
	[ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null || true
	[ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# The camera from the part's extents: to its front right, above, at a
# distance that frames it (about 2.5 times its size), looking at it.
"$bin/gcode-lapse" --info --json "$gcode" >"$out/info.json"
set -- $(python3 - "$out/info.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
lo, hi = j["extents"]["min"], j["extents"]["max"]
cx, cy, h = (lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, hi[2]
s = max(hi[0] - lo[0], hi[1] - lo[1], h, 10)
b = j.get("settings", {}).get("bed") or {}
bed = [b.get(k) for k in ("x0", "y0", "x1", "y1")]
if None in bed:
    bed = [0, 0, 220, 220]
print("%.0f,%.0f,%.0f %.0f,%.0f,%.0f %g,%g,%g,%g" % (cx + 2.2 * s, cy - 1.85 * s,
      0.4 * h + 1.2 * s, cx, cy, 0.4 * h, *bed))
PY
)
camera=$1 look_at=$2 bed=$3

echo "== 1. gcode-lapse: snapshot moves into $(basename "$gcode"), and a preview"
"$bin/gcode-lapse" "$gcode" -o "$out/print.gcode"
preview="$out/preview/"
command -v ffmpeg >/dev/null 2>&1 && preview="$out/preview.mp4"
"$bin/gcode-lapse" --preview --camera "$camera" --look-at "$look_at" \
    "$gcode" -o "$preview" 2>"$out/preview.log"
tail -n 2 "$out/preview.log"

echo "== 2. printer simulator (Duet, HTTP on loopback, ${speed}x speed)"
mkfifo "$out/ready"
python3 "$top/tests/sim/duetsim.py" --gcode "$out/print.gcode" --mode http \
    --port 0 --speed "$speed" --log "$out/printer.log" >"$out/ready" &
sim_pid=$!
read -r word kind addr <"$out/ready"
rm -f "$out/ready"
[ "$word" = READY ] || { echo "demo: the simulator did not start" >&2; exit 1; }
echo "   printer at http://$addr/"

cat >"$out/capture-agent.conf" <<CONF
; written by scripts/demo.sh; see capture-agent.conf(5)
[printer]
type = duet-http
url = http://$addr/
password = reprap
poll_interval_ms = 100

[captures]
directory = $out/captures

[camera demo]
type = test
picture = print
url = http://$addr/
bed = $bed
camera = $camera
look_at = $look_at
timeout_ms = 10000

[web]
listen = 127.0.0.1:$web_port
actions = yes
CONF

echo "== 3. capture-agent: watching the printer, test camera filming the print"
# the log exists before the agent's own shell opens it: the loop below
# reads it at once
: >"$out/agent.log"
"$bin/capture-agent" -c "$out/capture-agent.conf" 2>>"$out/agent.log" &
agent_pid=$!
page=""
for i in $(seq 1 50); do
	page=$(sed -n 's/.*web page at \(http:[^ ]*\).*/\1/p' "$out/agent.log")
	[ -n "$page" ] && break
	grep -q "web page:" "$out/agent.log" && break
	sleep 0.1
done
if [ -n "$page" ]; then
	echo "   the agent's page: $page (open it while the print runs)"
else
	echo "   (no web page: $(grep "web page:" "$out/agent.log" | head -n 1);" \
	    "DEMO_WEB_PORT=8086 make demo picks another port)"
fi
wait "$sim_pid" || { echo "demo: the print did not finish (see $out/printer.log)" >&2; exit 1; }
sim_pid=""
sleep 0.5
if [ -z "$keep" ]; then
	kill "$agent_pid" 2>/dev/null || true
	wait "$agent_pid" 2>/dev/null || true
	agent_pid=""
fi

seq=$(ls -d "$out"/captures/*/ | head -n 1)
frames=$(ls "$seq" | grep -c '\.jpeg$' || true)
echo "   $frames frames in $seq"

echo "== 4. contact sheet and video"
"$bin/capture-agent" render "$seq" --contact-sheet -o "$out/contact-sheet.jpeg"
if command -v ffmpeg >/dev/null 2>&1; then
	"$bin/capture-agent" render "$seq" -o "$out/timelapse.mp4"
else
	echo "   (no ffmpeg: apt-get install ffmpeg for the video)"
fi

echo
echo "Done:"
echo "  rewritten G-code  $out/print.gcode"
echo "  preview           $preview"
echo "  frames            $seq ($frames)"
echo "  contact sheet     $out/contact-sheet.jpeg"
[ -f "$out/timelapse.mp4" ] && echo "  video             $out/timelapse.mp4"
echo "  logs              $out/printer.log, $out/agent.log"
if [ -n "$keep" ] && [ -n "$agent_pid" ]; then
	echo
	echo "The agent and its page stay up (DEMO_KEEP): ${page:-no page}"
	echo "Ctrl-C to stop."
	wait "$agent_pid" 2>/dev/null || true
	agent_pid=""
fi
