/*
 * marker.h: the lines that ask for a frame, in every dialect gcode-lapse
 * writes.
 *
 * Duet (RepRapFirmware message boxes, the lines from protocol.h, with the
 * initialize and finish lines around the print), Klipper's
 * TIMELAPSE_TAKE_FRAME (moonraker-timelapse), Marlin's M240 and
 * Octolapse's @OCTOLAPSE TAKE-SNAPSHOT for OctoPrint.  The
 * writer takes a dialect's line from here and the verifier recognises
 * every dialect's lines from here.
 *
 * Invariant: one table holds every marker line; nothing else spells one.
 */
#ifndef MARKER_H
#define MARKER_H

#include <stdbool.h>
#include <stddef.h>

#include "settings/profile.h"

/*
 * The capture line of a dialect (no newline), or NULL for MARK_CUSTOM,
 * whose line is the profile's marker_line.
 */
const char *marker_capture(enum marker_dialect);

/*
 * Is text (len bytes, without the blanks around it) a marker line of any
 * dialect, or the custom line (NULL: none)?  *capture says whether it asks
 * for a frame (else it is Duet's initialize or finish).
 */
bool marker_is(const char *text, size_t len, const char *custom,
    bool *capture);

#endif
