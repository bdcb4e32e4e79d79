#!/bin/bash
# Issue 11: no secret in any output.  The printer's password (in every
# rr_connect and machine/connect URL, and in a printer URL's
# user:password@) and the cameras' credentials (an http camera's
# user:password@ URL, its user = name:password) appear in no line the
# agent writes, for every transport and for a camera that fails every
# shot, while the agent still says what failed (the secret as ***).
# agent_lib.sh's exit check greps every output for both secrets.
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=agent_lib.sh
. "$GL_TOP/tests/e2e/agent_lib.sh"

# cameras with credentials on a closed port (every shot fails), and one
# that works, so the print has frames
CAMERAS="[camera web]
type = http
url = http://viewer:$CAMERA_SECRET@127.0.0.1:9/snapshot
timeout_ms = 300
[camera auth]
type = http
url = http://127.0.0.1:9/?action=snapshot
user = \"viewer:$CAMERA_SECRET\"
timeout_ms = 300
[camera main]
type = test
size = 160x120"
export URL_USERINFO="admin:$PRINTER_SECRET@"
scenario secret-http http "" ""
scenario secret-sbc sbc "" ""
URL_USERINFO=""
scenario secret-serial serial "" "checksum = none"
for t in http sbc; do
	grep -q "camera web: frame 000001: http://viewer:\*\*\*@127.0.0.1:9/snapshot" \
	    "$TMP/secret-$t.agent"
	tap $? "secret-$t: a failed shot is logged with the password as ***"
	grep -q "printer http://admin:\*\*\*@" "$TMP/secret-$t.agent"
	tap $? "secret-$t: the printer URL at start-up, user:***@"
done

# the printer away: every failed login is logged, as ***
port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
for type in duet-http duet-sbc; do
	cat >"$TMP/away-$type.conf" <<CONF
[printer]
type = $type
url = http://127.0.0.1:$port/
password = ${GL_QUOTE-\"}$PRINTER_SECRET${GL_QUOTE-\"}
poll_interval_ms = 50
request_timeout_ms = 300
[captures]
directory = $TMP/away.frames
CONF
	timeout --foreground -k 5 1.5 "$AGENT" -d -c "$TMP/away-$type.conf" \
	    2>"$TMP/away-$type.agent"
	case $type in
	duet-http) want='rr_connect?password=\*\*\*&time=' ;;
	duet-sbc) want='machine/connect?password=\*\*\*' ;;
	esac
	grep -q "$want" "$TMP/away-$type.agent"
	tap $? "$type: the failed login logged with the password as *** ($(grep -m1 unreachable "$TMP/away-$type.agent" | head -c 160))"
done

# -n: the check's own output (grepped at exit like the rest)
"$AGENT" -n -c "$TMP/secret-http.conf" >"$TMP/check.out" 2>&1
grep -q "configuration OK" "$TMP/check.out"
tap $? "-n: the configuration with quoted secrets checks out"
exit "$FAILED"
