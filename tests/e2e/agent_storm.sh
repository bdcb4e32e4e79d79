#!/bin/bash
# Issue 11: a storm of reloads.  Eight SIGHUPs within a second in the
# middle of a print (RRF 3.5, which gives a session key per login): the
# agent must not leave a session behind per reload (before: nine, the
# board's eight used up, the agent and the user's browser locked out), and
# no marker may be held long (before: 9.1 s).  The storm is one reload.
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=agent_lib.sh
. "$GL_TOP/tests/e2e/agent_lib.sh"

NCAPS=14
JOB="$TMP/storm.gcode"
capture_job "$JOB" $NCAPS 12500	# 0.25 s apart at --speed 50
name=storm
EV="$TMP/$name.events"
start_sim "$name" http "--timeout 60"
cat >"$TMP/$name.conf" <<CONF
[printer]
type = duet-http
url = http://$ADDR/
password = ${GL_QUOTE-\"}$PRINTER_SECRET${GL_QUOTE-\"}
poll_interval_ms = 50
request_timeout_ms = 1500
[captures]
directory = $TMP/$name.frames
[camera main]
type = test
size = 160x120
CONF
start_agent "$TMP/$name.conf" "$TMP/$name.agent"
caps_at_least() { [ "$(count_closed "$EV" gLapseCapture)" -ge "$1" ]; }
wait_for 30 caps_at_least 3
tap $? "$name: 3 captures before the storm"
for i in 1 2 3 4 5 6 7 8; do
	kill -HUP "$AGENTPID"
	sleep 0.12
done
end_print "$name"
"$PY" - "$EV" "$TMP/$name.agent" "$NCAPS" <<'PY'
import json, sys
events, agentlog, ncaps = sys.argv[1], sys.argv[2], int(sys.argv[3])
ev = [json.loads(l) for l in open(events) if l.strip()]
def tap(ok, what):
    print("%s - storm: %s" % ("ok" if ok else "not ok", what))
s = ([e for e in ev if e["event"] == "summary"] or [{}])[-1]
tap(s.get("finished") is True, "the print finished")
connects = [e for e in ev if e["event"] == "connect"]
most = max([e.get("sessions", 0) for e in connects] or [0])
print("# storm: %d logins, at most %d sessions open, %s at the end"
      % (len(connects), most, s.get("sessions")))
tap(most <= 2, "at most 2 sessions open at once (%d)" % most)
tap(s.get("sessions", 99) <= 1, "no session left behind but the agent's "
    "last (%s)" % s.get("sessions"))
held = [e["ms_shown"] for e in ev if e["event"] == "box_closed" and
        e["message"] == "gLapseCapture"]
print("# storm: capture boxes held %s ms" % held)
tap(len(held) == ncaps and all(e.get("by") == "agent" for e in ev
    if e["event"] == "box_closed"), "every box closed by the agent")
tap(held and max(held) < 2000, "no marker held 2 s or more (longest %d ms)"
    % max(held or [0]))
n = open(agentlog).read().count("configuration reloaded")
tap(1 <= n <= 2, "the storm gathered into one or two reloads (%d)" % n)
PY
[ "$?" -eq 0 ] || FAILED=1
exit "$FAILED"
