/*
 * finale.h: the end of the print, where the final snapshot goes.
 *
 * After the print's last extrusion no layer change comes to ask for a
 * snapshot of the finished last layer.  The bytes after each extrusion's
 * following move are held in the tail with the state there; the next
 * extrusion lets them go.  At the slicer's end G-code, or at the end of
 * the file, the rewriter puts the final snapshot at the tail's start.
 *
 * Invariant: the tail holds exactly the bytes since the first move after
 * the last extrusion, in order, and its best point is their start; while
 * it is closed it holds nothing, except from finale_at_end() to
 * finale_release().  The buffer is the finale's own.
 */
#ifndef FINALE_H
#define FINALE_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/gcode.h"
#include "gcode/machine.h"
#include "plan/window.h"
#include "write/output.h"

struct finale {
	bool wanted;		/* the final snapshot: not placed yet */
	bool extruded_last;	/* the last move extruded */
	struct window tail;	/* bytes since the move after it */
};

void finale_init(struct finale *, bool wanted);

/* Is this line the start of the slicer's end G-code? */
bool finale_is_end_gcode(const struct gcode_line *);

/* Is the tail holding bytes back? */
bool finale_holding(const struct finale *);

/* Hold n bytes in the tail.  Returns 0, or -1: out of memory. */
int finale_hold(struct finale *, const char *, size_t);

/*
 * Follow a move in state m at line: an extrusion releases the tail, the
 * move after one opens it (unless the window is holding bytes).
 */
void finale_follow(struct finale *, const struct machine *m,
    unsigned long line, bool window_holding, struct output *);

/* The print goes on: the tail goes out as it is, and is closed. */
void finale_release(struct finale *, struct output *);

/*
 * At the end of the file (last_nl: the last byte was '\n'): does the
 * tail end it?  Then the tail is closed with its bytes kept, and the
 * final snapshot goes in *m after *line, before finale_release() writes
 * them.  Else the tail is released and the block goes at the end.
 */
bool finale_at_end(struct finale *, bool last_nl, struct output *,
    const struct machine **m, unsigned long *line);

void finale_free(struct finale *);

#endif
