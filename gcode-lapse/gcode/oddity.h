/*
 * oddity.h: what the tracker says about a line that is odd but the same
 * for every firmware the file may be for: a word a firmware reads in its
 * own way (a blank before a value, a decimal comma, a parenthesis...),
 * a line a firmware does not run (and Klipper's error, which stops a print
 * from its SD card), junk no firmware makes sense of.  Only warnings: what
 * the line does is machine.c's.  (Lines the firmwares read apart are
 * dispute.c's.)
 */
#ifndef ODDITY_H
#define ODDITY_H

#include <stdbool.h>

#include "gcode/gcode.h"
#include "gcode/machine.h"

/* Whether the tracker reads this command's words (so their oddities
 * matter and are warned). */
bool	oddity_followed(const struct gcode_line *);

/* The warnings for the rules in odd (the reading rules the line touched),
 * or for the line not being run at all (gl->reject). */
void	oddity_note(struct machine *, const struct gcode_line *,
	    unsigned long odd);

/* The warnings for junk, an unterminated string or a number too large. */
void	oddity_junk(struct machine *, const struct gcode_line *);

#endif
