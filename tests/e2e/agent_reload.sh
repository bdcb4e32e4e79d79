#!/bin/bash
# Issue 4: SIGHUP re-reads the configuration and swaps it in only when it
# is valid.  One print of 16 captures, one agent:
#
#   a. after 4 captures with one camera (frames SEQ/NNNNNN.jpeg), a second
#      camera is added to the file and the agent sent SIGHUP: the later
#      frames are stored by both (SEQ/a/NNNNNN.jpeg, SEQ/b/NNNNNN.jpeg),
#      numbered on after the last frame of the sequence (frames_highest looks
#      into the camera sub-folders too), in the same sequence folder;
#   b. after 10 captures the file is broken (a bad line at its end, after
#      removing camera b and moving the captures folder) and the agent
#      sent SIGHUP: it logs FILE:LINE: and goes on with the configuration
#      it had, both cameras, same folder;
#   c. after the last capture, a third SIGHUP (the good file again) before
#      gLapseFinish: that marker still finishes the sequence (.finished).
#
# And the print finishes with every marker acknowledged by the agent, no
# P1, the agent exits 0 on SIGTERM.
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=agent_lib.sh
. "$GL_TOP/tests/e2e/agent_lib.sh"

NCAPS=16
JOB="$TMP/reload.gcode"
{
	echo 'G21'
	echo 'M291 P"gLapseInitialize" S2'
	for i in $(seq 1 $NCAPS); do
		echo "G4 P15000"	# 0.3 s at --speed 50
		echo "G1 X$((10 + i)) Y50 F6000"
		echo 'M291 P"gLapseCapture" S2'
	done
	echo 'G4 P75000'	# 1.5 s: time for a SIGHUP before the end
	echo 'M291 P"gLapseFinish" S2'
} >"$JOB"

name=reload
EV="$TMP/$name.events"
FR="$TMP/$name.frames"
CONF="$TMP/$name.conf"
LOG="$TMP/$name.agent"
start_sim "$name" http "--timeout 60"
if [ -z "$ADDR" ]; then
	tap 1 "$name: simulator started"
	exit 1
