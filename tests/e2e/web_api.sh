#!/bin/bash
# capture-agent's web API with curl, while the Duet simulator prints a real
# sliced file and the test camera fires: every endpoint; the password (401
# without it, never in the log); path traversal ("..", %2e%2e, encoded
# slashes, absolute paths, a symlinked sequence); a client sending one
# byte a second; many clients at once; and through all of it the print's
# block time per snapshot stays what it is without the page (the
# simulator's own measure: box shown to box closed).  The clients come
# and go in windows of WINDOW snapshots during one print, so the
# snapshots with them and those without share whatever else the machine
# is doing at the time; a print without the page is measured too.
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
GL_BUILD=${GL_BUILD:-$GL_TOP/build}
# shellcheck source=web_lib.sh
. "$GL_TOP/tests/e2e/web_lib.sh"
PW="pw-Web-$$-secret"
SPEED=60
WINDOW=6

web_job "$GL_TOP/tests/data/sliced/ps25_cube_marlin2_abs.gcode"

# ---- 1. the block time without the page ----
CAPTURES="$TMP/base.captures"
web_start base "--speed $SPEED" "listen ="
grep -q "web page at" "$TMP/base.agent"
[ $? -ne 0 ]
tap $? "listen = (empty) serves no page"
web_wait_print base
tap $? "the print without the page finished"
web_stop base
read -r base_med base_p90 base_max base_n <<<"$(block_ms "$TMP/base.events")"
echo "# without the page: print blocked $base_med ms per snapshot" \
    "(median; p90 $base_p90, max $base_max, $base_n snapshots)"
[ "$base_n" -eq "$MARKERS" ]
tap $? "every snapshot acknowledged without the page ($base_n of $MARKERS)"

# a sequence that is a link to a folder outside the captures directory
CAPTURES="$TMP/captures"
mkdir -p "$TMP/outside" "$CAPTURES"
printf 'outside' >"$TMP/outside/000001.jpeg"
: >"$TMP/outside/.finished"
ln -s "$TMP/outside" "$CAPTURES/2000-01-01-00-00-00.000000"
printf 'secret' >"$TMP/outside-secret"

# ---- 2. the same print with the page under load ----
web_start load "--speed $SPEED" \
    "listen = 127.0.0.1:0
