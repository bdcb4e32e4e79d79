/* test_stabilize.c: park points, paths, clamping, areas. */
#include "t.h"

#include "plan/stabilize.h"

int
main(void)
{
	struct profile p;
	struct stabilize s;
	struct bed rect = { .set = true, .x0 = 0, .y0 = 0, .x1 = 200,
	    .y1 = 100 };
	struct bed circ = { .set = true, .circular = true, .cx = 0, .cy = 0,
	    .r = 50 };
	double here[2] = { 20, 30 }, pt[2];
	char err[128];

	profile_init(&p);
	stabilize_init(&s, p.axis, &rect);
	stabilize_point(&s, here, pt);
	T_EQ_DBL(pt[0], 200, 1e-9, "default park: X at 100%% of the bed");
	T_EQ_DBL(pt[1], 100, 1e-9, "default park: Y at 100%% of the bed");

	T_OK(profile_set(&p, "x", "path:10/20/30:pingpong", err,
	    sizeof err) == 0, "path with ping-pong parses");
	T_OK(profile_set(&p, "y", "disabled", err, sizeof err) == 0,
	    "disabled axis parses");
	stabilize_init(&s, p.axis, &rect);
	{
		double want[] = { 10, 20, 30, 20, 10, 20 };

		for (int i = 0; i < 6; i++) {
			stabilize_point(&s, here, pt);
			T_EQ_DBL(pt[0], want[i], 1e-9, "ping-pong step %d", i);
			T_EQ_DBL(pt[1], 30, 1e-9, "disabled Y stays at the "
			    "head's Y, step %d", i);
			stabilize_advance(&s);
		}
	}
	T_OK(profile_set(&p, "x", "path:10/20:loop", err, sizeof err) == 0,
	    "loop path parses");
	stabilize_init(&s, p.axis, &rect);
	stabilize_advance(&s);
	stabilize_advance(&s);
	stabilize_point(&s, here, pt);
	T_EQ_DBL(pt[0], 10, 1e-9, "loop wraps around");

	T_OK(profile_set(&p, "park", "500,-20", err, sizeof err) == 0,
	    "--park X,Y");
	stabilize_init(&s, p.axis, &rect);
	stabilize_point(&s, here, pt);
	T_EQ_DBL(pt[0], 200, 1e-9, "park clamped to the bed in X");
	T_EQ_DBL(pt[1], 0, 1e-9, "park clamped to the bed in Y");
	stabilize_init(&s, p.axis, &circ);
	stabilize_point(&s, here, pt);
	T_OK(stabilize_on_bed(&circ, pt[0], pt[1], 1e-9),
	    "park clamped onto a circular bed");
	T_EQ_DBL(hypot(pt[0], pt[1]), 50, 1e-9, "radially, to the rim");
	T_OK(!stabilize_on_bed(&circ, 40, 40, 0), "corner of the square "
	    "around a round bed is off the bed");

	{
		struct area a = { .circle = true, .cx = 10, .cy = 10, .r = 5 };
		struct area b = { .x0 = 0, .y0 = 0, .x1 = 10, .y1 = 10 };

		T_OK(stabilize_in_area(&a, 12, 12), "in a circle area");
		T_OK(!stabilize_in_area(&a, 16, 10), "outside a circle area");
		T_OK(stabilize_in_area(&b, 10, 0), "on a rectangle's edge");
		T_OK(!stabilize_in_area(&b, 10.1, 0), "outside a rectangle");
	}
	T_OK(profile_set(&p, "x", "150%", err, sizeof err) == -1,
	    "percentages above 100 refused");
	T_OK(profile_set(&p, "x", "percent:", err, sizeof err) == -1,
	    "percent: with no number refused (the fuzzer's underflow)");
	T_OK(profile_set(&p, "x", "%", err, sizeof err) == -1,
	    "a lone %% refused");
	T_OK(profile_set(&p, "bed", "10,10,5,5", err, sizeof err) == -1,
	    "an empty bed refused");
	T_OK(profile_set(&p, "nonsense", "1", err, sizeof err) == -1 &&
	    strstr(err, "no such setting") != NULL, "unknown setting named");
	return t_done();
}
