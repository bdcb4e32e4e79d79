/*
 * window.h: the lines held back while the rewriter looks for a better
 * place for a snapshot than the line that asked for it.
 *
 * Two uses: smart mode holds a whole layer and remembers its cheapest
 * point; after a layer change comment the rewriter holds ("defers") the
 * lines that only retract, lift or comment, so the block goes after the
 * slicer's own retraction and lift instead of doubling them.
 *
 * Invariant: the held bytes are exactly the input's since window_open()
 * (plus blocks the rewriter put there), in order; best_off is a line
 * boundary inside them and best_m the tracker's state at that boundary.
 * The buffer is the window's own and grows to one layer at most.
 */
#ifndef WINDOW_H
#define WINDOW_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/machine.h"

#define WINDOW_DEFER_MAX 64	/* lines a deferred block may wait */

struct window {
	bool open;
	bool defer;		/* a short window: past the layer change */
	int deferred;		/* lines held so far */
	char *buf;
	size_t len, cap;
	bool have_best;
	size_t best_off;
	double best_cost;
	unsigned long best_line;
	struct machine best_m;
};

/* Start holding (smart mode: no point chosen yet). */
void window_open(struct window *);

/* Start a deferred block, best point at the start, in state m. */
void window_defer(struct window *, const struct machine *m,
    unsigned long line);

/* Hold n bytes.  Returns 0, or -1: out of memory. */
int window_hold(struct window *, const char *, size_t);

/* The held bytes' end is the best point so far, in state m. */
void window_mark(struct window *, const struct machine *m,
    unsigned long line);

/* Offer the end of the held bytes at cost c (< 0: not a candidate). */
void window_offer(struct window *, double c, const struct machine *m,
    unsigned long line);

/* Does this line (tracker events ev) keep a deferred block waiting? */
bool window_defer_keeps(const struct machine *m, int ev);

/* Stop holding; the caller writes buf[0..best_off), its block, the rest. */
void window_close(struct window *);

void window_free(struct window *);

#endif
