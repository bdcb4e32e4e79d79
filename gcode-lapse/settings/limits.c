/*
 * limits.c: the table of sane ranges.
 *
 * The bounds are those of real printers with a margin, not of the
 * slicers' fields: a Bowden retraction is under 10 mm, a z-hop under
 * 2, a hobby machine's bed under a metre and its travel under 1000 mm/s.
 * What is past them is a typo or a hostile edit that would drive the
 * inserted moves into the frame or the bed, or stall the print.
 */
#include <math.h>
#include <stdio.h>

#include "errbuf.h"
#include "settings/limits.h"

static const struct limit limits[LIM_N] = {
	[LIM_RETRACT] = { "retraction", "mm", 0, 20 },
	[LIM_RETRACT_SPEED] = { "retraction speed", "mm/s", 0.5, 300 },
	[LIM_ZHOP] = { "z-hop", "mm", 0, 10 },
	[LIM_LIFT] = { "lift", "mm", 0, 50 },
	[LIM_TRAVEL_SPEED] = { "travel speed", "mm/s", 5, 1000 },
	[LIM_Z_SPEED] = { "Z speed", "mm/s", 0.5, 200 },
	[LIM_MAX_HEIGHT] = { "maximum height", "mm", 1, 2000 },
	[LIM_BED] = { "bed coordinate", "mm", -2000, 2000 },
	[LIM_LAYER_HEIGHT] = { "layer height", "mm", 0.01, 5 },
	[LIM_ACCEL] = { "acceleration", "mm/s^2", 10, 100000 },
	[LIM_FEEDRATE] = { "axis speed limit", "mm/s", 0.5, 2000 },
	[LIM_CAMERA_TIME] = { "camera time", "s", 0, 600 },
	[LIM_DWELL] = { "dwell", "ms", 0, 600000 },
	[LIM_FILAMENT] = { "filament diameter", "mm", 0.5, 5 },
	/* 1.75 mm filament at 0.4 x 0.2 mm is 0.033, 2.85 mm at 0.1 mm
	 * layers 0.005, a 1 mm vase wall 0.15: a wrong reading of E (an
	 * absolute file read as relative, or the reverse) is off by orders
	 * of magnitude */
	[LIM_E_PER_MM] = { "filament per mm of path", "mm/mm", 0.001, 2 },
};

const struct limit *
limit_get(enum limit_id id)
{
	return &limits[id];
}

bool
limit_ok(enum limit_id id, double v)
{
	return isfinite(v) && v >= limits[id].min && v <= limits[id].max;
}

int
limit_check(enum limit_id id, const char *name, const char *text, double v,
    char *err, size_t errlen)
{
	const struct limit *l = &limits[id];
	char num[32];

	if (limit_ok(id, v))
		return 0;
	if (text == NULL) {
		snprintf(num, sizeof num, "%.15g", v);
		text = num;
	}
	return errbuf_set(err, errlen, "%s = %s: out of range (%g to %g %s)",
	    name, text, l->min, l->max, l->unit);
}
