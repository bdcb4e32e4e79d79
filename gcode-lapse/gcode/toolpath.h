/*
 * toolpath.h: the beads of filament a file's moves lay, as geometry for
 * a picture.
 *
 * Fed each line after the tracker has applied it, a toolpath hands out,
 * for every extruding move, the straight beads it lays, in bed
 * coordinates (the tracker's G92 shifts undone; an arc cut into chords of
 * at most TOOLPATH_ARC_DEG degrees), each with its width and height.  The
 * width is the slicer's where it says it (";WIDTH:" from PrusaSlicer and
 * SuperSlicer, "; LINE_WIDTH:" from OrcaSlicer and BambuStudio), else it
 * follows from the filament pushed: E x the filament's cross-section /
 * (length x height), within TOOLPATH_WIDTH_MIN..MAX.  The height is the
 * layer's as the tracker knows it (";HEIGHT:" comments, or the step
 * between layers), TOOLPATH_HEIGHT_DEFAULT before it knows.  A toolpath
 * is a few numbers: nothing grows with the file.
 */
#ifndef TOOLPATH_H
#define TOOLPATH_H

#include "gcode/gcode.h"
#include "gcode/machine.h"

#define TOOLPATH_ARC_DEG	5.0
#define TOOLPATH_WIDTH_MIN	0.05
#define TOOLPATH_WIDTH_MAX	3.0
#define TOOLPATH_HEIGHT_DEFAULT	0.2
#define TOOLPATH_FILAMENT_DEFAULT 1.75	/* mm, when the file does not say */

struct toolpath_bead {
	double from[3], to[3];		/* the nozzle's path, bed mm */
	double width, height;		/* mm */
	int tool;
};

typedef void toolpath_bead_fn(void *arg, const struct toolpath_bead *);

struct toolpath {
	double filament_area;		/* mm^2 */
	double width;			/* from the comments; 0: none yet */
};

/* filament_diameter in mm (<= 0: TOOLPATH_FILAMENT_DEFAULT). */
void toolpath_init(struct toolpath *, double filament_diameter);

/*
 * After machine_feed() applied gl (events: its result): learn what the
 * line's comment says, and call bead for each bead its move laid.
 */
void toolpath_line(struct toolpath *, const struct machine *,
    const struct gcode_line *gl, int events, toolpath_bead_fn *bead,
    void *arg);

/*
 * The usual bead callback: draw it into the struct scene * (scene.h) arg,
 * in its tool's colour.
 */
toolpath_bead_fn toolpath_draw;

/* The nozzle's position now, bed coordinates; false when unknown. */
bool toolpath_nozzle(const struct machine *, double out[3]);

#endif
