#!/usr/bin/env bash
# runs-once: does not depend on the build
# Self-test for tests/sim/duetsim.py, the RepRapFirmware printer simulator.
# Prints one "ok - ..." / "not ok - ..." line per check; exits 1 on any failure.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
SIM="$HERE/../sim/duetsim.py"
PY=${PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
command -v curl >/dev/null 2>&1 || { echo "not ok - curl is needed (apt-get install curl)"; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/duetsim-selftest.XXXXXX")
SIMPID=""
FAILED=0
cleanup() {
    if [ -n "$SIMPID" ]; then kill "$SIMPID" 2>/dev/null; wait "$SIMPID" 2>/dev/null; fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

check() {   # check DESCRIPTION COMMAND...
    local d=$1; shift
    if "$@" >/dev/null 2>&1; then echo "ok - $d"; else echo "not ok - $d"; FAILED=1; fi
}
jget() {    # jget JSON PYTHON-EXPR-ON-j  -> prints the value (json for objects)
    "$PY" -c 'import json,sys
try:
    j=json.loads(sys.argv[1])
    v=eval(sys.argv[2])
except Exception:
    v="<error>"
print(v if isinstance(v,str) else json.dumps(v))' "$1" "$2"
}
eq() { [ "$1" = "$2" ]; }

cat >"$TMP/job.gcode" <<'EOF'
; duetsim self-test job
G21
G90
G92 E0
G1 X10 Y10 F6000
G1 X100 Y100 E5
G91
G1 Z0.2
G90
M400
M291 P"gLapseCapture" S2
G1 X0 Y0
M400
M291 P"Load filament ""PLA""" R"Filament" S2
G4 P100
M400
M291 P"gLapseFinish" S3
EOF

# start_sim NAME ARGS... : starts the simulator, sets SIMPID, READY, ADDR
start_sim() {
    local name=$1; shift
    "$PY" "$SIM" --gcode "$TMP/job.gcode" --log "$TMP/$name.log" --timeout 15 "$@" \
        >"$TMP/$name.out" 2>"$TMP/$name.err" &
    SIMPID=$!
    READY=""
    for _ in $(seq 1 100); do
        READY=$(head -n1 "$TMP/$name.out" 2>/dev/null)
        [ -n "$READY" ] && break
        sleep 0.05
    done
    ADDR=${READY##* }
}
# stop_sim: wait for exit (the job ends by itself) and set RC
stop_sim() {
    local i
    for i in $(seq 1 100); do kill -0 "$SIMPID" 2>/dev/null || break; sleep 0.05; done
    kill "$SIMPID" 2>/dev/null
    wait "$SIMPID"; RC=$?
    SIMPID=""
}
summary() { grep '"event": "summary"' "$TMP/$1.log" | tail -n1; }
wait_box() {   # wait_box MESSAGE : poll rr_model until the box shows (max ~3 s)
    local i r
    for i in $(seq 1 60); do
        r=$(curl -s -H "X-Session-Key: $KEY" "http://$ADDR/rr_model?key=state.messageBox&flags=v")
        [ "$(jget "$r" 'j["result"]["message"]')" = "$1" ] && { BOX=$r; return 0; }
        sleep 0.05
    done
    BOX=$r; return 1
}
get() { curl -s -o "$TMP/body" -w '%{http_code}' -H "X-Session-Key: ${KEY:-}" "http://$ADDR/$1"; }

# ---------------------------------------------------------------- HTTP 3.5
start_sim http --password secret --user-ack-ms 300 --linger 0.2
check "http: READY line" bash -c "[[ '$READY' =~ ^READY\ http\ 127\.0\.0\.1:[0-9]+$ ]]"
KEY=""
check "http: no session with a password -> 401" eq "$(get 'rr_status?type=1')" 401
get 'rr_connect?password=wrong&time=2024-1-1T00%3A00%3A00' >/dev/null
check "http: bad password -> err 1" eq "$(jget "$(cat "$TMP/body")" 'j["err"]')" 1
get 'rr_connect?password=secret&time=2024-1-1T00%3A00%3A00&sessionKey=yes' >/dev/null
C=$(cat "$TMP/body")
check "http: rr_connect err 0, apiLevel 2" eq "$(jget "$C" '[j["err"],j["apiLevel"],j["sessionTimeout"]]')" "[0, 2, 8000]"
KEY=$(jget "$C" 'j["sessionKey"]')
check "http: sessionKey is a number" bash -c "[[ '$KEY' =~ ^[0-9]+$ ]]"
check "http: marker box shown" wait_box gLapseCapture
check "http: messageBox fields" eq "$(jget "$BOX" '[j["key"],j["flags"],j["result"]["seq"],j["result"]["mode"],sorted(j["result"])]')" \
    '["state.messageBox", "v", 1, 2, ["axisControls", "cancelButton", "message", "mode", "seq", "timeout", "title"]]'
check "http: unknown model key -> null" eq "$(get 'rr_model?key=state.nothing&flags=v'; jget "$(cat "$TMP/body")" 'j["result"]')" "200null"
check "http: unknown path -> 404" eq "$(get 'rr_nothing')" 404
check "http: rr_status msgBox" eq "$(get 'rr_status?type=1' >/dev/null; jget "$(cat "$TMP/body")" '[j["status"],j["output"]["msgBox"]["msg"],j["output"]["msgBox"]["seq"]]')" '["P", "gLapseCapture", 1]'
check "http: lower-case escape -> 500" eq "$(get 'rr_gcode?gcode=M292%2bP0%2bS1')" 500
check "http: wrong seq accepted as a no-op" eq "$(get 'rr_gcode?gcode=M292%20P0%20S9'; jget "$(cat "$TMP/body")" '"buff" in j')" "200true"
sleep 0.1
check "http: wrong seq leaves the box open" eq "$(get 'rr_model?key=state.messageBox&flags=v' >/dev/null; jget "$(cat "$TMP/body")" 'j["result"]["seq"]')" 1
get 'rr_gcode?gcode=M409+K%22state.status%22' >/dev/null
check "http: rr_reply carries the M409 answer" eq "$(get 'rr_reply' >/dev/null; jget "$(cat "$TMP/body")" 'j["result"]')" processing
check "http: M292 with the right seq" eq "$(get 'rr_gcode?gcode=M292%20P0%20S1')" 200
check "http: user prompt follows (seq 2)" wait_box 'Load filament "PLA"'
check "http: simulated user closes the prompt" wait_box gLapseFinish
check "http: finish box is seq 3 mode 3" eq "$(jget "$BOX" '[j["result"]["seq"],j["result"]["mode"]]')" "[3, 3]"
check "http: state has status and upTime" eq "$(get 'rr_model?key=state&flags=v' >/dev/null; jget "$(cat "$TMP/body")" '[j["result"]["status"], type(j["result"]["upTime"]).__name__]')" '["processing", "int"]'
check "http: job key has the file name" eq "$(get 'rr_model?key=job&flags=v' >/dev/null; jget "$(cat "$TMP/body")" 'j["result"]["file"]["fileName"]')" "0:/gcodes/job.gcode"
check "http: job.filePosition is the start of the line the job stands at" eq \
    "$(get 'rr_model?key=job.filePosition&flags=v' >/dev/null; jget "$(cat "$TMP/body")" 'j["result"]')" \
    "$(grep -b -m1 gLapseFinish "$TMP/job.gcode" | cut -d: -f1)"
check "http: rr_download serves the job's file byte for byte" bash -c \
    "[ \"\$(curl -s -o '$TMP/dl' -w '%{http_code}' -H 'X-Session-Key: $KEY' 'http://$ADDR/rr_download?name=0%3A%2Fgcodes%2Fjob.gcode')\" = 200 ] && cmp -s '$TMP/dl' '$TMP/job.gcode'"
check "http: rr_download of another file -> 404" eq "$(get 'rr_download?name=0%3A%2Fgcodes%2Fother.gcode')" 404
get 'rr_gcode?gcode=M292%20P0%20S3' >/dev/null
stop_sim
check "http: exit 0 after the job" eq "$RC" 0
S=$(summary http)
check "http: summary" eq "$(jget "$S" '[j["finished"],j["boxes"],j["p1_seen"],j["foreign_acks_by_agent"],len(j["blocked_ms"])]')" '[true, 3, false, 0, 3]'
check "http: log has box_closed by user" grep -q '"seq": 2, "by": "user"' "$TMP/http.log"
check "http: log has the refused M292" grep -q '"accepted": false, "reason": "wrong seq"' "$TMP/http.log"
check "http: stdout is only the READY line" eq "$(wc -l <"$TMP/http.out")" 1

# ---------------------------------------------------------------- HTTP faults
start_sim faults --password secret --fault-503-every 2 --fault-401-after 3 --session-timeout-ms 400 \
    --fault-reset-every 13 --user-ack-ms -1 --linger 0
KEY=""; get 'rr_connect?password=secret&sessionKey=yes' >/dev/null; KEY=$(jget "$(cat "$TMP/body")" 'j["sessionKey"]')
wait_box gLapseCapture >/dev/null            # requests 1..n, n small
get 'rr_connect?password=secret&sessionKey=yes' >/dev/null; KEY=$(jget "$(cat "$TMP/body")" 'j["sessionKey"]')
check "faults: first rr_gcode passes" eq "$(get 'rr_gcode?gcode=M115')" 200
check "faults: second rr_gcode -> 503" eq "$(get 'rr_gcode?gcode=M292%20P0%20S1')" 503
check "faults: 503 did not execute the code" eq "$(get 'rr_model?key=state.messageBox' >/dev/null; jget "$(cat "$TMP/body")" 'j["result"]["seq"]')" 1
check "faults: session expires after N requests -> 401" eq "$(get 'rr_reply')" 401
get 'rr_connect?password=secret&sessionKey=yes' >/dev/null; KEY=$(jget "$(cat "$TMP/body")" 'j["sessionKey"]')
check "faults: reconnect brings it back" eq "$(get 'rr_reply')" 200
sleep 0.6
check "faults: idle session times out -> 401" eq "$(get 'rr_reply')" 401
for _ in $(seq 1 14); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://$ADDR/rr_reply"); crc=$?
    [ "$code" = 000 ] && break
done
check "faults: every 13th request is reset without an answer" bash -c "[ '$code' = 000 ] && [ $crc -ne 0 ]"
stop_sim
check "faults: log has 503, session-expired and reset faults" bash -c \
    "grep -q '\"kind\": \"503\"' '$TMP/faults.log' && grep -q 'session-expired' '$TMP/faults.log' && grep -q '\"kind\": \"reset\"' '$TMP/faults.log'"

# ---------------------------------------------------------------- P1 cancels
start_sim cancel --user-ack-ms -1 --linger 0
KEY=""
wait_box gLapseCapture >/dev/null
get 'rr_gcode?gcode=M292%20P1%20S1' >/dev/null
stop_sim
check "cancel: M292 P1 cancels the print (exit 4)" eq "$RC" 4
check "cancel: summary p1_seen, not finished" eq "$(jget "$(summary cancel)" '[j["finished"],j["p1_seen"]]')" '[false, true]'

# ---------------------------------------------------------------- RRF 3.4 / 2.0, reboot
start_sim rrf34 --rrf 3.4 --user-ack-ms -1 --linger 0 --fault-reboot-at-line 14 --reboot-ms 400
KEY=""
get 'rr_connect?password=reprap&sessionKey=yes' >/dev/null
check "3.4: no sessionKey, apiLevel 1" eq "$(jget "$(cat "$TMP/body")" '["sessionKey" in j, j["apiLevel"]]')" '[false, 1]'
wait_box gLapseCapture >/dev/null
get 'rr_gcode?gcode=M292' >/dev/null
sleep 0.1
for _ in $(seq 1 40); do curl -s -o /dev/null "http://$ADDR/rr_status" 2>/dev/null || break; sleep 0.02; done
check "reboot: connections refused while rebooting" bash -c "! curl -s -o /dev/null 'http://$ADDR/rr_status'"
check "reboot: seq counts from 1 again" wait_box 'Load filament "PLA"'
check "reboot: box seq is 1" eq "$(jget "$BOX" 'j["result"]["seq"]')" 1
get 'rr_gcode?gcode=M292' >/dev/null
wait_box gLapseFinish >/dev/null
get 'rr_gcode?gcode=M292' >/dev/null
stop_sim
check "3.4: job finished, foreign ack counted" eq "$(jget "$(summary rrf34)" '[j["finished"],j["foreign_acks_by_agent"],j["reboots"]]')" '[true, 1, 1]'

start_sim rrf20 --rrf 2.0 --user-ack-ms 200 --linger 0 --speed 0
KEY=""
check "2.0: rr_model -> 404" eq "$(get 'rr_model?key=state')" 404
for _ in $(seq 1 40); do get 'rr_status?type=1' >/dev/null; grep -q msgBox "$TMP/body" && break; sleep 0.05; done
check "2.0: rr_status output.msgBox" eq "$(jget "$(cat "$TMP/body")" '[j["output"]["msgBox"]["msg"],j["output"]["msgBox"]["mode"]]')" '["gLapseCapture", 2]'
kill "$SIMPID"; stop_sim
check "2.0: SIGTERM -> exit 0 with a summary" bash -c "[ $RC = 0 ] && grep -q '\"finished\": false' '$TMP/rrf20.log'"

# ---------------------------------------------------------------- SBC
start_sim sbc --mode sbc --password secret --user-ack-ms -1 --linger 0
KEY=""
check "sbc: READY line" bash -c "[[ '$READY' =~ ^READY\ sbc\ 127\.0\.0\.1:[0-9]+$ ]]"
check "sbc: bad password -> 403" eq "$(get 'machine/connect?password=nope')" 403
get 'machine/connect?password=secret' >/dev/null
KEY=$(jget "$(cat "$TMP/body")" 'j["sessionKey"]')
check "sbc: session key" bash -c "[ -n '$KEY' ] && [ '$KEY' != '<error>' ]"
check "sbc: model without key -> 401" bash -c "[ \$(curl -s -o /dev/null -w '%{http_code}' 'http://$ADDR/machine/model') = 401 ]"
for _ in $(seq 1 40); do get 'machine/model' >/dev/null; grep -q gLapseCapture "$TMP/body" && break; sleep 0.05; done
check "sbc: model has state.messageBox" eq "$(jget "$(cat "$TMP/body")" '[j["state"]["messageBox"]["message"],j["state"]["status"]]')" '["gLapseCapture", "processing"]'
check "sbc: GET /machine/code -> 405" eq "$(get 'machine/code')" 405
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Session-Key: $KEY" -H 'Content-Type: text/plain' --data-binary 'M292 P0 S1' "http://$ADDR/machine/code")
check "sbc: POST /machine/code M292" eq "$code" 200
sleep 0.1
check "sbc: box closed, prompt next" eq "$(get 'machine/model' >/dev/null; jget "$(cat "$TMP/body")" 'j["state"]["messageBox"]["seq"]')" 2
kill "$SIMPID"; stop_sim

# ---------------------------------------------------------------- serial
cat >"$TMP/ser.py" <<'EOF'
import os, sys, time, select, tty, json
path, mode = sys.argv[1], sys.argv[2]
fd = os.open(path, os.O_RDWR | os.O_NOCTTY); tty.setraw(fd)
def crc(d):
    c = 0
    for b in d:
        c ^= b << 8
        for _ in range(8):
            c = ((c << 1) ^ 0x1021) if c & 0x8000 else c << 1
            c &= 0xFFFF
    return c
n = 0
def send(cmd, bad=False):
    global n
    if mode == "none":
        os.write(fd, cmd.encode() + b"\r\n"); return
    n += 1
    body = ("N%d %s" % (n, cmd)).encode()
    if mode == "xor":
        x = 0
        for b in body: x ^= b
        ck = "%d" % (x ^ bad)
    else:
        ck = "%05d" % (crc(body) ^ bad)
    os.write(fd, body + b"*" + ck.encode() + b"\n")
def read(t=0.3):
    out = b""; end = time.time() + t
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.02)
        if r: out += os.read(fd, 4096)
    return out.decode()
res = {}
time.sleep(0.2)
send('M409 K"state.messageBox" F"v"'); res["m409"] = read()
send('M409 K"state.messageBox" F"v"', bad=True); res["bad"] = read()
send('M292 P0 S1'); res["m292"] = read()
send('M115'); res["m115"] = read()
print(json.dumps(res))
EOF
start_sim usb --mode serial --link "$TMP/tty" --user-ack-ms -1 --linger 0
check "serial: READY line" bash -c "[[ '$READY' =~ ^READY\ serial\ /dev/pts/[0-9]+$ ]]"
check "serial: --link points at the pty" eq "$(readlink "$TMP/tty")" "${READY##* }"
R=$("$PY" "$TMP/ser.py" "$TMP/tty" none)
check "serial usb: M409 -> JSON line, blank line, ok" eq "$(jget "$R" 'j["m409"].split("\n")[1:]')" '["", "ok", ""]'
check "serial usb: M409 JSON result" eq "$(jget "$R" 'json.loads(j["m409"].split("\n")[0])["result"]["message"]')" gLapseCapture
check "serial usb: M292 -> ok" eq "$(jget "$R" 'repr(j["m292"])')" "'ok\\n'"
kill "$SIMPID"; stop_sim
check "serial usb: link removed at exit" test ! -e "$TMP/tty"
check "serial usb: M292 closed the box" grep -q '"seq": 1, "by": "agent"' "$TMP/usb.log"

start_sim aux --mode serial --checksum crc --link "$TMP/tty" --user-ack-ms -1 --linger 0
R=$("$PY" "$TMP/ser.py" "$TMP/tty" crc)
check "serial crc: M409 -> bare JSON line" eq "$(jget "$R" 'json.loads(j["m409"])["result"]["seq"]')" 1
check "serial crc: bad checksum dropped silently" eq "$(jget "$R" 'j["bad"]')" ""
check "serial crc: text reply wrapped in seq/resp" eq "$(jget "$R" 'json.loads(j["m115"])["resp"].startswith("FIRMWARE_NAME")')" true
kill "$SIMPID"; stop_sim
check "serial crc: M292 closed the box" grep -q '"seq": 1, "by": "agent"' "$TMP/aux.log"

start_sim xor --mode serial --checksum xor --link "$TMP/tty" --user-ack-ms -1 --linger 0 --serial-chatter 0.1
R=$("$PY" "$TMP/ser.py" "$TMP/tty" xor)
check "serial xor: M409 answered" bash -c "jq_out=\$('$PY' -c 'import json,sys; print(json.loads(sys.argv[1])[\"m409\"])' '$R'); echo \"\$jq_out\" | grep -q '\"key\":\"state.messageBox\"'"
check "serial xor: unsolicited chatter is wrapped" bash -c "echo '$R' | grep -q 'resp'"
kill "$SIMPID"; stop_sim
check "serial xor: M292 closed the box" grep -q '"seq": 1, "by": "agent"' "$TMP/xor.log"

exit $FAILED
