/*
 * dryrun.h: --test-mode, the file made safe to run on a cold printer.
 *
 * As Octolapse's test mode: every XYZ move, feed rate, tool change and
 * inserted block stays; heating (M104 M109 M140 M190 M141 M191 M568 M116,
 * RepRapFirmware's G10 P.. S.. R.. tool temperatures, Klipper's
 * SET_HEATER_TEMPERATURE and TEMPERATURE_WAIT), fans (M106 becomes off,
 * SET_FAN_SPEED is dropped) and extrusion (E words on G0-G3, moves that
 * only extrude or retract, firmware retraction G10/G11) go.  A dropped
 * line becomes a comment "; test-mode: <the line>", so line numbers and
 * what was there stay visible; a retraction that also set F keeps its F.
 *
 * Invariant: a line is either kept byte for byte or replaced by one line
 * that moves the head exactly as the original did (same XYZ, same feed
 * rate in force afterwards) and neither heats, extrudes nor spins a fan.
 */
#ifndef DRYRUN_H
#define DRYRUN_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/gcode.h"

/* Longest replacement: the text plus the "; test-mode: " prefix. */
#define DRYRUN_PREFIX "; test-mode: "

/*
 * A dry run's last line, in place of the processed mark: a dry run is
 * not a processed file, and is never rewritten (its lines are no longer
 * the print's).  The notice's first line tells one too.
 */
#define DRYRUN_MARK "; dry run by gcode-lapse --test-mode, not for printing"
#define DRYRUN_BEGIN "; gcode-lapse begin test-mode"

/* The comment block put before the first command of a dry-run file. */
#define DRYRUN_NOTICE DRYRUN_BEGIN "\n" \
	"; TEST MODE: a dry run to rehearse the snapshot moves on a cold\n" \
	"; printer.  Heating, extrusion and fans are removed: do not print\n" \
	"; with this file.\n" \
	"; gcode-lapse end\n"

/*
 * Line text (no terminator) and its parse: false to keep it, true with
 * the replacement in out (*outlen bytes, no terminator).  out must hold
 * len + sizeof DRYRUN_PREFIX bytes.
 */
bool dryrun_line(const struct gcode_line *gl, const char *text, size_t len,
    char *out, size_t *outlen);

#endif
