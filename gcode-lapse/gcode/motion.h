/*
 * motion.h: G0-G3 as the tracker's firmware runs them, for machine.c.
 *
 * A move's targets in the modes in force, its length (arcs too), and what
 * it does to the filament, the z-hop, the extents and the layers; the move
 * is left in m->last.  Returns the line's EV_* events.
 */
#ifndef MOTION_H
#define MOTION_H

#include <stdbool.h>
#include <stdint.h>

#include "gcode/gcode.h"
#include "gcode/machine.h"

int motion_move(struct machine *, const struct gcode_line *);

/*
 * The same for the move nearly every line is, which the caller has checked
 * for: G0/G1, every word one of X Y Z E F with a number (no {expression},
 * none too large), millimetres, a tool selected.
 */
int motion_plain(struct machine *, const struct gcode_line *);

/*
 * Letters without a value on a move or G92 ("G1 X"), as m->fw reads them:
 * the words to drop or to read as 0, with a warning, or false when m->fw
 * does not run the line.
 */
bool motion_valueless(struct machine *, const struct gcode_line *,
    uint32_t *drop, uint32_t *zero);

#endif
