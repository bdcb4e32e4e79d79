/*
 * window.c: the held-back bytes and the best point among them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan/window.h"

#define EPS 1e-6

void
window_open(struct window *w)
{
	w->open = true;
	w->defer = false;
	w->len = 0;
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

int
window_hold(struct window *w, const char *s, size_t n)
{
	if (w->len + n > w->cap) {
		size_t cap = w->cap ? w->cap : 64 * 1024;
		char *b;

		while (cap < w->len + n)
			cap *= 2;
		if ((b = realloc(w->buf, cap)) == NULL)
			return -1;
		w->buf = b;
		w->cap = cap;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	return 0;
}

void
window_mark(struct window *w, const struct machine *m, unsigned long line)
{
	w->have_best = true;
	w->best_off = w->len;
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
window_defer_keeps(const struct machine *m, int ev)
{
	const struct machine_move *mv = &m->last;

	if (ev & EV_LAYER)
		return false;
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

void
window_close(struct window *w)
{
	w->open = false;
	w->defer = false;
}

void
window_free(struct window *w)
{
	free(w->buf);
	w->buf = NULL;
	w->len = w->cap = 0;
}
