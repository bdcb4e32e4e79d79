/*
 * estimate.h: print time, the way firmware moves.
 *
 * Each move is a trapezoid (accelerate, cruise, decelerate) whose entry and
 * exit speeds come from the corner it makes with its neighbours
 * (junction deviation, as Marlin 2 and Klipper's square corner velocity
 * behave).  One move of look-ahead; no backward pass, so very short
 * segments come out slightly optimistic.  M204 changes the acceleration,
 * G4 adds its dwell.  Heating waits are not counted (slicers do not either).
 *
 * Moves wait in a queue and are reckoned a block at a time, each step a
 * pass over the block's arrays with no branch on the numbers (a move's
 * corner needs the next move, so the last one always waits).  The queue
 * is the struct's own: no allocation.
 */
#ifndef ESTIMATE_H
#define ESTIMATE_H

#include <stdbool.h>

#include "gcode/gcode.h"
#include "gcode/machine.h"

#define ESTIMATE_BLOCK 128

struct estimate {
	double accel_print, accel_travel;	/* mm/s^2 */
	double accel_z, accel_e;		/* per-axis limits */
	double deviation;			/* junction deviation, mm */
	double done_s;				/* moves finished */
	double v_entry;				/* the first queued move's */
	double feed, inv_v;			/* the last move's, and 1/v */
	int n;					/* moves queued */
	struct {
		double len[ESTIMATE_BLOCK];	/* mm (E: mm of filament) */
		double d[4][ESTIMATE_BLOCK];	/* the move, or 0 without a
						   corner model (arcs) */
		double v[ESTIMATE_BLOCK];	/* cruise, mm/s */
		double inv_v[ESTIMATE_BLOCK];	/* 1/v */
		double a[ESTIMATE_BLOCK];	/* before the Z limit */
		unsigned char kind[ESTIMATE_BLOCK]; /* line, arc, E only */
	} q;
};

/* Accelerations in mm/s^2: moves, the Z axis's and the extruder's
 * limits (0: defaults). */
void estimate_init(struct estimate *, double accel, double accel_z,
    double accel_e);

/* A line: M204 and G4 matter here; motion comes through estimate_move. */
void estimate_line(struct estimate *, const struct gcode_line *);

/* The move machine_feed() just made (m->last), if any. */
void estimate_move(struct estimate *, const struct machine_move *);

/* Seconds so far, the last move included as if it ended at rest. */
double estimate_total(struct estimate *);

/* Seconds of a move from rest to rest: for planning inserted moves. */
double estimate_isolated(double length, double feed_mm_min, double accel);

#endif
