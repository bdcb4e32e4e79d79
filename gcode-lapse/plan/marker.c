/*
 * marker.c: the table of marker lines.
 *
 * Each is what a real program acts on: capture-agent the Duet message
 * boxes (protocol.h), moonraker-timelapse's TIMELAPSE_TAKE_FRAME macro,
 * Marlin's M240 (PHOTO_GCODE), Octolapse's "@OCTOLAPSE TAKE-SNAPSHOT"
 * (its snapshot command: OctoPrint never sends it to the printer).
 */
#include <string.h>

#include "protocol.h"
#include "plan/marker.h"

static const struct {
	enum marker_dialect dialect;
	const char *line;
	bool capture;		/* else the start or the end of the print */
} markers[] = {
	{ MARK_DUET, PROTO_DUET_LINE(PROTO_MSG_CAPTURE), true },
	{ MARK_KLIPPER, "TIMELAPSE_TAKE_FRAME", true },
	{ MARK_MARLIN, "M240", true },
	{ MARK_OCTOPRINT, "@OCTOLAPSE TAKE-SNAPSHOT", true },
	{ MARK_DUET, PROTO_DUET_LINE(PROTO_MSG_INITIALIZE), false },
	{ MARK_DUET, PROTO_DUET_LINE(PROTO_MSG_FINISH), false },
};

#define NMARKERS (sizeof markers / sizeof markers[0])

const char *
marker_capture(enum marker_dialect d)
{
	for (size_t i = 0; i < NMARKERS; i++)
		if (markers[i].dialect == d && markers[i].capture)
			return markers[i].line;
	return NULL;
}

/* Is the text exactly s? */
static bool
is_line(const char *t, size_t n, const char *s)
{
	return n == strlen(s) && memcmp(t, s, n) == 0;
}

bool
marker_is(const char *text, size_t len, const char *custom, bool *capture)
{
	*capture = true;
	if (custom != NULL && is_line(text, len, custom))
		return true;
	for (size_t i = 0; i < NMARKERS; i++)
		if (is_line(text, len, markers[i].line)) {
			*capture = markers[i].capture;
			return true;
		}
	*capture = false;
	return false;
}
