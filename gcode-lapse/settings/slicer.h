/*
 * slicer.h: which slicer wrote the file, for which firmware, and the
 * settings it left in its comments.
 *
 * PrusaSlicer, SuperSlicer, Slic3r, OrcaSlicer and BambuStudio write a
 * "; key = value" block (at the end, or near the top for Bambu); Cura
 * writes ";FLAVOR:" and friends at the top and its changed settings in
 * ";SETTING_3" lines at the end; Simplify3D writes ";   key,value" at the
 * top.  slicer_scan() reads only the head and the tail of a file, so the
 * cost does not grow with the file.
 */
#ifndef SLICER_H
#define SLICER_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/machine.h"

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

enum flavor {
	FLAVOR_UNKNOWN,
	FLAVOR_MARLIN,		/* "marlin": legacy, often a Marlin 2 too */
	FLAVOR_MARLIN2,
	FLAVOR_RRF,
	FLAVOR_KLIPPER,
	FLAVOR_PRUSA,		/* Prusa firmware (Marlin 1 based) */
	FLAVOR_SMOOTHIE,
	FLAVOR_REPETIER,
	FLAVOR_OTHER,
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

/* What the flavor says about G90/G91 and E, into a tracker config. */
void slicer_machine_config(const struct slicer_settings *,
    struct machine_config *);

/* Accelerations for estimates, mm/s^2: the file's, else what its slicer
 * assumed by default. */
struct accels {
	double xy, z, e;
};
struct accels slicer_accels(const struct slicer_settings *);

/* Flavor from a name as users and slicers write it ("marlin2",
 * "reprapfirmware", "RepRap (RepRap)", "klipper"...). */
enum flavor slicer_flavor_from(const char *name, size_t len);

const char *slicer_name(enum slicer_kind);
const char *slicer_flavor_name(enum flavor);


#endif
