# web_lib.sh: sourced by tests/e2e/web_*.sh (not a test itself).
#
# web_job FIXTURE: a real sliced file rewritten by gcode-lapse as $JOB.
# web_start NAME "SIM FLAGS" "[web] LINES" ["[render] LINES"]: the Duet
#   simulator prints $JOB while the real capture-agent (test camera, frames
#   in $CAPTURES, debug log in $TMP/NAME.agent) watches it; sets URL to its
#   page once it listens, SIMPID, AGENTPID.
#   WEB_PICTURE=print: the camera films the print instead of a pattern.
# web_wait_print: wait for the simulator to finish the print.
# web_stop: stop the agent (SIGTERM) and the simulator; the exit status.
# block_ms EVENTS: "median p90 max count" of how long the print was
#   blocked at each gLapseCapture box (shown to closed), from the
#   simulator's event log.
# block_split EVENTS WINDOW: "on_median on_p90 on_n off_median off_p90
#   off_n": the same, the gLapseCapture boxes in windows of WINDOW (off,
#   on, off...), the first box of each window left out (the switch).
# Every wait is bounded: the simulator has --timeout, the agent timeout(1).
# shellcheck source=agent_lib.sh
. "$GL_TOP/tests/e2e/agent_lib.sh"
GL="$GL_BUILD/gcode-lapse"
CAPTURES="$TMP/captures"

web_job() {
	"$GL" --report none "$1" -o "$TMP/job.gcode" 2>"$TMP/job.err"
	tap $? "gcode-lapse rewrote $(basename "$1")"
	JOB="$TMP/job.gcode"
	MARKERS=$(grep -c '^M291 P"gLapseCapture" S2' "$JOB")
}

# WEB_PICTURE=print: the test camera films the simulated print (from the
# front right, as the demo's), not a test pattern
web_picture() {
	[ "${WEB_PICTURE:-}" = print ] || return 0
	printf 'picture = print\nurl = http://%s/\npassword = "%s"\n' \
	    "$ADDR" "$PRINTER_SECRET"
	printf 'bed = 0,0,220,220\ncamera = 170,60,40\nlook_at = 110,110,8\n'
	printf 'timeout_ms = 10000\n'
}

web_start() {
	local name=$1 flags=$2 web=$3 render=${4:-} i
	start_sim "$name" http "--timeout 240 --linger 600 $flags"
	cat >"$TMP/$name.conf" <<CONF
; $name
[printer]
type = duet-http
url = http://$ADDR/
poll_interval_ms = ${POLL_MS:-50}
request_timeout_ms = 1500
password = "$PRINTER_SECRET"
[captures]
directory = $CAPTURES
[render]
auto = no
$render
[camera cam]
type = test
size = 320x240
$(web_picture)
[web]
$web
CONF
	( exec timeout -k 10 300 "$AGENT" -d -c "$TMP/$name.conf" \
	    2>"$TMP/$name.agent" ) &
	AGENTPID=$!
	URL=""
	for i in $(seq 1 100); do
		URL=$(sed -n 's/.*web page at \(http:[^ ]*\).*/\1/p' \
		    "$TMP/$name.agent" | head -n 1)
		[ -n "$URL" ] && break
		grep -q "listen = \|web page:" "$TMP/$name.agent" && break
		sleep 0.1
	done
}

# the print is over when the simulator says so in its event log
web_wait_print() {
	wait_for 200 grep -q '"event": "job_finished"' \
	    "$TMP/$1.events"
}

web_stop() {
	local rc
	kill -TERM "$AGENTPID" 2>/dev/null
	wait "$AGENTPID"
	rc=$?
	AGENTPID=""
	[ -n "$SIMPID" ] && kill "$SIMPID" 2>/dev/null
	wait "$SIMPID" 2>/dev/null
	SIMPID=""
	return $rc
}

block_ms() {
	"$PY" - "$1" <<'PY'
import json, sys
ms = sorted(e["ms_shown"] for e in map(json.loads, open(sys.argv[1]))
            if e.get("event") == "box_closed" and e.get("by") == "agent"
            and e.get("message") == "gLapseCapture")
if not ms:
    print("0 0 0 0")
else:
    print(ms[len(ms) // 2], ms[int(len(ms) * 0.9)], ms[-1], len(ms))
PY
}

block_split() {
	"$PY" - "$1" "$2" <<'PY'
import json, sys
window = int(sys.argv[2])
ev = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
order = [e["seq"] for e in ev if e.get("event") == "box_shown"
         and e.get("message") == "gLapseCapture"]
ms = {e["seq"]: e["ms_shown"] for e in ev if e.get("event") == "box_closed"
      and e.get("message") == "gLapseCapture"}
sets = ([], [])
for i, seq in enumerate(order):
    if i % window != 0 and seq in ms:
        sets[(i // window) % 2].append(ms[seq])
def stat(v):
    v = sorted(v)
    return "%d %d %d" % (v[len(v) // 2], v[int(len(v) * 0.9)], len(v)) \
        if v else "0 0 0"
print(stat(sets[1]), stat(sets[0]))
PY
}
