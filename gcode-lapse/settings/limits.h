/*
 * limits.h: the sane range of every setting that drives an inserted
 * block, in one table.
 *
 * A value read from a file's comments, from a profile or from the
 * command line is used only when it lies in its range; the verifier
 * checks the blocks of a rewritten file against the same numbers, so a
 * setting that slipped past the reader cannot slip past the proof.
 * gcode-lapse(1) lists the ranges (its section SETTINGS).
 *
 * Invariant: this table is the only place a range is written.
 */
#ifndef LIMITS_H
#define LIMITS_H

#include <stdbool.h>
#include <stddef.h>

enum limit_id {
	LIM_RETRACT,		/* retraction length, mm */
	LIM_RETRACT_SPEED,	/* retraction and deretraction, mm/s */
	LIM_ZHOP,		/* the slicer's z-hop, mm */
	LIM_LIFT,		/* gcode-lapse's own lift while parked, mm */
	LIM_TRAVEL_SPEED,	/* mm/s */
	LIM_Z_SPEED,		/* mm/s */
	LIM_MAX_HEIGHT,		/* mm */
	LIM_BED,		/* a bed or park coordinate, mm */
	LIM_LAYER_HEIGHT,	/* mm */
	LIM_ACCEL,		/* mm/s^2 */
	LIM_FEEDRATE,		/* an axis's speed limit, mm/s */
	LIM_CAMERA_TIME,	/* s */
	LIM_DWELL,		/* ms */
	LIM_FILAMENT,		/* filament diameter, mm */
	LIM_E_PER_MM,		/* filament per mm of extruding path: a
				   print's, a reading of E that is none */
	LIM_N
};

/* mm of extruding path below which filament per mm tells nothing */
#define LIMIT_E_PATH 50.0

struct limit {
	const char *what;	/* "retraction", for messages */
	const char *unit;	/* "mm" */
	double min, max;
};

const struct limit *limit_get(enum limit_id);

/* Is v (finite) within the range? */
bool limit_ok(enum limit_id, double v);

/*
 * -1 with "NAME = TEXT: out of range (MIN to MAX UNIT)" in err when v is
 * outside, else 0.  name is the setting as the user wrote it (a file's
 * key, an option), text the value as written (NULL: v printed).
 */
int limit_check(enum limit_id, const char *name, const char *text,
    double v, char *err, size_t errlen);

#endif
