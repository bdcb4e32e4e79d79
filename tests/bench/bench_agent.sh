#!/bin/sh
# bench_agent.sh [BUILD_DIR]: capture-agent's figures against duetsim (HTTP,
# loopback, no camera, so camera time is zero); run by make bench:
#  - time the print is blocked per snapshot (box shown -> closed), median
#    and p95, target: median <= poll/2 + 10 ms;
#  - CPU and RSS of the agent while it polls an idle printer every 100 ms,
#    targets: < 1% of a core, < 8 MB; beside it, in the same run, the
#    memory of the smallest libcurl program polling the same printer.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-${BENCH_BUILD:-$top/build}}" && pwd)
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
print("capture-agent, print blocked per snapshot: median %d ms, p95 %d ms, "
      "max %d ms (%d snapshots, poll %d ms; target median <= %d ms: %s)"
      % (med, p95, ms[-1], len(ms), poll, target,
         "met" if med <= target else "MISSED"))
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
mem() {	# pid: "rss pss private" in kB
	awk '/^Rss:/ { r = $2 } /^Pss:/ { p = $2 }
	    /^Private_(Clean|Dirty):/ { u += $2 }
	    END { print r, p, u }' "/proc/$1/smaps_rollup"
}
set -- $(mem "$apid")
rss=$1 pss=$2 priv=$3
hz=$(getconf CLK_TCK)
"$build/bench/curl_baseline" "http://127.0.0.1:$port/rr_model?key=state.messageBox&flags=v" &
bpid=$!
sleep 2
set -- $(mem "$bpid")
brss=$1
kill "$bpid" "$apid" "$simpid" 2>/dev/null
wait 2>/dev/null
apid=""
simpid=""
python3 - "$t0" "$t1" "$s0" "$s1" "$hz" "$rss" "$pss" "$priv" "$brss" <<'PY'
import sys
t0, t1, s0, s1, hz, rss, pss, priv, brss = map(float, sys.argv[1:])
cpu = (t1 - t0) / hz / (s1 - s0) * 100
print("capture-agent, idle at 100 ms polls: CPU %.2f%% of a core (target "
      "< 1%%: %s)" % (cpu, "met" if cpu < 1 else "MISSED"))
print("capture-agent, memory: RSS %.1f MB (target < 8 MB: %s), PSS %.1f MB, "
      "private %.1f MB; the smallest libcurl poller: RSS %.1f MB "
      "(the agent is %.2f x that)"
      % (rss / 1024, "met" if rss < 8 * 1024 else "MISSED", pss / 1024,
         priv / 1024, brss / 1024, rss / brss))
PY