password = $PW
actions = yes"
[ -n "$URL" ]
tap $? "the agent says where its page is ($URL)"
HOST=${URL#http://}
HOST=${HOST%/}
A=(-s -u "anyone:$PW")

# Clients for as long as the print lasts.  They stand for browsers on
# other machines, so on this one they run at nice 19: what is measured is
# what the page costs the agent, not what the test's own clients cost the
# two cores.  One process: status and sequence polls, contact sheets, tar
# downloads and frames in 8 threads, 6 event streams, a client sending its
# request one byte a second, and a hundred connections opened at once.
nice -n 19 "$PY" - "$URL" "$PW" "$TMP/load.events" "$TMP/load.result" \
    "${LOAD_PAUSE:-0.1}" "$WINDOW" <<'PY' &
import base64, http.client, json, socket, sys, threading, time
url, pw, events, result = sys.argv[1:5]
pause = float(sys.argv[5])
window = int(sys.argv[6])
host, port = url[len("http://"):].strip("/").rsplit(":", 1)
port = int(port)
auth = {"Authorization": "Basic " + base64.b64encode(("u:" + pw).encode()).decode()}
start = time.monotonic()
state = {"printing": True, "on": False}
def watch():
    # the clients are on in every other window of snapshots: 0 off, 1 on...
    while state["printing"]:
        log = open(events).read()
        shown = sum(1 for l in log.splitlines()
                    if '"box_shown"' in l and '"gLapseCapture"' in l)
        state["on"] = (shown // window) % 2 == 1
        state["printing"] = time.monotonic() - start < 200 and \
            '"job_finished"' not in log
        time.sleep(0.02)
def printing():
    return state["printing"]
def on():
    while state["printing"] and not state["on"]:
        time.sleep(0.02)
    return state["printing"]
counts = {"requests": 0, "errors": 0, "events": 0, "changed": 0}
lock = threading.Lock()
def count(k, n=1):
    with lock:
        counts[k] += n
def get(c, path):
    try:
        c.request("GET", path, headers=auth)
        r = c.getresponse()
        body = r.read()
        count("requests")
        return r.status, body
    except (OSError, http.client.HTTPException):
        count("errors")
        return 0, b""
def poller(i):
    c = http.client.HTTPConnection(host, port, timeout=20)
    while on():
        st, body = get(c, "/api/status")
        if st != 200:
            c.close(); c = http.client.HTTPConnection(host, port, timeout=20)
            time.sleep(0.2); continue
        s = json.loads(body)["sequence"]
        get(c, "/api/sequences")
        time.sleep(pause)
        if s["name"] and s["latest"]:
            get(c, "/api/sequences/%s/frames/%d.jpeg" % (s["name"], s["latest"]))
            get(c, "/api/sequences/%s/%s" % (s["name"],
                ("contact.jpeg", "thumb.jpeg", "frames.tar", "")[i % 4]))
def stream():
    # connected while the clients are on, gone while they are off
    while on():
        try:
            c = http.client.HTTPConnection(host, port, timeout=30)
            c.request("GET", "/api/events", headers=auth)
            r = c.getresponse()
            last = None
            while printing() and state["on"]:
                line = r.fp.readline()
                if not line:
                    break
                if line.startswith(b"data: "):
                    count("events")
                    seq = json.loads(line[6:])["sequence"]["frames"]
                    if last is not None and seq != last:
                        count("changed")
                    last = seq
            c.close()
        except (OSError, http.client.HTTPException, ValueError):
            count("errors")
            time.sleep(0.2)
slow = {}
def slowloris():
    on()
    s = socket.create_connection((host, port))
    t0 = time.monotonic()
    req = b"GET /api/status HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200
    sent, closed = 0, False
    try:
        for b in req:
            s.send(bytes([b]))
            sent += 1
            time.sleep(1)
            if time.monotonic() - t0 > 40:
                break
        s.settimeout(5)
        closed = s.recv(100) == b""
    except OSError:
        closed = True
    slow.update(sent=sent, secs=time.monotonic() - t0, closed=closed)
many = {}
def flood():
    on()
    socks, refused = [], 0
    for i in range(100):
        try:
            socks.append(socket.create_connection((host, port), timeout=2))
        except OSError:
            refused += 1
    time.sleep(3)
    for s in socks:
        s.close()
    many.update(opened=len(socks), refused=refused)
ts = [threading.Thread(target=watch)]
ts += [threading.Thread(target=poller, args=(i,)) for i in range(8)]
ts += [threading.Thread(target=stream) for i in range(6)]
ts += [threading.Thread(target=slowloris), threading.Thread(target=flood)]
for t in ts:
    t.start()
for t in ts:
    t.join()
open(result, "w").write("%d %d %d %d %d %.1f %s %d %d\n" % (
    counts["requests"], counts["errors"], counts["events"], counts["changed"],
    slow["sent"], slow["secs"], "closed" if slow["closed"] else "open",
    many["opened"], many["refused"]))
PY
load_pid=$!
web_wait_print load
tap $? "the print with the page under load finished"
wait "$load_pid"
read -r load_med load_p90 load_max load_n <<<"$(block_ms "$TMP/load.events")"
[ "$load_n" -eq "$MARKERS" ]
tap $? "every snapshot acknowledged with the page under load ($load_n)"
read -r on_med on_p90 on_n off_med off_p90 off_n <<<"$(block_split \
    "$TMP/load.events" "$WINDOW")"
echo "# the same print, snapshots with the page's clients: $on_med ms" \
    "(median; p90 $on_p90, $on_n snapshots); without them: $off_med ms" \
    "(p90 $off_p90, $off_n)"
# The same within the poll interval's jitter: with 50 ms polls a box
# waits 0 to 50 ms to be seen, clients or not, and 25 snapshots a side
# leave the medians some 10 ms apart by chance.  The tail (p90) follows
# whatever else the machine runs and is only reported.
[ "$on_med" -le $((off_med + 15)) ]
tap $? "the block time per snapshot with the clients is what it is without" \
    "them ($on_med ms vs $off_med ms median; p90 $on_p90 vs $off_p90)"
# The sanitizers make every thread's work (and its allocations) far
# heavier: there the figures without the page are only reported.
case $GL_BUILD in
*-san) echo "# (sanitized build: $load_med ms vs $base_med ms without the page)" ;;
*)	[ "$load_med" -le $((base_med + 30)) ]
	tap $? "and no more than without the page at all ($load_med ms vs" \
	    "$base_med ms median over the whole print)" ;;
