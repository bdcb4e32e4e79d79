/*
 * window.h: where among the lines just read a block goes, when a better
 * place than the line that asked for it may follow.
 *
 * Two uses: smart mode holds a whole layer and remembers its cheapest
 * point; after a layer change comment the rewriter holds ("defers") the
 * lines that only retract, lift or comment, so the block goes after the
 * slicer's own retraction and lift instead of doubling them.  The bytes
 * wait in the copy's window hold (copy.h); the window only chooses the
 * point among them.
 *
 * Invariant: while the window is open the copy holds every byte since
 * window_open() or window_defer(); the best point is a mark of that hold
 * taken after a line, with the tracker's state there.  The fields are
 * window.c's: callers use the functions.
 */
#ifndef WINDOW_H
#define WINDOW_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/machine.h"
#include "write/copy.h"

struct window {
	struct copy *c;
	bool open;
	bool defer;		/* a short window: past the layer change */
	int deferred;		/* lines held so far */
	bool have_best;
	size_t best_off;	/* a mark of the copy's window hold */
	double best_cost;
	unsigned long best_line;
	struct machine best_m;
};

/* A closed window over the copy c. */
void window_init(struct window *, struct copy *c);

/* Start holding (smart mode: no point chosen yet). */
void window_open(struct window *);

/* Start a deferred block, best point at the start, in state m. */
void window_defer(struct window *, const struct machine *m,
    unsigned long line);

/* Inline: every line asks. */
static inline bool
window_is_open(const struct window *w)
{
	return w->open;
}

static inline bool
window_is_deferring(const struct window *w)
{
	return w->defer;
}

/*
 * A deferred block and the line just read (tracker events ev, state m):
 * does the block wait past this line?  Only so many lines in a row.
 */
bool window_defer_waits(struct window *, const struct machine *m, int ev);

/* The end of what is held is the best point so far, in state m. */
void window_mark(struct window *, const struct machine *m,
    unsigned long line);

/* Offer the end of what is held at cost c (< 0: not a candidate). */
void window_offer(struct window *, double c, const struct machine *m,
    unsigned long line);

/*
 * Stop holding and let the bytes before the best point go on; *m and
 * *line become the best point's, where the caller writes its block (left
 * as they are when there is none: the block goes after all of them).
 * Valid until the window opens again.  Returns whether there was one.
 */
bool window_split(struct window *, const struct machine **m,
    unsigned long *line);

/* After the block: the rest goes on, and the window is closed. */
void window_close(struct window *);

#endif
