#!/bin/sh
# runs-once
# The agent's code can only ever send M292 P0 S<seq>: the string M292 is
# built in one place, duet_code.c, and no source spells "M292 P1".
cd "$GL_TOP" || exit 1
files=$(grep -rl "M292" capture-agent --include="*.c" | tr '\n' ' ')
if [ "$files" = "capture-agent/printer/duet_code.c " ]; then
	echo "ok - M292 is built only in capture-agent/printer/duet_code.c"
else
	echo "not ok - M292 appears in: $files"
fi
if grep -rn "M292 *P *1" capture-agent; then
	echo "not ok - a source spells M292 P1"
else
	echo "ok - no source spells M292 P1"
fi
if grep -q '"M292 P0 S%lu"' capture-agent/printer/duet_code.c; then
	echo "ok - the ack format is M292 P0 S<seq>"
else
	echo "not ok - the ack format changed"
fi
