# agent_lib.sh: sourced by tests/e2e/agent_*.sh (not a test itself).
#
# scenario NAME MODE "SIM FLAGS" "EXTRA [printer] LINES" [EXPECT]
#   runs tests/sim/duetsim.py on loopback (or a pty) over $JOB, the real
#   capture-agent against it, stops the agent with SIGTERM once the job is
#   over, and checks from the simulator's event log and the agent's log:
#   the print finished, no M292 P1, no foreign box acknowledged, every
#   marker box closed by the agent (EXPECT=other-ui: by someone), one
#   capture action per gLapseCapture box, and a clean exit.
# Every wait is bounded: the simulator has --timeout, the agent timeout(1).
#
# Secrets (issue 11): the simulator always wants PRINTER_SECRET, every
# configuration gives it (scenario does; a test writing its own uses
# $PRINTER_SECRET), and CAMERA_SECRET is the one for cameras.  At exit,
# every output of the test's agents (files *.agent*, *.out, *.err under
# $TMP) is searched for both: one found anywhere is a failure.  The
# configurations quote them (GL_QUOTE= leaves the quotes out, to run the
# tests against a build from before quoting).
set -u
PY=${PYTHON:-python3}
SIM="$GL_TOP/tests/sim/duetsim.py"
AGENT="$GL_BUILD/capture-agent"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/agent-e2e.XXXXXX")
FAILED=0
SIMPID=""
AGENTPID=""
# distinctive, with characters a URL escapes
PRINTER_SECRET="Pr1nt-$$;Zq9"
CAMERA_SECRET="C4m-$$;Xw7"
# no_secrets_logged: the grep over every output of the agents
no_secrets_logged() {
	local f found="" n=0
	for f in $(find "$TMP" -type f \( -name '*.agent*' -o -name '*.out' \
	    -o -name '*.err' \) 2>/dev/null); do
		n=$((n + 1))
		if grep -qF -e "$PRINTER_SECRET" -e "$CAMERA_SECRET" \
		    -e "$(printf '%s' "$PRINTER_SECRET" | sed 's/;/%3B/')" \
		    -e "$(printf '%s' "$CAMERA_SECRET" | sed 's/;/%3B/')" "$f"; then
			found="$found $(basename "$f")"
		fi
	done
	[ -z "$found" ]
	tap $? "no password in any output of the agent ($n files; found in:${found:- none})"
}
cleanup() {
	[ -n "$AGENTPID" ] && kill "$AGENTPID" 2>/dev/null
	[ -n "$SIMPID" ] && kill "$SIMPID" 2>/dev/null
	wait 2>/dev/null
	no_secrets_logged
	[ "$FAILED" -eq 0 ] && rm -rf "$TMP"
	exit "$FAILED"
}
trap cleanup EXIT

JOB="$TMP/job.gcode"
cat >"$JOB" <<'GCODE'
; a small job as gcode-lapse writes it: markers, and a user prompt between
G21
G90
M83
G1 X10 Y10 F6000
M291 P"gLapseInitialize" S2
G1 X50 Y50 E2 F3000
M400
M291 P"gLapseCapture" S2
G1 X60 Y50 E1
G1 Z0.4
M400
M291 P"gLapseCapture" S2
G1 X70 Y50 E1
M291 P"Check the first layer, then press OK" R"User" S2
G1 X80 Y50 E1
G1 Z0.6
M400
M291 P"gLapseCapture" S2
G1 X90 Y50 E1
G4 P200
G1 Z0.8
M400
M291 P"gLapseCapture" S2
G1 X100 Y50 E1
M400
M291 P"gLapseCapture" S2
G1 X10 Y10
M291 P"gLapseFinish" S2
GCODE
MARKER_LINES=$(grep -n 'gLapse' "$JOB" | cut -d: -f1 | tr '\n' ' ')

tap() {	# tap OK DESCRIPTION
	if [ "$1" -eq 0 ]; then
		echo "ok - $2"
	else
		echo "not ok - $2"
		FAILED=1
	fi
}

# start_sim NAME MODE FLAGS: sets SIMPID and ADDR (host:port or pty path)
start_sim() {
	local name=$1 mode=$2 flags=$3 i
	# shellcheck disable=SC2086
	"$PY" "$SIM" --gcode "$JOB" --mode "$mode" --log "$TMP/$name.events" \
	    --timeout 40 --linger 0.3 --user-ack-ms 400 \
	    --password "$PRINTER_SECRET" $flags \
	    >"$TMP/$name.ready" 2>"$TMP/$name.simerr" &
	SIMPID=$!
	for i in $(seq 1 100); do
		[ -s "$TMP/$name.ready" ] && break
		sleep 0.05
	done
	ADDR=$(awk '{print $3}' "$TMP/$name.ready")
}