esac

read -r reqs errs events changed sent secs state opened refused \
    <"$TMP/load.result"
echo "# during the print: $reqs requests ($errs failed), $events status" \
    "events, 100 connections at once ($opened accepted, $refused refused)"
# at nice 19 the page yields to everything else: a sanitized build on a
# busy machine answers a few dozen, a plain one over a thousand
[ "$reqs" -gt 20 ]
tap $? "the page answered its clients during the print ($reqs requests)"
[ "$state" = closed ] && [ "$sent" -le 14 ]
tap $? "a client sending a byte a second is cut off ($sent bytes, ${secs} s)"
code=$(curl "${A[@]}" -o /dev/null -w '%{http_code}' --max-time 5 "${URL}api/status")
[ "$code" = 200 ]
tap $? "after a hundred connections at once the page still answers ($code)"
[ "$events" -ge 6 ] && [ "$changed" -ge 2 ]
tap $? "event streams saw the frame count go up ($events events, $changed changes)"

# an idle agent with its page on costs next to no CPU (its watchdog once
# waited on the wrong clock and spun a whole core)
cpu_ticks() {	# the agent's user+system clock ticks
	awk '{print $14 + $15}' "/proc/$(pgrep -P "$AGENTPID" -x capture-agent |
	    head -n 1)/stat" 2>/dev/null || echo 0
}
t0=$(cpu_ticks)
sleep 2
t1=$(cpu_ticks)
[ $((t1 - t0)) -lt 40 ]
tap $? "the idle agent with its page on used $((t1 - t0)) clock ticks in 2 s"

# ---- 3. every endpoint, after the print ----
get() {	# get PATH [curl args]: prints the status code, body in $TMP/body
	local p=$1
	shift
	curl "${A[@]}" --path-as-is -o "$TMP/body" -D "$TMP/headers" \
	    -w '%{http_code}' --max-time 20 "$@" "${URL}$p"
}
seq=$(ls "$TMP/captures" | grep '^2[0-9-]*\.[0-9]*$' | grep -v '^2000' | head -n 1)
frames=$(ls "$TMP/captures/$seq" | grep -c '\.jpeg$')
[ "$(get "")" = 200 ] && grep -q '<title>capture-agent' "$TMP/body"
tap $? "GET / is the page"
grep -q 'name="csrf-token" content="[0-9a-f]\{64\}"' "$TMP/body"
tap $? "  with a token of 64 hex digits in it"
token=$(sed -n 's/.*name="csrf-token" content="\([0-9a-f]*\)".*/\1/p' "$TMP/body")
for f in app.js style.css favicon.svg; do
	[ "$(get "$f")" = 200 ]
	tap $? "GET /$f"
