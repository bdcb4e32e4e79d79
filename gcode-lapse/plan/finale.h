/*
 * finale.h: the end of the print, where the final snapshot goes.
 *
 * After the print's last extrusion no layer change comes to ask for a
 * snapshot of the finished last layer.  From the first move after each
 * extrusion on, the bytes wait in the copy's tail hold (copy.h), and the
 * finale keeps the tracker's state at their start; the next extrusion
 * lets them go.  At the slicer's end G-code, or at the end of the file,
 * the rewriter puts the final snapshot at the tail's start.
 *
 * Invariant: while the tail holds, it holds exactly the bytes since the
 * first move after the last extrusion, in order, and the finale's state
 * is the tracker's at their start.  The fields are finale.c's: callers
 * use the functions.
 */
#ifndef FINALE_H
#define FINALE_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/gcode.h"
#include "gcode/machine.h"
#include "write/copy.h"

struct finale {
	struct copy *c;
	bool wanted;		/* the final snapshot: not placed yet */
	bool extruded_last;	/* the last move extruded */
	unsigned long line;	/* the tail starts after this line */
	struct machine at;	/* in this state */
};

/* Over the copy c; wanted: a final snapshot is to be placed. */
void finale_init(struct finale *, struct copy *c, bool wanted);

/* Is the final snapshot still to be placed?  (Inline: asked per move.) */
static inline bool
finale_wanted(const struct finale *f)
{
	return f->wanted;
}

/* The final snapshot is placed, or will not be: stop looking. */
void finale_done(struct finale *);

/* Is this line the start of the slicer's end G-code? */
bool finale_is_end_gcode(const struct gcode_line *);

/*
 * Follow a move in state m at line: an extrusion lets the tail go, the
 * move after one starts it (unless the copy's window is holding).
 */
void finale_follow(struct finale *, const struct machine *m,
    unsigned long line);

/* The print goes on: the tail's bytes go on through the copy. */
void finale_release(struct finale *);

/*
 * At the end of the file: does the tail end it?  Then the tail stops
 * holding with its bytes kept, and the final snapshot goes in *m after
 * *line, before finale_release() lets them go.  Else the tail is released
 * and the block goes at the end.
 */
bool finale_at_end(struct finale *, const struct machine **m,
    unsigned long *line);

#endif
