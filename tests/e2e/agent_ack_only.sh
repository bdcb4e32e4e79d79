#!/bin/sh
# runs-once
# The agent's code can only ever send M292 P0 S<seq>: the acknowledgement
# is spelled once, in common/protocol.h, used only by
# capture-agent/printer/duet_code.c, and no source spells "M292 P1".
cd "$GL_TOP" || exit 1
files=$(grep -rl "M292" capture-agent common gcode-lapse --include="*.c" \
    --include="*.cpp" | tr '\n' ' ')
if [ -z "$files" ] && grep -q M292 common/protocol.h; then
	echo "ok - M292 is spelled in no .c file, only in common/protocol.h"
else
	echo "not ok - M292 appears in: $files"
fi
users=$(grep -rl "PROTO_ACK_FORMAT" capture-agent gcode-lapse | tr '\n' ' ')
if [ "$users" = "capture-agent/printer/duet_code.c " ]; then
	echo "ok - only capture-agent/printer/duet_code.c builds the ack"
else
	echo "not ok - the ack is built in: $users"
fi
if grep -rn "M292 *P *1" capture-agent common gcode-lapse; then
	echo "not ok - a source spells M292 P1"
else
	echo "ok - no source spells M292 P1"
fi
if grep -q '#define PROTO_ACK_FORMAT	"M292 P0 S%lu"' common/protocol.h; then
	echo "ok - the ack format is M292 P0 S<seq>"
else
	echo "not ok - the ack format changed"
fi