done
grep -qi '^content-security-policy:' "$TMP/headers"
tap $? "  with a Content-Security-Policy"
[ "$(get api/status)" = 200 ] && "$PY" -c '
import json, sys
s = json.load(open(sys.argv[1]))
assert s["printer"]["state"] in ("connected", "unreachable")
assert "address" in s["printer"] and "@" not in s["printer"]["address"]
assert s["sequence"]["name"] == sys.argv[2], s["sequence"]
assert s["sequence"]["frames"] == int(sys.argv[3]), s["sequence"]
assert s["sequence"]["recording"] is False, s["sequence"]
assert s["cameras"][0]["name"] == "cam"
assert s["blocked"]["count"] == int(sys.argv[4]) and s["blocked"]["at"] > 0
assert s["disk"]["free"] > 0 and s["actions"] is True
' "$TMP/body" "$seq" "$frames" "$MARKERS"
tap $? "GET /api/status: printer.state, sequence.name and .frames ($frames), cameras[], the print over"
[ "$(get api/sequences)" = 200 ] && "$PY" -c '
import json, sys
v = json.load(open(sys.argv[1]))["sequences"]
names = [s["name"] for s in v]
assert names == [sys.argv[2]], names
assert v[0]["frames"] == int(sys.argv[3]) and v[0]["bytes"] > 0
' "$TMP/body" "$seq" "$frames"
tap $? "GET /api/sequences: the sequence, not the symlinked one"
[ "$(get "api/sequences/$seq")" = 200 ] && "$PY" -c '
import json, sys
s = json.load(open(sys.argv[1]))
assert s["cameras"][0]["runs"] == [[1, int(sys.argv[2])]], s["cameras"][0]
assert s["cameras"][0]["video"] is None
' "$TMP/body" "$frames"
tap $? "GET /api/sequences/NAME: its frames as runs, no video yet"
[ "$(get "api/sequences/$seq/frames/1.jpeg")" = 200 ] &&
    cmp -s "$TMP/body" "$TMP/captures/$seq/000001.jpeg"
tap $? "GET /api/sequences/NAME/frames/1.jpeg is frame 000001.jpeg"
[ "$(get "api/sequences/$seq/frames/$frames.jpeg")" = 200 ]
tap $? "GET frames/$frames.jpeg, the last one"
[ "$(get "api/sequences/$seq/frames/$((frames + 1)).jpeg")" = 404 ]
tap $? "a frame past the last: 404"
for p in thumb.jpeg contact.jpeg; do
	[ "$(get "api/sequences/$seq/$p")" = 200 ] &&
	    [ "$(head -c 2 "$TMP/body" | od -An -tx1 | tr -d ' ')" = ffd8 ]
	tap $? "GET /api/sequences/NAME/$p is a JPEG"
done
# in the sequence: frames, .finished, .job (the agent's note of the
# printer's job), and maybe the temporary file of a
# frame whose camera worker was killed at its deadline; nothing else
[ -z "$(find "$TMP/captures/$seq" -mindepth 1 ! -name '[0-9]*.jpeg' \
    ! -name .finished ! -name .job ! -name '.[0-9]*.jpeg.*')" ]
tap $? "  made in the page's cache, nothing written into the sequence"
ls "$TMP/captures/.web-cache/" | grep -q "^$seq-contact.jpeg$"
tap $? "  the cache is .web-cache/ beside the sequences"
[ "$(get "api/sequences/$seq/frames.tar")" = 200 ] &&
    [ "$(tar -tf "$TMP/body" | grep -c '\.jpeg$')" = "$frames" ]
tap $? "GET frames.tar: tar(1) finds the $frames frames"
grep -qi '^content-length: ' "$TMP/headers"
tap $? "  with its length known from the start"
[ "$(get "api/sequences/$seq/video")" = 404 ]
tap $? "GET video before a render: 404"
n=$(timeout 5 curl "${A[@]}" -N "${URL}api/events" | grep -c '^event: status')
[ "$n" -ge 1 ]
tap $? "GET /api/events streams status events"

