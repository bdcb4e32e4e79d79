/*
 * estimate.c: trapezoids and corners.
 */
#include <math.h>
#include <string.h>

#include "plan/estimate.h"

#define DEFAULT_ACCEL 1000.0
#define DEFAULT_ACCEL_Z 200.0
#define DEFAULT_ACCEL_E 5000.0
#define DEFAULT_DEVIATION 0.013		/* Marlin 2's default, mm */
#define MIN_JUNCTION 0.0		/* a full reversal stops */

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

/* Time of a trapezoid of length len at cruise v from v0 to v1. */
static double
trapezoid(double len, double v, double a, double v0, double v1)
{
	double da, dd, vp;

	if (len <= 0 || v <= 0)
		return 0;
	/* Cannot reach v1 from v0 within len: cap the exit. */
	if (v1 * v1 > v0 * v0 + 2 * a * len)
		v1 = sqrt(v0 * v0 + 2 * a * len);
	if (v0 * v0 > v1 * v1 + 2 * a * len)
		v0 = sqrt(v1 * v1 + 2 * a * len);
	da = (v * v - v0 * v0) / (2 * a);
	dd = (v * v - v1 * v1) / (2 * a);
	if (da + dd <= len)
		return (2 * v - v0 - v1) / a + (len - da - dd) / v;
	vp = sqrt((2 * a * len + v0 * v0 + v1 * v1) / 2);
	if (vp > v)
		vp = v;
	return (max0(vp - v0) + max0(vp - v1)) / a;
}

double
estimate_isolated(double length, double feed_mm_min, double accel)
{
	return trapezoid(length, feed_mm_min / 60,
	    accel > 0 ? accel : DEFAULT_ACCEL, 0, 0);
}

/* Speed allowed through the corner between the pending move and u. */
static double
junction(const struct estimate *e, const double *u, double v, double a)
{
	double cos_theta = 0, sin_half, vj;

	for (int i = 0; i < 4; i++)
		cos_theta -= e->pend.u[i] * u[i];
	if (cos_theta > 0.999999)
		return MIN_JUNCTION;
	sin_half = sqrt(0.5 * (1 - cos_theta));
	if (sin_half > 0.999)
		return min2(e->pend.v, v);
	vj = sqrt(a * e->deviation * sin_half / (1 - sin_half));
	return min2(vj, min2(e->pend.v, v));
}

static void
finish_pending(struct estimate *e, double v_exit)
{
	if (e->pending)
		e->done_s += trapezoid(e->pend.len, e->pend.v, e->pend.a,
		    e->pend.v_entry, v_exit);
	e->pending = false;
}

void
estimate_move(struct estimate *e, const struct machine_move *mv)
{
	double u[4] = { 0, 0, 0, 0 }, len, v, a, vj = 0;
	bool xyz = mv->moved;

	if (mv->kind == MOVE_NONE || mv->feed <= 0)
		return;
	if (xyz && mv->known && !mv->arc) {
		len = mv->length;
		for (int i = 0; i < 3; i++)
			u[i] = (mv->to[i] - mv->from[i]) / len;
	} else if (xyz) {
		len = mv->length;	/* arcs: a curve, no corner model */
	} else {
		len = fabs(mv->de);	/* filament only */
		u[3] = mv->de > 0 ? 1 : -1;
	}
	v = mv->feed / 60;
	a = mv->kind == MOVE_TRAVEL ? e->accel_travel : e->accel_print;
	/* Firmware caps each axis: a slow Z makes every hop cost. */
	if (fabs(u[2]) > 1e-9 && e->accel_z / fabs(u[2]) < a)
		a = e->accel_z / fabs(u[2]);
	if (!xyz)
		a = e->accel_e;
	if (e->pending && xyz && !mv->arc)
		vj = junction(e, u, v, a);
	else if (e->pending && mv->arc)
		vj = min2(e->pend.v, v);
	finish_pending(e, vj);
	e->pending = true;
	e->pend.len = len;
	e->pend.v = v;
	e->pend.a = a;
	e->pend.v_entry = vj;
	memcpy(e->pend.u, u, sizeof u);
}

double
estimate_total(const struct estimate *e)
{
	return e->done_s + (e->pending ? trapezoid(e->pend.len, e->pend.v,
	    e->pend.a, e->pend.v_entry, 0) : 0);
}
