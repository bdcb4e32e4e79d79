/*
 * estimate.h: print time, the way firmware moves.
 *
 * Each move is a trapezoid (accelerate, cruise, decelerate) whose entry and
 * exit speeds come from the corner it makes with its neighbours
 * (junction deviation, as Marlin 2 and Klipper's square corner velocity
 * behave).  One move of look-ahead; no backward pass, so very short
 * segments come out slightly optimistic.  M204 changes the acceleration,
 * G4 adds its dwell.  Heating waits are not counted (slicers do not either).
 */
#ifndef ESTIMATE_H
#define ESTIMATE_H

#include <stdbool.h>

#include "gcode/gcode.h"
#include "gcode/machine.h"

struct estimate {
	double accel_print, accel_travel;	/* mm/s^2 */
	double accel_z, accel_e;		/* per-axis limits */
	double deviation;			/* junction deviation, mm */
	double done_s;				/* moves finished */
	bool pending;
	struct {
		double len, v, a, v_entry, u[4];
	} pend;
};

/* Accelerations in mm/s^2: moves, the Z axis's and the extruder's
 * limits (0: defaults). */
void estimate_init(struct estimate *, double accel, double accel_z,
    double accel_e);

/* A line: M204 and G4 matter here; motion comes through estimate_move. */
void estimate_line(struct estimate *, const struct gcode_line *);

/* The move machine_feed() just made (m->last), if any. */
void estimate_move(struct estimate *, const struct machine_move *);

/* Seconds so far, the pending move included as if it ended at rest. */
double estimate_total(const struct estimate *);

/* Seconds of a move from rest to rest: for planning inserted moves. */
double estimate_isolated(double length, double feed_mm_min, double accel);

#endif
