/*
 * machine.h: what the printer is doing, line after line.
 *
 * A state tracker fed by parsed G-code lines: logical position (what the
 * G-code says, G92 offsets and inches applied), the modes (G90/G91,
 * M82/M83, G20/G21), feed rate, tool, the filament (net and extruded
 * totals, how much is retracted now and in which phase), firmware
 * retraction (G10/G11, M207), z-hop (how high the nozzle is above the last
 * extrusion), feature comments and layers (layers.h, fed from here).
 *
 * The struct is public and read-only for callers: the planner reads
 * positions and states directly.  Only machine_feed() and
 * machine_feed_text() change it.
 * Invariant: an axis whose position the G-code does not determine (after
 * G28, G29, a {expression}) is marked unknown, never guessed.
 */
#ifndef MACHINE_H
#define MACHINE_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/feature.h"
#include "gcode/gcode.h"
#include "gcode/layers.h"

enum { AX_X, AX_Y, AX_Z, AX_E, AX_N };

#define MACHINE_TOOLS 16
#define MACHINE_EPS 1e-6

/* Do G90/G91 also switch the extruder between absolute and relative? */
enum e_coupling {
	E_SEPARATE,	/* RepRapFirmware: only M82/M83 do */
	E_COUPLED,	/* Marlin 2, Smoothie: G90/G91 set E too */
	E_KLIPPER,	/* Klipper, Marlin 1, Prusa: G91 forces relative,
			   G90 gives back the M82/M83 setting */
};

enum filament_state {
	FIL_PRIMED,		/* at the nozzle, not moving */
	FIL_EXTRUDING,		/* the last move extruded */
	FIL_RETRACTING,		/* the last move pulled filament back */
	FIL_RETRACTED,		/* pulled back, the head has moved since */
	FIL_DERETRACTING,	/* pushing back, not yet fully primed */
};

/* What the last line did, for consumers that follow the motion. */
enum move_kind {
	MOVE_NONE,		/* not a move */
	MOVE_TRAVEL,		/* XYZ motion, no E */
	MOVE_EXTRUDE,		/* XYZ motion with E > 0 */
	MOVE_RETRACT,		/* E < 0 (with or without motion: wipe) */
	MOVE_DERETRACT,		/* E > 0 without XYZ motion */
	MOVE_FW_RETRACT,	/* G10 */
	MOVE_FW_DERETRACT,	/* G11 */
};

/* Events of one line, as bits of machine_feed()'s result. */
enum {
	EV_MOVE = 1 << 0,	/* the head or the filament moved */
	EV_LAYER = 1 << 1,	/* a new layer starts at this line */
	EV_FEATURE = 1 << 2,	/* a feature comment (;TYPE:...) */
	EV_TOOL = 1 << 3,	/* tool change */
	EV_HOME = 1 << 4,	/* G28 or probing: position unknown */
	EV_UNITS = 1 << 5,	/* G20/G21 */
	EV_MODE = 1 << 6,	/* G90/G91/M82/M83 */
	EV_SETPOS = 1 << 7,	/* G92 */
	EV_FW_SETTINGS = 1 << 8,/* M207 */
};

struct machine_config {
	enum e_coupling e_coupling;
	bool e_coupling_known;		/* else warn where it matters */
	bool g92_bare_zeroes;		/* G92 alone zeroes every axis */
	double fw_retract_mm;		/* before any M207 */
	double fw_retract_feed;
	double fw_lift_mm;
	double layer_height_hint;	/* 0: unknown */
	bool layer_comments;		/* the slicer writes layer comments:
					   extrusions before the first are
					   its start code's */
	unsigned long relative_e_line;	/* E relative from this line on
					   (a start macro set it; 0: no) */
};

struct machine_move {
	enum move_kind kind;
	double from[AX_N], to[AX_N];	/* logical mm (E: logical) */
	double de;			/* filament moved, mm */
	double length;			/* XYZ path length, mm (arcs too) */
	bool moved;			/* the head moved in XYZ */
	double feed;			/* mm/min used */
	bool arc;
	double centre[2];		/* of an arc, logical XY */
	double sweep;			/* of an arc, radians, > 0 counter-
					   clockwise (G3), < 0 clockwise */
	bool known;			/* from and to XYZ known */
};

struct machine {
	struct machine_config cfg;

	/* modes */
	bool abs_xyz;			/* G90 */
	bool abs_e_flag;		/* M82 (as last set) */
	bool abs_e;			/* effective, per e_coupling */
	bool inches;			/* G20 */
	bool e_ambiguous;		/* firmwares would read E apart */

	/* position */
	double pos[AX_N];		/* logical, mm */
	bool known[AX_N];
	double shift[AX_N];		/* physical = logical + shift (G92) */
	unsigned homed;			/* bit per axis homed at least once */
	double feed;			/* mm/min, 0 until set */
	int tool;

	/* filament */
	double e_net;			/* sum of the E words' moves
				   (firmware retraction is not) */
	double e_extruded;		/* sum of E on extruding moves */
	double retracted[MACHINE_TOOLS];/* pulled back now, mm, per tool */
	enum filament_state fil;
	bool fw_retracted;		/* G10 in force */
	double fw_retract_mm, fw_retract_feed, fw_deretract_feed;
	double fw_extra_mm, fw_lift_mm;

	/* z-hop: nozzle height above the last extrusion */
	double last_extrude_z;
	bool extruded;			/* at least one extruding move */

	struct layers layers;		/* layers.h */
	enum feature feature;

	/* statistics */
	unsigned long lines, moves, extrude_moves, travel_moves;
	double travel_mm, extrude_mm;
	double min[3], max[3];		/* extents of extrusion, logical */
	unsigned long warnings;

	struct machine_move last;
};

void machine_init(struct machine *, const struct machine_config *);

/* A sensible default: Marlin 2, fw retraction 1 mm. */
void machine_config_default(struct machine_config *);

/*
 * Apply one parsed line.  Returns a mask of EV_* events, or -1 when the
 * line cannot be followed (err says why: "G1: X without a value").
 * A line that is suspicious but harmless increments m->warnings and writes
 * err too, returning its events normally; callers print err when
 * m->warnings grew.
 */
int machine_feed(struct machine *, const struct gcode_line *,
    char *err, size_t errlen);

/*
 * Parse text and apply it: the tokenizer's errors are errors for the
 * commands the tracker follows and for binary junk, warnings for the
 * others (which the tracker ignores anyway).
 */
int machine_feed_text(struct machine *, const char *text, size_t len,
    char *err, size_t errlen);

/* Height of the nozzle above the last extrusion (z-hop), mm. */
double machine_lift(const struct machine *);

/* Filament pulled back now for the active tool, mm. */
double machine_retracted(const struct machine *);

/* "primed", "retracting", ... */
const char *machine_filament_name(enum filament_state);

#endif
