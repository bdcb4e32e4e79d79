/*
 * stabilize.h: where the head waits for each snapshot.
 *
 * Per axis (X, Y): a fixed bed coordinate, a percentage of the bed, a path
 * of coordinates that advances one point per snapshot (loop or ping-pong),
 * or disabled (the axis stays where the print left it).  Every point is
 * clamped to the bed, rectangular or circular.  Coordinates here are bed
 * (physical) coordinates; snapshot.c subtracts the G92 shift.
 */
#ifndef STABILIZE_H
#define STABILIZE_H

#include <stdbool.h>

#include "settings/profile.h"
#include "settings/slicer.h"

struct stabilize {
	struct axis_plan axis[2];
	struct bed bed;
	unsigned long step;	/* snapshots placed so far */
};

void stabilize_init(struct stabilize *, const struct axis_plan axis[2],
    const struct bed *);

/*
 * The park point for the next snapshot, in bed coordinates.  here is the
 * head's bed position, used for disabled axes.  Does not advance paths.
 */
void stabilize_point(const struct stabilize *, const double here[2],
    double park[2]);

/* The snapshot was placed: paths move on. */
void stabilize_advance(struct stabilize *);

/* Clamp a bed point onto the bed (radially on a circular bed). */
void stabilize_clamp(const struct bed *, double xy[2]);

/* Is the bed point on the bed (with eps mm of slack)? */
bool stabilize_on_bed(const struct bed *, double x, double y, double eps);

/* Is the point in the area? */
bool stabilize_in_area(const struct area *, double x, double y);

#endif
