/*
 * protocol.h: the contract between the two programs, in one place.
 *
 * gcode-lapse writes, and capture-agent reads, RepRapFirmware message
 * boxes whose text is exactly one of three messages, shown in mode 2
 * ("M291 P\"gLapseCapture\" S2"): the firmware blocks the job until the box
 * is acknowledged.  capture-agent acknowledges only those boxes, each by
 * its seq, with "M292 P0 S<seq>" (P0: the print goes on; P1 would cancel
 * it and is never sent).  gcode-lapse's additions to a file are delimited
 * by the begin and end comments, and a rewritten file ends with the
 * processed mark, so the verifier can take them out again and a second
 * run can see that the file was done.
 *
 * Invariant: a message is ours only when it equals one of these strings
 * exactly; both programs take them from here and from nowhere else.
 */
#ifndef PROTOCOL_H
#define PROTOCOL_H

#include <stdbool.h>
#include <string.h>

#define PROTO_MSG_INITIALIZE	"gLapseInitialize"	/* a print starts */
#define PROTO_MSG_CAPTURE	"gLapseCapture"		/* take a frame */
#define PROTO_MSG_FINISH	"gLapseFinish"		/* the print ended */

/* The message box mode that blocks the job until M292. */
#define PROTO_BOX_MODE		2

/* The G-code line that shows one of the messages (a string literal). */
#define PROTO_DUET_LINE(msg)	"M291 P\"" msg "\" S2"

/* The acknowledgement of the box with seq %lu. */
#define PROTO_ACK_FORMAT	"M292 P0 S%lu"

/* What gcode-lapse's added lines start with, and its last line: the
 * processed mark with the count of snapshots. */
#define PROTO_BEGIN		"; gcode-lapse begin"
#define PROTO_END		"; gcode-lapse end"
#define PROTO_PROCESSED		"; processed by gcode-lapse"
#define PROTO_PROCESSED_FORMAT	PROTO_PROCESSED " (%zu snapshots)"

enum proto_message {
	PROTO_NONE,		/* not ours: never acknowledged */
	PROTO_INITIALIZE,
	PROTO_CAPTURE,
	PROTO_FINISH,
};

/* Which of our messages a box's text is, exactly, or PROTO_NONE. */
static inline enum proto_message
proto_message(const char *text)
{
	if (strcmp(text, PROTO_MSG_INITIALIZE) == 0)
		return PROTO_INITIALIZE;
	if (strcmp(text, PROTO_MSG_CAPTURE) == 0)
		return PROTO_CAPTURE;
	if (strcmp(text, PROTO_MSG_FINISH) == 0)
		return PROTO_FINISH;
	return PROTO_NONE;
}

/* Does the line (len bytes, no terminator) start with prefix? */
static inline bool
proto_starts(const char *text, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(text, prefix, n) == 0;
}

#endif