scenario() {
	local name=$1 mode=$2 flags=$3 extra=$4 expect=${5:-agent}
	local type url rc
	start_sim "$name" "$mode" "$flags"
	if [ -z "$ADDR" ]; then
		tap 1 "$name: simulator started"
		return
	fi
	case $mode in
	http) type=duet-http; url="url = http://${URL_USERINFO:-}$ADDR/" ;;
	sbc) type=duet-sbc; url="url = http://${URL_USERINFO:-}$ADDR" ;;
	serial)
		type=duet-serial
		url="device = $ADDR"
		# a USB device that comes back under a new name: use the link
		case $flags in
		*--link*)
			url="device = $(echo "$flags" |
			    sed 's/.*--link \([^ ]*\).*/\1/')" ;;
		esac ;;
	esac
	cat >"$TMP/$name.conf" <<CONF
; $name
[printer]
type = $type
$url
poll_interval_ms = 50
request_timeout_ms = 1500
password = ${GL_QUOTE-\"}$PRINTER_SECRET${GL_QUOTE-\"}
$extra
[captures]
directory = $TMP/$name.frames
[render]
auto = no
${CAMERAS:-}
CONF
	# The daemon maps no libcamera (the module is loaded by a libcamera
	# camera's worker only), so LeakSanitizer checks it here too; -k
	# makes sure nothing waits for ever.  Our SIGTERM goes to timeout(1),
	# which forwards it and kills after -k: a sanitized agent on a loaded
	# machine (LeakSanitizer scans the heap at exit) can take seconds, so
	# the grace is 30 s; "stopped cleanly" still means exit status 0.
	# --foreground: otherwise timeout follows the signal with a SIGCONT to
	# its process group, and a SIGCONT that lands while LeakSanitizer
	# stops the agent to scan it discards the SIGSTOP of its ptrace
	# attach: the scan then waits for ever (seen on a loaded machine)
	timeout --foreground -k 30 60 "$AGENT" -d -c "$TMP/$name.conf" \
	    2>"$TMP/$name.agent" &
	AGENTPID=$!
	wait "$SIMPID"
	rc=$?
	SIMPID=""
	kill -TERM "$AGENTPID" 2>/dev/null
	wait "$AGENTPID"
	tap $? "$name: agent stopped cleanly on SIGTERM"
	AGENTPID=""
	tap "$rc" "$name: simulator exited 0 (job done, no timeout)"
	"$PY" - "$TMP/$name.events" "$TMP/$name.agent" "$name" "$expect" <<'PY'
import json, os, re, sys
events, agentlog, name, expect = sys.argv[1:5]
ev = [json.loads(l) for l in open(events) if l.strip()]
summ = [e for e in ev if e["event"] == "summary"]
s = summ[-1] if summ else {}
def tap(ok, what):
    print("%s - %s: %s" % ("ok" if ok else "not ok", name, what))
tap(s.get("finished") is True, "the print finished")
tap(s.get("p1_seen") is False, "no M292 P1 ever")
tap(s.get("foreign_acks_by_agent") == 0, "no foreign box acknowledged")
tap(all(e.get("p") == 0 and e.get("s") is not None
        for e in ev if e["event"] == "m292"), "every M292 is P0 with S")
# seq restarts at 1 after a reboot: key boxes by (boot, seq)
boot = 0
shown, closed = [], {}
for e in ev:
    if e["event"] == "rebooted":
        boot += 1
    elif e["event"] == "box_shown":
        shown.append(dict(e, key=(boot, e["seq"])))
    elif e["event"] == "box_closed":
        closed.setdefault((boot, e["seq"]), []).append(e["by"])
markers = [e for e in shown if e["marker"]]
foreign = [e for e in shown if not e["marker"]]
tap(len(markers) >= int(os.environ.get("MIN_MARKERS", "7")),
    "every marker box shown (%d)" % len(markers))
if expect == "agent":
    bad = [m["key"] for m in markers
           if closed.get(m["key"]) not in (["agent"], ["reboot"])]
    tap(not bad, "every marker box closed by the agent (not: %s)" % bad)
else:
    tap(all(m["key"] in closed for m in markers), "every marker box closed")
tap(all(closed.get(f["key"]) == ["user"] for f in foreign),
    "the user's prompt closed by the user, and only once")
log = open(agentlog).read()
frames = len(re.findall(r"frame (\d{6}) in ", log))
caps = [m for m in markers if m["message"] == "gLapseCapture"]
by_agent = len([m for m in caps if closed.get(m["key"]) == ["agent"]])
tap(by_agent <= frames <= len(caps),
    "one capture per gLapseCapture box (%d captures, %d boxes, %d closed "
    "by the agent)" % (frames, len(caps), by_agent))
if expect == "agent":
    tap("new sequence" in log, "a sequence was started")
import glob, os
ncam = int(os.environ.get("NCAMERAS", "0"))
if ncam:
    jpegs = glob.glob(os.path.join(os.path.dirname(events), name + ".frames",
                                   "*", "**", "*.jpeg"), recursive=True)
    tap(len(jpegs) == frames * ncam,
        "every capture stored one frame per camera (%d files, %d captures, "
        "%d cameras)" % (len(jpegs), frames, ncam))
PY
	[ "$?" -eq 0 ] || FAILED=1
}

