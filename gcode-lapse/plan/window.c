/*
 * window.c: the best point among the held lines.
 */
#include <math.h>
#include <string.h>

#include "plan/window.h"

#define EPS 1e-6
#define DEFER_MAX 64	/* lines a deferred block may wait */

void
window_init(struct window *w, struct copy *c)
{
	memset(w, 0, sizeof *w);
	w->c = c;
}

void
window_open(struct window *w)
{
	(void)copy_hold(w->c, COPY_WINDOW);	/* the inner one: it opens */
	w->open = true;
	w->defer = false;
	w->have_best = false;
}

void
window_defer(struct window *w, const struct machine *m, unsigned long line)
{
	window_open(w);
	w->defer = true;
	w->deferred = 0;
	window_mark(w, m, line);
}

/* Lines that only retract, lift or say something keep the block waiting. */
static bool
only_prepares(const struct machine *m, int ev)
{
	const struct machine_move *mv = &m->last;

	if (ev & (EV_LAYER | EV_TOOL))
		return false;	/* a tool change may move the head: before */
	if (!(ev & EV_MOVE))
		return true;
	if (mv->kind == MOVE_RETRACT && mv->length < EPS)
		return true;
	if (mv->kind == MOVE_FW_RETRACT)
		return true;
	return mv->kind == MOVE_TRAVEL && mv->known &&
	    fabs(mv->to[AX_X] - mv->from[AX_X]) < EPS &&
	    fabs(mv->to[AX_Y] - mv->from[AX_Y]) < EPS &&
	    mv->to[AX_Z] > mv->from[AX_Z];
}

bool
window_defer_waits(struct window *w, const struct machine *m, int ev)
{
	return only_prepares(m, ev) && w->deferred++ < DEFER_MAX;
}

void
window_mark(struct window *w, const struct machine *m, unsigned long line)
{
	w->have_best = true;
	w->best_off = copy_held(w->c, COPY_WINDOW);
	w->best_line = line;
	w->best_m = *m;
}

void
window_offer(struct window *w, double c, const struct machine *m,
    unsigned long line)
{
	if (c < 0 || (w->have_best && c >= w->best_cost))
		return;
	window_mark(w, m, line);
	w->best_cost = c;
}

bool
window_split(struct window *w, const struct machine **m,
    unsigned long *line)
{
	w->open = false;
	w->defer = false;
	if (!w->have_best) {
		copy_release(w->c, COPY_WINDOW, COPY_ALL);
		return false;
	}
	copy_release(w->c, COPY_WINDOW, w->best_off);
	*m = &w->best_m;
	*line = w->best_line;
	return true;
}

void
window_close(struct window *w)
{
	copy_release(w->c, COPY_WINDOW, COPY_ALL);
}
