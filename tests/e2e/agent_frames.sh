#!/bin/bash
# Issue 11: the captures folder.
#
#   planted: in a captures folder every user may write (1777), another user
#     plants the newest "sequence" folder, with its camera folder a link to
#     a victim's folder: the agent (root here) must not resume it, and
#     writes nothing there (before: it resumed it, and wrote its JPEGs
#     into the victim's folder, numbered after the victim's 000001.jpeg);
#   second agent: a second agent on the same configuration refuses to
#     start, naming the first one's pid (before: both ran, losing frames);
#   -n: a captures folder the agent cannot write is not "configuration OK".
# Needs root (CI has it): chown to nobody, a read-only tmpfs.
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=agent_lib.sh
. "$GL_TOP/tests/e2e/agent_lib.sh"

FR="$TMP/planted.frames"
mkdir -p "$FR" "$TMP/victim"
chmod 1777 "$FR"
echo precious >"$TMP/victim/000001.jpeg"
bad="$FR/2099-01-01-00-00-00.000000"
mkdir "$bad"
ln -s "$TMP/victim" "$bad/a"
chown -hR nobody "$bad"
CAMERAS="[camera a]
type = test
size = 160x120
[camera b]
type = test
size = 160x120"
NCAMERAS=0
# the print started before the agent: no gLapseInitialize, so the agent
# looks for an unfinished sequence to resume
grep -v gLapseInitialize "$JOB" >"$TMP/noinit.gcode"
JOB="$TMP/noinit.gcode" MIN_MARKERS=6 scenario planted http "--speed 0" ""
[ "$(cat "$TMP/victim/000001.jpeg")" = precious ] &&
    [ "$(ls -A "$TMP/victim")" = 000001.jpeg ]
tap $? "planted: nothing written into the victim's folder ($(ls -A "$TMP/victim" | tr '\n' ' '))"
grep -q "new sequence $FR/20" "$TMP/planted.agent" &&
    ! grep -q "2099-01-01" "$TMP/planted.agent"
tap $? "planted: a new sequence, not the planted folder"
n=$(find "$FR" -path '*/a/*.jpeg' -newer "$TMP/victim/000001.jpeg" | wc -l)
[ "$n" -eq 5 ]
tap $? "planted: the frames in the agent's own sequence ($n of 5)"

# a second agent on one configuration
JOB="$TMP/long.gcode"
{ echo 'M291 P"gLapseInitialize" S2'; echo 'G4 P100000'; } >"$JOB"
start_sim second http "--timeout 30"
cat >"$TMP/second.conf" <<CONF
[printer]
url = http://$ADDR/
password = ${GL_QUOTE-\"}$PRINTER_SECRET${GL_QUOTE-\"}
poll_interval_ms = 50
[captures]
directory = $TMP/second.frames
[camera main]
type = test
CONF
start_agent "$TMP/second.conf" "$TMP/first.agent"
wait_for 10 grep -q "new sequence" "$TMP/first.agent"
tap $? "second: the first agent runs"
# it holds the password: no core file of it or of its camera worker
worker=$(pgrep -P "$AGENTPID" | head -n 1)
for p in "$AGENTPID" "$worker"; do
	grep -Eq '^Max core file size +0 +0 ' "/proc/$p/limits" 2>/dev/null
	tap $? "no core dumps of pid $p ($(grep 'core file' "/proc/$p/limits" 2>&1))"
done
timeout 10 "$AGENT" -d -c "$TMP/second.conf" >"$TMP/second.out" 2>&1
rc=$?
[ "$rc" -eq 1 ]
tap $? "second: a second agent refuses to start (exit $rc)"
grep -q "is used by another capture-agent (pid $AGENTPID)" "$TMP/second.out"
tap $? "second: ... naming the first one's pid ($(head -c 200 "$TMP/second.out"))"
stop_agent TERM
tap $? "second: the first agent stopped cleanly"
kill "$SIMPID" 2>/dev/null
wait "$SIMPID" 2>/dev/null
SIMPID=""

# -n on a captures folder that cannot be written
mkdir -p "$TMP/ro"
if mount -t tmpfs -o ro,size=64k tmpfs "$TMP/ro" 2>"$TMP/mount.err"; then
	sed "s|^directory = .*|directory = $TMP/ro/captures|" "$TMP/second.conf" \
	    >"$TMP/ro.conf"
	"$AGENT" -n -c "$TMP/ro.conf" >"$TMP/ro.out" 2>&1
	rc=$?
	umount "$TMP/ro"
	[ "$rc" -eq 1 ] && ! grep -q "configuration OK" "$TMP/ro.out"
	tap $? "-n: an unwritable captures folder is not OK (exit $rc: $(head -c 200 "$TMP/ro.out"))"
else
	tap 1 "-n: cannot mount a read-only tmpfs (needs root): $(cat "$TMP/mount.err")"
fi
exit "$FAILED"
