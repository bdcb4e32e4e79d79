#!/bin/bash
# runs-once: the browser looks at the page of the normal build only
# capture-agent's page in a real browser: Debian's headless Chromium,
# driven by playwright-core (tests/web/, pinned, installed here with npm
# into tests/web/node_modules, which git ignores; never a browser
# download), loads the page while the Duet simulator prints a real sliced
# file and the test camera fires.  It reads the DOM and takes screenshots:
# the frame count goes up, the latest frame changes, the sequence page
# shows its contact sheet and plays the video rendered from the page.
# The README's screenshot (tests/readme/web.png) is taken here
# (README_SHOT=1 writes it anew).
set -u
GL_TOP=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
GL_BUILD=${GL_BUILD:-$GL_TOP/build}
# shellcheck source=web_lib.sh
. "$GL_TOP/tests/e2e/web_lib.sh"
WEB="$GL_TOP/tests/web"

if [ ! -x /usr/bin/chromium ] || ! command -v npm >/dev/null 2>&1; then
	tap 1 "chromium and npm are needed (scripts/deps.sh test installs them)"
	exit 1
fi
if [ ! -d "$WEB/node_modules/playwright-core" ] ||
    ! cmp -s "$WEB/package-lock.json" "$WEB/node_modules/.package-lock.json"
then
	(cd "$WEB" && npm ci --ignore-scripts --no-audit --no-fund \
	    >"$TMP/npm.log" 2>&1)
	tap $? "playwright-core installed from the lock file ($(tail -n 1 "$TMP/npm.log"))"
fi

web_job "$GL_TOP/tests/data/sliced/ps25_cube_marlin2_abs.gcode"
WEB_PICTURE=print web_start browser "--speed 12" "listen = 127.0.0.1:0
actions = yes"
[ -n "$URL" ]
tap $? "the agent serves its page ($URL)"
mkdir -p "$TMP/shots"
timeout 400 node "$WEB/page.test.js" "$URL" "$TMP/shots" \
    "$TMP/shots/readme.png"
tap $? "the browser test ended by itself, every check passed"
[ -s "$TMP/shots/readme.png" ]
tap $? "a screenshot for the README"
# written into the tree only when missing or asked for (README_SHOT=1), so
# that a test run leaves the checkout as it was
if [ -s "$TMP/shots/readme.png" ] && { [ -n "${README_SHOT:-}" ] ||
    [ ! -e "$GL_TOP/tests/readme/web.png" ]; }; then
	mkdir -p "$GL_TOP/tests/readme"
	cp "$TMP/shots/readme.png" "$GL_TOP/tests/readme/web.png"
	echo "# the README's screenshot is now tests/readme/web.png"
fi
# the screenshots stay for a look when asked to
[ -n "${WEB_SHOTS:-}" ] && mkdir -p "$WEB_SHOTS" && cp "$TMP"/shots/*.png "$WEB_SHOTS"/
web_stop
tap $? "the agent stopped cleanly on SIGTERM"
exit $FAILED