# ---- for tests that drive the agent themselves (restart, reload) ----

# wait_for SECONDS COMMAND...: poll COMMAND every 50 ms until it succeeds;
# 1 if it never did within SECONDS.
wait_for() {
	local end=$(($(date +%s%N) / 1000000 + $1 * 1000))
	shift
	until "$@"; do
		[ "$(($(date +%s%N) / 1000000))" -ge "$end" ] && return 1
		sleep 0.05
	done
	return 0
}

# start_agent CONF LOG: the agent in the background under timeout(1), as in
# scenario, with stderr appended to LOG.  AGENTPID is the agent's own pid
# (not timeout's: a SIGHUP to timeout would arm its kill-after, a SIGKILL
# would orphan the agent), AGENTWRAP the subshell to wait for.
start_agent() {
	local pidf="$TMP/agent.pid.$RANDOM"
	# (a subshell, quiet: no "Killed" notice from bash after a SIGKILL)
	( timeout -k 5 90 sh -c 'echo $$ >"$0"; exec "$@"' "$pidf" \
	    "$AGENT" -d -c "$1" 2>>"$2"; exit $? ) 2>/dev/null &
	AGENTWRAP=$!
	AGENTPID=""
	if wait_for 5 test -s "$pidf"; then
		AGENTPID=$(cat "$pidf")
	fi
	rm -f "$pidf"
}

# stop_agent SIGNAL: send it to the agent and wait (at most 15 s, then
# SIGKILL) for it to go; returns the agent's exit status as timeout(1)
# passes it on (128+N when killed by signal N).
stop_agent() {
	local rc
	[ -n "$AGENTPID" ] && kill -s "$1" "$AGENTPID" 2>/dev/null
	if ! wait_for 15 sh -c '! kill -0 "$0" 2>/dev/null' "$AGENTPID"; then
		echo "# agent $AGENTPID still there 15 s after SIG$1: killed"
		kill -KILL "$AGENTPID" 2>/dev/null
	fi
	wait "$AGENTWRAP"
	rc=$?
	AGENTPID=""
	AGENTWRAP=""
	return "$rc"
}

# end_print NAME: wait for the simulator to end the print, then stop the
# agent with SIGTERM; both checked.
end_print() {
	local rc
	wait "$SIMPID"
	rc=$?
	SIMPID=""
	tap "$rc" "$1: simulator exited 0 (job done, no timeout)"
	stop_agent TERM
	tap $? "$1: agent stopped cleanly on SIGTERM"
}

# capture_job FILE N DWELL_MS: a print of N captures DWELL_MS apart (of
# the simulator's time), between a gLapseInitialize and a gLapseFinish.
capture_job() {
	local i
	{
		echo 'M291 P"gLapseInitialize" S2'
		for i in $(seq 1 "$2"); do
			echo "G4 P$3"
			echo 'M291 P"gLapseCapture" S2'
		done
		echo 'M291 P"gLapseFinish" S2'
	} >"$1"
}

# count_closed EVENTS MESSAGE: marker boxes MESSAGE closed by the agent.
count_closed() {
	grep '"event": "box_closed"' "$1" 2>/dev/null | grep '"by": "agent"' |
	    grep -c "\"message\": \"$2\""
}
