/*
 * estimate.c: trapezoids and corners, a block at a time.
 *
 * estimate_move() only stores the move.  reckon() takes the queued moves
 * but the last through three passes: each move's direction and
 * acceleration (the Z axis's limit applied), the speed allowed through
 * each corner, and each trapezoid's time.  Every pass computes both sides
 * of what the old one-move-at-a-time code branched on and selects, so the
 * compiler can pipeline the divisions and roots of many moves instead of
 * waiting on each.
 */
#include <math.h>
#include <string.h>

#include "plan/estimate.h"

#define DEFAULT_ACCEL 1000.0
#define DEFAULT_ACCEL_Z 200.0
#define DEFAULT_ACCEL_E 5000.0
#define DEFAULT_DEVIATION 0.013		/* Marlin 2's default, mm */
#define MIN_JUNCTION 0.0		/* a full reversal stops */

enum { K_LINE, K_ARC, K_FILAMENT };

/* fmin/fmax handle NaN, which costs a call; speeds here are never NaN. */
static inline double
min2(double a, double b)
{
	return a < b ? a : b;
}

static inline double
max0(double a)
{
	return a > 0 ? a : 0;
}

/*
 * a where c holds, else b, by arithmetic: the compiler keeps a branch for
 * "c ? a : b" on doubles, and these conditions change from move to move.
 * a and b are finite, so the products are exact.
 */
static inline double
pick(int c, double a, double b)
{
	double k = c;

	return k * a + (1 - k) * b;
}

void
estimate_init(struct estimate *e, double accel, double accel_z,
    double accel_e)
{
	memset(e, 0, sizeof *e);
	e->accel_print = e->accel_travel = accel > 0 ? accel : DEFAULT_ACCEL;
	e->accel_z = accel_z > 0 ? accel_z : DEFAULT_ACCEL_Z;
	e->accel_e = accel_e > 0 ? accel_e : DEFAULT_ACCEL_E;
	e->deviation = DEFAULT_DEVIATION;
}

void
estimate_line(struct estimate *e, const struct gcode_line *gl)
{
	if (gl->kind != GCODE_CODE)
		return;
	if (gl->letter == 'M' && gl->code == 204) {
		/* M204 S (both), P (printing), T (travel, Marlin) */
		if (gcode_has_value(gl, 'S') && gcode_value(gl, 'S') > 0)
			e->accel_print = e->accel_travel =
			    gcode_value(gl, 'S');
		if (gcode_has_value(gl, 'P') && gcode_value(gl, 'P') > 0)
			e->accel_print = gcode_value(gl, 'P');
		if (gcode_has_value(gl, 'T') && gcode_value(gl, 'T') > 0)
			e->accel_travel = gcode_value(gl, 'T');
	} else if (gl->letter == 'G' && gl->code == 4) {
		if (gcode_has_value(gl, 'P') && gcode_value(gl, 'P') > 0)
			e->done_s += gcode_value(gl, 'P') / 1000;
		else if (gcode_has_value(gl, 'S') && gcode_value(gl, 'S') > 0)
			e->done_s += gcode_value(gl, 'S');
	}
}

/*
 * Time of a trapezoid of length len at cruise v (1/v: iv) and acceleration
 * a (1/a: ia) from v0 to v1: 0 for nothing to move.  Both cases (cruising,
 * or only a peak) are computed and one is taken, so that no branch waits
 * on the numbers; the speeds that cannot be reached are rare, and
 * branched on.
 */
static inline double
trapezoid(double len, double v, double iv, double a, double ia, double v0,
    double v1)
{
	double l2 = 2 * a * len, da, dd, vp, cruise, peak;

	if (!(len > 0) || !(v > 0))
		return 0;
	/* Cannot reach v1 from v0 within len: cap the exit, then the
	 * entry. */
	if (v1 * v1 > v0 * v0 + l2)
		v1 = sqrt(v0 * v0 + l2);
	if (v0 * v0 > v1 * v1 + l2)
		v0 = sqrt(v1 * v1 + l2);
	da = (v * v - v0 * v0) * 0.5 * ia;
	dd = (v * v - v1 * v1) * 0.5 * ia;
	cruise = (2 * v - v0 - v1) * ia + (len - da - dd) * iv;
	vp = min2(sqrt((l2 + v0 * v0 + v1 * v1) * 0.5), v);
	peak = (max0(vp - v0) + max0(vp - v1)) * ia;
	return pick(da + dd <= len, cruise, peak);
}

double
estimate_isolated(double length, double feed_mm_min, double accel)
{
	double a = accel > 0 ? accel : DEFAULT_ACCEL, v = feed_mm_min / 60;

	return trapezoid(length, v, 1 / v, a, 1 / a, 0, 0);
}

/* The acceleration of move i: its own, the Z axis's limit, E's. */
static inline double
move_accel(const struct estimate *e, int i, double uz)
{
	if (e->q.kind[i] == K_FILAMENT)
		return e->accel_e;
	/* rare: only moves along Z */
	if (uz > 1e-9 && e->accel_z < e->q.a[i] * uz)
		return e->accel_z / uz;
	return e->q.a[i];
}