fi
# conf CAMERAS DIRECTORY: the configuration file's text
conf() {
	cat <<CONF
[printer]
type = duet-http
url = http://$ADDR/
poll_interval_ms = 50
request_timeout_ms = 1500
password = ${GL_QUOTE-\"}$PRINTER_SECRET${GL_QUOTE-\"}
[captures]
directory = $2
[render]
auto = no
[camera a]
type = test
size = 160x120
CONF
	[ "$1" -eq 2 ] && printf '[camera b]\ntype = test\nsize = 120x90\n'
	return 0
}
# replace CONFTEXT...: the file replaced whole, as an editor saving it
replace() {
	cat >"$CONF.new" && mv "$CONF.new" "$CONF"
}
closed_caps() { count_closed "$EV" gLapseCapture; }
caps_at_least() { [ "$(closed_caps)" -ge "$1" ]; }
logged() { grep -q -- "$1" "$LOG"; }

conf 1 "$FR" | replace
start_agent "$CONF" "$LOG"

# a. a second camera
wait_for 30 caps_at_least 4
tap $? "$name: 4 captures with one camera"
conf 2 "$FR" | replace
kill -HUP "$AGENTPID"
wait_for 10 logged "configuration reloaded from $CONF"
tap $? "$name: SIGHUP: the configuration with two cameras reloaded"
wait_for 10 logged "camera b: ready"
tap $? "$name: ... and camera b ready"

# b. a broken file
wait_for 30 caps_at_least 10
tap $? "$name: 10 captures"
{ conf 1 "$TMP/elsewhere"; echo "this line is broken"; } | replace
bad=$(grep -n '^this line is broken$' "$CONF" | cut -d: -f1)
kill -HUP "$AGENTPID"
wait_for 10 logged "reload: $CONF:$bad: .*; keeping the running configuration"
tap $? "$name: SIGHUP on a broken file: $CONF:$bad: logged, configuration kept ($(grep 'reload:' "$LOG" | head -c 300))"
kill -0 "$AGENTPID" 2>/dev/null
tap $? "$name: ... and the agent still running"

# c. a reload between the last capture and gLapseFinish
wait_for 30 caps_at_least $NCAPS
tap $? "$name: $NCAPS captures"
conf 2 "$FR" | replace
kill -HUP "$AGENTPID"
wait_for 10 sh -c '[ "$(grep -c "configuration reloaded" "$0")" -eq 2 ]' "$LOG"
tap $? "$name: SIGHUP after the last capture: reloaded"
[ "$(count_closed "$EV" gLapseFinish)" -eq 0 ]
tap $? "$name: ... before gLapseFinish"

end_print "$name"
[ ! -e "$TMP/elsewhere" ]
tap $? "$name: the broken file's captures folder never used"

"$PY" - "$EV" "$FR" "$LOG" "$NCAPS" <<'PY'
import json, os, re, sys
events, frames, agentlog, ncaps = sys.argv[1:5]
ncaps = int(ncaps)
ev = [json.loads(l) for l in open(events) if l.strip()]
def tap(ok, what):
    print("%s - reload: %s" % ("ok" if ok else "not ok", what))
s = ([e for e in ev if e["event"] == "summary"] or [{}])[-1]
tap(s.get("finished") is True, "the print finished")
tap(s.get("p1_seen") is False, "no M292 P1 ever")
tap(s.get("foreign_acks_by_agent") == 0, "no foreign box acknowledged")
closed = {}
for e in ev:
    if e["event"] == "box_closed":
        closed.setdefault(e["seq"], []).append(e["by"])
shown = [e for e in ev if e["event"] == "box_shown"]
caps = [e for e in shown if e["message"] == "gLapseCapture"]
tap(len(caps) == ncaps, "%d gLapseCapture boxes shown (%d)" % (ncaps, len(caps)))
bad = [e["seq"] for e in shown if closed.get(e["seq"]) != ["agent"]]
tap(not bad, "every marker box closed by the agent, once (not: %s)" % bad)

log = open(agentlog).read()
tap(log.count("configuration reloaded") == 2, "reloaded twice")
tap(log.count("keeping the running configuration") == 1,
    "the broken file refused once")
before, _, after = log.partition("configuration reloaded")
tap(re.search(r"sequence \S+ finished", after) is not None,
    "gLapseFinish after a reload: the sequence finished (logged)")
stored = lambda t: [(int(f), int(n)) for f, n in
                    re.findall(r"frame (\d{6}) in \S+: (\d+) files? stored", t)]
b, a = stored(before), stored(after)
k = len(b)
tap(b == [(i, 1) for i in range(1, k + 1)],
    "before the reload: frames 1..%d, one file each (%s)" % (k, b))
tap(a == [(i, 2) for i in range(k + 1, ncaps + 1)],
    "after it (and after the broken file): frames %d..%d, two files each "
    "(%s)" % (k + 1, ncaps, a))

seqs = [d for d in os.listdir(frames) if not d.startswith(".")]
tap(len(seqs) == 1, "one sequence folder (%s)" % seqs)
d = os.path.join(frames, seqs[0]) if seqs else frames
def jpegs(p):
    return sorted(n for n in os.listdir(p) if n.endswith(".jpeg")) \
        if os.path.isdir(p) else []
num = lambda r: ["%06d.jpeg" % i for i in r]
top, ca, cb = jpegs(d), jpegs(os.path.join(d, "a")), jpegs(os.path.join(d, "b"))
print("# layout: %s/ %d frames %s..%s, a/ %s..%s, b/ %s..%s" % (
    seqs[0] if seqs else "?", len(top), top[:1], top[-1:], ca[:1], ca[-1:],
    cb[:1], cb[-1:]))
# the layout follows the camera count at each frame: one camera in the
# sequence folder itself, several in sub-folders; the numbers go on
tap(top == num(range(1, k + 1)), "SEQ/000001..%06d.jpeg from one camera"
    % k)
tap(ca == num(range(k + 1, ncaps + 1)) and cb == ca,
    "SEQ/a/ and SEQ/b/ both %06d..%06d.jpeg" % (k + 1, ncaps))
other = sorted(set(os.listdir(d)) - set(top) - {"a", "b", ".finished", ".job"})
tap(not other, "nothing else in the sequence folder (%s)" % other)
tap(os.path.exists(os.path.join(d, ".finished")), "the sequence finished")
PY
[ "$?" -eq 0 ] || FAILED=1
exit $FAILED
