#!/bin/sh
# agent_bench.sh BUILD_DIR: capture-agent's figures against duetsim (HTTP,
# loopback, no camera, so camera time is zero):
#  - time the print is blocked per snapshot (box shown -> closed), median
#    and p95, target: median <= poll/2 + 10 ms;
#  - CPU and RSS of the agent while it polls an idle printer every 100 ms,
#    targets: < 1% of a core, < 8 MB.
# Prints one "bench - ..." line per figure and "ok"/"not ok" per target.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
agent="$build/capture-agent"
sim="$top/tests/sim/duetsim.py"
poll=100
snaps=${SNAPS:-40}
idle_s=${IDLE_S:-10}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/agent-bench.XXXXXX")
simpid=""
apid=""
trap 'kill $apid $simpid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

run_sim() {	# job: starts duetsim, sets simpid and port
	python3 "$sim" --gcode "$1" --log "$tmp/events" --timeout 120 \
	    --linger 0.2 --speed 1 >"$tmp/ready" 2>/dev/null &
	simpid=$!
	i=0
	while [ ! -s "$tmp/ready" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	port=$(awk '{print $3}' "$tmp/ready" | cut -d: -f2)
	cat >"$tmp/conf" <<CONF
[printer]
url = http://127.0.0.1:$port/
poll_interval_ms = $poll
[captures]
directory = $tmp/frames
CONF
	"$agent" -c "$tmp/conf" 2>"$tmp/agent.log" &
	apid=$!
}

# 1. blocked time per snapshot
i=0
{
	echo 'M291 P"gLapseInitialize" S2'
	while [ $i -lt "$snaps" ]; do
		# dwells of varied length: boxes arrive at any phase of the poll
		echo "G4 P$((150 + (i * 37) % 100))"
		echo 'M291 P"gLapseCapture" S2'
		i=$((i + 1))
	done
	echo 'M291 P"gLapseFinish" S2'
} >"$tmp/job.gcode"
run_sim "$tmp/job.gcode"
wait "$simpid"
simpid=""
kill "$apid" 2>/dev/null
wait "$apid" 2>/dev/null
apid=""
python3 - "$tmp/events" "$poll" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
poll = int(sys.argv[2])
ms = sorted(e["ms_shown"] for e in ev
            if e["event"] == "box_closed" and e["message"] == "gLapseCapture")
if not ms:
    print("not ok - no snapshot was acknowledged")
    sys.exit(1)
med = ms[len(ms) // 2]
p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
target = poll / 2 + 10
print("bench - capture-agent blocked time per snapshot: median %d ms, "
      "p95 %d ms, max %d ms (%d snapshots, poll %d ms)"
      % (med, p95, ms[-1], len(ms), poll))
print("%s - blocked median %d ms <= %d ms" % ("ok" if med <= target
      else "not ok", med, target))
PY

# 2. idle CPU and RSS while polling
printf 'G4 S%d\n' $((idle_s + 3)) >"$tmp/idle.gcode"
run_sim "$tmp/idle.gcode"
sleep 2
ticks() { awk '{print $14 + $15}' "/proc/$apid/stat"; }
t0=$(ticks)
s0=$(date +%s.%N)
sleep "$idle_s"
t1=$(ticks)
s1=$(date +%s.%N)
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$apid/status")
pss=$(awk '/^Pss:/ {print $2}' "/proc/$apid/smaps_rollup" 2>/dev/null)
hz=$(getconf CLK_TCK)
kill "$apid" "$simpid" 2>/dev/null
wait 2>/dev/null
apid=""
simpid=""
python3 - "$t0" "$t1" "$s0" "$s1" "$hz" "$rss" "${pss:-0}" <<'PY'
import sys
t0, t1, s0, s1, hz, rss, pss = map(float, sys.argv[1:])
cpu = (t1 - t0) / hz / (s1 - s0) * 100
print("bench - capture-agent idle at 100 ms polls: CPU %.2f%% of a core, "
      "RSS %.1f MB (PSS %.1f MB: shared libraries counted once)"
      % (cpu, rss / 1024, pss / 1024))
print("%s - idle CPU %.2f%% < 1%%" % ("ok" if cpu < 1 else "not ok", cpu))
print("%s - RSS %.1f MB < 8 MB" % ("ok" if rss < 8 * 1024 else "not ok",
      rss / 1024))
PY
