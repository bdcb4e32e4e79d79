/*
 * dispute.h: a line the candidate firmwares read apart.
 *
 * When a file could be for several firmwares (it names none, or a name
 * several share: "marlin" is Marlin 1 and 2) and a line touches a rule on
 * which they differ (dialect.h), the line is followed once for each group
 * of firmwares that agree on those rules, each from the state before it.
 * What all groups end with is kept; what they end with apart (an axis, E,
 * the feed rate, a mode, the tool, the filament) is marked unknown in the
 * tracker until the file sets it again, and one warning says how each
 * firmware reads the line.  The tracker's own figures (moves, filament
 * totals, layers) follow the first candidate.
 */
#ifndef DISPUTE_H
#define DISPUTE_H

#include "gcode/gcode.h"
#include "gcode/machine.h"

/*
 * The rules (1 << rule) the line touches: how it splits (its odd) and
 * what its command means in m's state (E after G91, a bare G92, a tool
 * change...).
 */
unsigned long dispute_rules(const struct machine *m,
    const struct gcode_line *gl);

/*
 * Follow gl (parsed as m->reading splits it) on every candidate; rules:
 * the disputed rules the line touches.  Returns the events of the line:
 * EV_MOVE only when the followed candidate moves, so that m->last is the
 * move it reports (where another moves the head is unknown, not a move).
 */
int dispute_feed(struct machine *m, const struct gcode_line *gl,
    unsigned long rules);

#endif
