/*
 * stabilize.c: park points.
 *
 * Invariant: stabilize_point() never returns a point off the bed.
 */
#include <math.h>
#include <string.h>

#include "plan/stabilize.h"

void
stabilize_init(struct stabilize *s, const struct axis_plan axis[2],
    const struct bed *bed)
{
	memset(s, 0, sizeof *s);
	memcpy(s->axis, axis, sizeof s->axis);
	s->bed = *bed;
}

static double
path_value(const struct axis_plan *ax, unsigned long step)
{
	unsigned long n = (unsigned long)ax->npath, k;

	if (n == 1)
		return ax->path[0];
	if (!ax->pingpong)
		return ax->path[step % n];
	k = step % (2 * n - 2);
	return ax->path[k < n ? k : 2 * n - 2 - k];
}

void
stabilize_point(const struct stabilize *s, const double here[2],
    double park[2])
{
	for (int i = 0; i < 2; i++) {
		const struct axis_plan *ax = &s->axis[i];
		double lo = i == 0 ? s->bed.x0 : s->bed.y0;
		double hi = i == 0 ? s->bed.x1 : s->bed.y1;

		switch (ax->mode) {
		case AXIS_FIXED:
			park[i] = ax->v;
			break;
		case AXIS_PERCENT:
			park[i] = lo + (hi - lo) * ax->v / 100;
			break;
		case AXIS_PATH:
			park[i] = path_value(ax, s->step);
			break;
		case AXIS_DISABLED:
			park[i] = here[i];
			break;
		}
	}
	stabilize_clamp(&s->bed, park);
}

void
stabilize_advance(struct stabilize *s)
{
	s->step++;
}

void
stabilize_clamp(const struct bed *b, double xy[2])
{
	if (!b->set)
		return;
	if (b->circular) {
		double dx = xy[0] - b->cx, dy = xy[1] - b->cy;
		double d = hypot(dx, dy);

		if (d > b->r) {
			xy[0] = b->cx + dx * b->r / d;
			xy[1] = b->cy + dy * b->r / d;
		}
		return;
	}
	xy[0] = fmin(fmax(xy[0], b->x0), b->x1);
	xy[1] = fmin(fmax(xy[1], b->y0), b->y1);
}

bool
stabilize_on_bed(const struct bed *b, double x, double y, double eps)
{
	if (!b->set)
		return true;
	if (b->circular)
		return hypot(x - b->cx, y - b->cy) <= b->r + eps;
	return x >= b->x0 - eps && x <= b->x1 + eps && y >= b->y0 - eps &&
	    y <= b->y1 + eps;
}

bool
stabilize_in_area(const struct area *a, double x, double y)
{
	if (a->circle)
		return hypot(x - a->cx, y - a->cy) <= a->r;
	return x >= a->x0 && x <= a->x1 && y >= a->y0 && y <= a->y1;
}