# ---- the actions ----
post() {	# post PATH [curl args]
	local p=$1
	shift
	curl "${A[@]}" -o "$TMP/body" -w '%{http_code}' --max-time 20 \
	    -X POST "$@" "${URL}$p"
}
[ "$(post "api/sequences/$seq/render")" = 403 ]
tap $? "POST render without the token: 403"
[ "$(post "api/sequences/$seq/render" -H "X-CSRF-Token: $token")" = 403 ]
tap $? "POST render with the token but no Origin nor Referer: 403"
[ "$(post "api/sequences/$seq/render" -H "X-CSRF-Token: $token" \
    -H "Origin: http://evil.example")" = 403 ]
tap $? "POST render from another Origin: 403"
[ "$(post "api/sequences/$seq/render" -H "X-CSRF-Token: 0$token" \
    -H "Origin: http://$HOST")" = 403 ]
tap $? "POST render with a wrong token: 403"
[ "$(get "api/sequences/$seq/render")" = 405 ] &&
    grep -qi '^allow: POST' "$TMP/headers"
tap $? "GET render: 405, Allow: POST"
[ "$(post "api/sequences/$seq/render" -H "X-CSRF-Token: $token" \
    -H "Origin: http://$HOST")" = 202 ]
tap $? "POST render with the token from the page's Origin: 202"
wait_for 120 sh -c 'curl -s -u "x:$1" "$2api/status" |
    grep -q "\"render\":{\"state\":\"done\""' sh "$PW" "$URL"
tap $? "the render is done, as the status says"
[ "$(get "api/sequences/$seq")" = 200 ] && grep -q '"video":{"url"' "$TMP/body"
tap $? "the sequence has its video now"
[ "$(get "api/sequences/$seq/video")" = 200 ] &&
    cmp -s "$TMP/body" "$TMP/captures/$seq.mp4"
tap $? "GET video is the rendered $seq.mp4"
size=$(stat -c %s "$TMP/captures/$seq.mp4")
[ "$(get "api/sequences/$seq/video" -H 'Range: bytes=100-199')" = 206 ] &&
    [ "$(stat -c %s "$TMP/body")" = 100 ] &&
    grep -qi "^content-range: bytes 100-199/$size" "$TMP/headers"
tap $? "a Range of the video: 206 with 100 bytes"
[ "$(get "api/sequences/$seq/video" -H "Range: bytes=$size-")" = 416 ]
tap $? "a Range past its end: 416"
[ "$(get "api/sequences/$seq/video?download=1")" = 200 ] &&
    grep -qi '^content-disposition: attachment' "$TMP/headers"
tap $? "the video as a download"

# ---- methods, paths, names that must not reach the disk ----
[ "$(curl "${A[@]}" -o /dev/null -w '%{http_code}' -X PUT "${URL}")" = 405 ]
tap $? "PUT /: 405"
for p in \
    "api/sequences/../../../../etc/passwd" \
    "api/sequences/$seq/../../../../etc/passwd" \
    "api/sequences/$seq/frames/../../../outside-secret" \
    "api/sequences/%2e%2e/%2e%2e/etc/passwd" \
    "api/sequences/$seq%2f..%2f..%2fetc%2fpasswd" \
    "api/sequences/..%2f..%2fetc/passwd" \
    "api/sequences/$seq/frames/%31.jpeg" \
    "api/sequences/2000-01-01-00-00-00.000000" \
    "api/sequences/2000-01-01-00-00-00.000000/frames/1.jpeg" \
    "api/sequences/2000-01-01-00-00-00.000000/frames.tar" \
    "api/sequences/.web-cache" \
    "etc/passwd" \
    "/etc/passwd" \
    "..%2f..%2fetc%2fpasswd" \
    "api/sequences/$seq/frames/1.jpeg?camera=../../x" \
    "api/sequences/$seq/contact.jpeg?camera=..%2f" ; do
	code=$(get "$p")
	case $code in 400|404) r=0 ;; *) r=1 ;; esac
	! grep -q 'root:\|secret\|outside' "$TMP/body" || r=1
	tap $r "refused: /$p ($code)"
done
# an absolute URI and a raw "..": straight on the socket
"$PY" - "$HOST" "$PW" <<'PY'
import base64, socket, sys
host, port = sys.argv[1].rsplit(":", 1)
auth = base64.b64encode(b"u:" + sys.argv[2].encode()).decode()
for target in ("http://%s/../../etc/passwd" % sys.argv[1], "/../../etc/passwd",
               "../etc/passwd", "/api/sequences/\\..\\..\\etc"):
    s = socket.create_connection((host, int(port)), timeout=5)
    s.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Basic %s\r\n"
               "Connection: close\r\n\r\n" % (target, sys.argv[1], auth)).encode())
    data = b""
    while True:
        b = s.recv(4096)
        if not b:
            break
        data += b
    status = data.split(b" ", 2)[1] if data else b"none"
    ok = status in (b"400", b"404") and b"root:" not in data
    print("%s - refused on the socket: %s (%s)" % ("ok" if ok else "not ok",
          target, status.decode()))
