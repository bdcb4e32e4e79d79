#!/bin/bash
# Issue 11: exec cameras in a real print.
#
#   exec-bg: a command that leaves `sleep &` holding its stdout, beside
#     one that lists its descriptors (ls /proc/self/fd): every frame of
#     both stored, the print not held for the 3 s timeout (before: the
#     agent read the pipe until the timeout, every frame lost), and the
#     command saw 0, 1 and 2 only (before: the agent's sockets too);
#   exec-term: a command that ignores SIGTERM and would sleep 97 s: killed
#     at its timeout with whatever it started, nothing of it left once the
#     agent is gone (before: one or two orphans per timed-out shot).
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=agent_lib.sh
. "$GL_TOP/tests/e2e/agent_lib.sh"

SAMPLE="$TMP/sample.jpeg"
ffmpeg -loglevel error -f lavfi -i color=c=gray:s=64x48 -frames:v 1 -y \
    "$SAMPLE" </dev/null
mkdir -p "$TMP/fds"
cat >"$TMP/bg.sh" <<SH
#!/bin/sh
cp "$SAMPLE" "\$6"
sleep 97.25 &
exit 0
SH
cat >"$TMP/fds.sh" <<SH
#!/bin/sh
ls /proc/self/fd >"$TMP/fds/\$1"
cp "$SAMPLE" "\$6"
SH
cat >"$TMP/term.sh" <<'SH'
#!/bin/sh
trap '' TERM
sleep 97.5
SH
chmod +x "$TMP/bg.sh" "$TMP/fds.sh" "$TMP/term.sh"

# block_ms EVENTS: the ms each gLapseCapture box was shown, in order
block_ms() {
	"$PY" -c 'import json,sys
print(" ".join(str(e["ms_shown"]) for e in map(json.loads, open(sys.argv[1]))
    if e["event"] == "box_closed" and e["message"] == "gLapseCapture"))' "$1"
}
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

CAMERAS="[camera bg]
type = exec
command = $TMP/bg.sh
timeout_ms = 3000
[camera fds]
type = exec
command = $TMP/fds.sh
timeout_ms = 3000" NCAMERAS=2 scenario exec-bg http "" ""
ms=$(block_ms "$TMP/exec-bg.events")
echo "# exec-bg: capture boxes held $ms ms"
m=$(echo "$ms" | median)
[ -n "$m" ] && [ "$m" -lt 1500 ]
tap $? "exec-bg: the print not held for the timeout (median $m ms, timeout 3000)"
n=$(find "$TMP/exec-bg.frames" -path '*/bg/*.jpeg' | wc -l)
[ "$n" -eq 5 ]
tap $? "exec-bg: every frame of the command with a background child stored ($n of 5)"
bad=""
for f in "$TMP"/fds/*; do
	[ "$(tr '\n' ' ' <"$f")" = "0 1 2 3 " ] || bad="$bad $(basename "$f"):$(tr '\n' ' ' <"$f")"
done
[ -z "$bad" ] && [ -n "$(ls "$TMP/fds")" ]
tap $? "exec-bg: the command inherits only 0, 1, 2 (and ls's own 3)${bad:+:$bad}"
pkill -KILL -f 'sleep 97.25' 2>/dev/null

CAMERAS="[camera term]
type = exec
command = $TMP/term.sh
timeout_ms = 600
[camera main]
type = test
size = 160x120" scenario exec-term http "" ""
grep -q "term.sh: no result within" "$TMP/exec-term.agent"
tap $? "exec-term: the command that ignores SIGTERM timed out"
left=$(pgrep -f 'sleep 97.5' | wc -l)
[ "$left" -eq 0 ]
tap $? "exec-term: nothing of it left after the agent ($left processes)"
pkill -KILL -f 'sleep 97.5' 2>/dev/null
exit "$FAILED"
