/*
 * slicer.h: which slicer wrote the file, for which firmware, and the
 * settings it left in its comments.
 *
 * PrusaSlicer, SuperSlicer, Slic3r, OrcaSlicer and BambuStudio write a
 * "; key = value" block (at the end, or near the top for Bambu); Cura
 * writes ";FLAVOR:" and friends at the top and its changed settings in
 * ";SETTING_3" lines at the end; Simplify3D writes ";   key,value" at the
 * top.  slicer_scan() reads only the head and the tail of a file, so the
 * cost does not grow with the file.  slicer_machine_init() turns what it
 * found into the tracker's set-up, the one rewrite, verify and --info use.
 *
 * Invariant: a setting is set only from a value read whole and valid; a
 * malformed one changes nothing.
 */
#ifndef SLICER_H
#define SLICER_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/machine.h"
#include "settings/flavor.h"

enum slicer_kind {
	SLICER_UNKNOWN,
	SLICER_PRUSA,
	SLICER_SUPERSLICER,
	SLICER_SLIC3R,
	SLICER_ORCA,
	SLICER_BAMBU,
	SLICER_CURA,
	SLICER_S3D,
	SLICER_IDEAMAKER,
};

/* A number the file may or may not give. */
struct setting {
	double v;
	bool set;
};

struct bed {
	bool set;
	bool circular;
	double x0, y0, x1, y1;	/* bounding rectangle, logical mm */
	double cx, cy, r;	/* circular beds */
};

struct slicer_settings {
	enum slicer_kind slicer;
	char version[32];
	enum flavor flavor;
	char flavor_text[32];
	struct bed bed;
	struct setting max_height;	/* mm */
	struct setting retract_mm;
	struct setting retract_speed;	/* mm/s */
	struct setting deretract_speed;	/* mm/s */
	struct setting zhop_mm;
	struct setting travel_speed;	/* mm/s */
	struct setting relative_e;	/* 0/1 */
	struct setting fw_retraction;	/* 0/1 */
	struct setting vase;		/* 0/1 */
	struct setting sequential;	/* 0/1 */
	struct setting layer_height;
	struct setting first_layer_height;
	struct setting accel;		/* mm/s^2, for the estimate */
	struct setting accel_z;		/* Z axis limit, mm/s^2 */
	struct setting accel_e;		/* extruder limit, mm/s^2 */
	struct setting est_time_s;	/* the slicer's own estimate */
	struct setting filament_mm;	/* the slicer's own total */
	struct setting layer_count;	/* ;LAYER_COUNT: (Cura) */
	struct setting filament_diameter; /* mm (a preview's bead widths) */
	bool already_processed;		/* our own marker is in the file */
};

void slicer_init(struct slicer_settings *);

/* One line of text (without terminator) from anywhere in the file. */
void slicer_line(struct slicer_settings *, const char *text, size_t len);

/*
 * Read the head and the tail of the file open on fd (pread, the offset
 * is not moved).  Returns 0, or -1 with errno on a read error.
 */
int slicer_scan(struct slicer_settings *, int fd);

/* The flavor in force: firmware's (a name, NULL or "": none), else the
 * file's. */
enum flavor slicer_flavor(const struct slicer_settings *,
    const char *firmware);

/*
 * Start the tracker m for a file with these settings: the rules of the
 * flavor in force (slicer_flavor()), the slicer's firmware retraction
 * and layer height.
 */
void slicer_machine_init(struct machine *m, const struct slicer_settings *,
    const char *firmware);

/* Accelerations for estimates, mm/s^2: the file's, else what its slicer
 * assumed by default. */
struct accels {
	double xy, z, e;
};
struct accels slicer_accels(const struct slicer_settings *);

const char *slicer_name(enum slicer_kind);


#endif