/*
 * The moves queued but the last: their times into done_s; the last becomes
 * the first of the queue.
 */
static void
reckon(struct estimate *e)
{
	double u[4][ESTIMATE_BLOCK], a[ESTIMATE_BLOCK], ia[ESTIMATE_BLOCK];
	double vj[ESTIMATE_BLOCK], sum = 0, dev = e->deviation;
	int n = e->n, last = n - 1;

	if (n < 2)
		return;
	/* 1. directions, and the Z axis's limit on the acceleration */
	for (int i = 0; i < n; i++) {
		double inv = e->q.kind[i] == K_LINE ? 1 / e->q.len[i] : 1;

		for (int k = 0; k < 4; k++)
			u[k][i] = e->q.d[k][i] * inv;
		a[i] = move_accel(e, i, fabs(u[2][i]));
	}
	for (int i = 0; i < n; i++)
		ia[i] = 1 / a[i];
	/* 2. the speed through the corner before each move (the rare
	 * cases, branched on, are well predicted) */
	vj[0] = e->v_entry;
	for (int i = 1; i < n; i++) {
		double c = -(u[0][i - 1] * u[0][i] + u[1][i - 1] * u[1][i] +
		    u[2][i - 1] * u[2][i] + u[3][i - 1] * u[3][i]);
		double vmax = min2(e->q.v[i - 1], e->q.v[i]), s;

		if (e->q.kind[i] == K_FILAMENT)
			vj[i] = 0;
		else if (e->q.kind[i] == K_ARC)
			vj[i] = vmax;
		else if (c > 0.999999)
			vj[i] = MIN_JUNCTION;	/* a full reversal */
		else if ((s = sqrt(0.5 * (1 - c))) > 0.999)
			vj[i] = vmax;		/* straight on */
		else
			vj[i] = min2(sqrt(a[i] * dev * s / (1 - s)), vmax);
	}
	/* 3. the trapezoids, each from its corner to the next */
	for (int i = 0; i < last; i++)
		sum += trapezoid(e->q.len[i], e->q.v[i], e->q.inv_v[i], a[i],
		    ia[i], vj[i], vj[i + 1]);
	e->done_s += sum;
	e->v_entry = vj[last];
	e->q.len[0] = e->q.len[last];
	for (int k = 0; k < 4; k++)
		e->q.d[k][0] = e->q.d[k][last];
	e->q.v[0] = e->q.v[last];
	e->q.inv_v[0] = e->q.inv_v[last];
	e->q.a[0] = e->q.a[last];
	e->q.kind[0] = e->q.kind[last];
	e->n = 1;
}

void
estimate_move(struct estimate *e, const struct machine_move *mv)
{
	int i;

	if (mv->kind == MOVE_NONE || mv->feed <= 0)
		return;
	if (e->n == ESTIMATE_BLOCK)
		reckon(e);
	i = e->n++;
	if (e->n == 1)
		e->v_entry = 0;		/* from rest */
	if (mv->feed != e->feed) {	/* feed rates change seldom */
		e->feed = mv->feed;
		e->inv_v = 60 / mv->feed;
	}
	e->q.v[i] = mv->feed / 60;
	e->q.inv_v[i] = e->inv_v;
	e->q.a[i] = mv->kind == MOVE_TRAVEL ? e->accel_travel :
	    e->accel_print;
	if (mv->moved && mv->known && !mv->arc) {
		e->q.kind[i] = K_LINE;
		e->q.len[i] = mv->length;
		for (int k = 0; k < 3; k++)
			e->q.d[k][i] = mv->to[k] - mv->from[k];
		e->q.d[3][i] = 0;
	} else if (mv->moved) {
		/* arcs, unknown ends: a curve, no corner model */
		e->q.kind[i] = mv->arc ? K_ARC : K_LINE;
		e->q.len[i] = mv->length;
		for (int k = 0; k < 4; k++)
			e->q.d[k][i] = 0;
	} else {
		e->q.kind[i] = K_FILAMENT;
		e->q.len[i] = fabs(mv->de);
		for (int k = 0; k < 3; k++)
			e->q.d[k][i] = 0;
		e->q.d[3][i] = mv->de > 0 ? 1 : -1;
	}
}

double
estimate_total(struct estimate *e)
{
	double a, uz;
	int i;

	reckon(e);
	if (e->n == 0)
		return e->done_s;
	/* the last move, ending at rest */
	i = e->n - 1;
	uz = e->q.kind[i] == K_LINE && e->q.len[i] > 0 ?
	    fabs(e->q.d[2][i] / e->q.len[i]) : 0;
	a = move_accel(e, i, uz);
	return e->done_s + trapezoid(e->q.len[i], e->q.v[i], e->q.inv_v[i],
	    a, 1 / a, e->v_entry, 0);
}