PY
[ "$(curl -s -o /dev/null -w '%{http_code}' "${URL}api/status")" = 401 ]
tap $? "no password: 401"
[ "$(curl -s -o /dev/null -w '%{http_code}' -u "anyone:wrong" \
    "${URL}api/status")" = 401 ]
tap $? "a wrong password: 401"
[ "$(curl -s -o /dev/null -w '%{http_code}' "${URL}api/sequences/$seq/frames/1.jpeg")" = 401 ]
tap $? "no frame without the password"
[ "$(curl -s -o /dev/null -w '%{http_code}' -u "other-user:$PW" \
    "${URL}api/status")" = 200 ]
tap $? "any user name with the password"

# delete: the symlinked one without touching what it points to, then ours
[ "$(post "api/sequences/2000-01-01-00-00-00.000000/delete" \
    -H "X-CSRF-Token: $token" -H "Referer: http://$HOST/")" = 200 ] &&
    [ -f "$TMP/outside/000001.jpeg" ] &&
    [ ! -e "$TMP/captures/2000-01-01-00-00-00.000000" ]
tap $? "deleting the symlinked sequence removes the link, not its target"
[ "$(post "api/sequences/$seq/delete" -H "X-CSRF-Token: $token" \
    -H "Referer: http://$HOST/")" = 200 ]
tap $? "POST delete with the token and a Referer of the page: 200"
[ ! -e "$TMP/captures/$seq" ] && [ ! -e "$TMP/captures/$seq.mp4" ] &&
    ! ls "$TMP/captures/.web-cache" | grep -q "$seq"
tap $? "  the frames, the video and the cached sheets are gone"
[ "$(get "api/sequences/$seq")" = 404 ]
tap $? "  and the sequence is 404"
[ -f "$TMP/outside-secret" ]
tap $? "nothing outside the captures directory was touched"

web_stop
tap $? "the agent stopped cleanly on SIGTERM"
if grep -q -- "$PW" "$TMP"/*.agent; then
	tap 1 "the password is in the agent's log"
else
	tap 0 "the password is never in the agent's log (debug, $(cat "$TMP"/load.agent | wc -l) lines)"
fi
! grep -qi 'authorization\|basic [a-z0-9]' "$TMP/load.agent"
tap $? "nor the Authorization header"

# ---- 4. no password: only a loopback Host is answered ----
web_start open "--speed 0 --start-delay 30" "listen = 127.0.0.1:0"
[ "$(curl -s -o /dev/null -w '%{http_code}' "${URL}api/status")" = 200 ]
tap $? "no password on loopback: the page answers"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example' \
    "${URL}api/status")" = 403 ]
tap $? "  but not to another Host (DNS rebinding): 403"
for h in 127.cat.lol localhost.example 127.0.0.1.example '[::2]:80' \
    '127.0.0.1:80x'; do
	[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $h" \
	    "${URL}api/status")" = 403 ]
	tap $? "  nor to Host: $h"
done
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: localhost:8085" \
    "${URL}api/status")" = 200 ]
tap $? "  and to Host: localhost:8085"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST \
    "${URL}api/sequences/2026-01-01-00-00-00.000000/render")" = 403 ]
tap $? "  and actions are off by default: 403"
web_stop
cat >"$TMP/bad.conf" <<CONF
[printer]
url = http://127.0.0.1:9/
[captures]
directory = $TMP/x
[web]
listen = 0.0.0.0:8085
CONF
out=$("$AGENT" -n -c "$TMP/bad.conf" 2>&1)
[ $? -eq 1 ] && echo "$out" | grep -q "set a password"
tap $? "listen = 0.0.0.0 without a password is refused ($out)"
exit $FAILED
