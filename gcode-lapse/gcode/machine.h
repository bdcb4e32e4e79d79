/*
 * machine.h: what the printer is doing, line after line.
 *
 * A state tracker fed by parsed G-code lines: logical position (what the
 * G-code says, G92 offsets and inches applied), the modes (G90/G91,
 * M82/M83, G20/G21), feed rate, tool and tool offsets, the filament (net
 * and extruded totals, how much is retracted now and in which phase),
 * firmware retraction (G10/G11, M207), z-hop (how high the nozzle is above
 * the last extrusion), feature comments and layers (layers.h, fed from
 * here).
 *
 * It follows the firmware the file is for (dialect.h): each command means
 * what that firmware makes of it.  When the file could be for several
 * firmwares and a line reads differently on them, the line is followed
 * on each (dispute.c) and whatever they leave different is marked unknown
 * (known[], unknown) until the file sets it again, with a warning naming
 * the line.
 *
 * The struct is public and read-only for callers: the planner reads
 * positions and states directly.  Only machine_feed() and
 * machine_feed_text() change it.
 * Invariant: an axis whose position the G-code does not determine (after
 * G28, G29, a {expression}, a tool change with macros, a line the
 * firmwares read apart) is marked unknown, never guessed.
 */
#ifndef MACHINE_H
#define MACHINE_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/dialect.h"
#include "gcode/feature.h"
#include "gcode/gcode.h"
#include "gcode/layers.h"
#include "gcode/warnings.h"

enum { AX_X, AX_Y, AX_Z, AX_E, AX_N };

#define MACHINE_TOOLS 16
#define MACHINE_OFFSETS 8	/* tools (or work offsets) with an offset;
				   later ones share the last */
#define MACHINE_EPS 1e-6

/* Do G90/G91 also switch the extruder between absolute and relative? */
enum e_coupling {
	E_SEPARATE = EC_SEPARATE,	/* RRF, Prusa 3.9+: only M82/M83 do */
	E_COUPLED = EC_COUPLED,		/* Marlin 2, Smoothie: G90/G91 set E
					   too */
	E_KLIPPER = EC_KLIPPER,		/* Klipper, Marlin 1, Prusa up to
					   3.8: G91 forces relative, G90
					   gives back the M82/M83 setting */
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

/* Parts of the state besides the positions that can be unknown. */
enum {
	UNK_FEED = 1 << 0,	/* until the next F */
	UNK_XYZ_MODE = 1 << 1,	/* until G90/G91 */
	UNK_E_MODE = 1 << 2,	/* until M82/M83 */
	UNK_UNITS = 1 << 3,	/* until G20/G21 */
	UNK_TOOL = 1 << 4,	/* until a T */
	UNK_FILAMENT = 1 << 5,	/* until the next extrusion */
	UNK_E_POS = 1 << 6,	/* the firmware's E is not the file's
				   (Prusa's M221): until it is again */
};

/* Warning kinds (warnings.h). */
enum {
	MW_ODD = 0,			/* + rule: odd, read alike */
	MW_NOT_RUN = RULE_N,		/* + rule: the line is not run */
	MW_DISPUTE = 2 * RULE_N,	/* + rule: firmwares read it apart */
	MW_JUNK = 3 * RULE_N,		/* characters that are no words */
	MW_RANGE,			/* a number too large */
	MW_OPEN,			/* unterminated string, {, ( */
	MW_FEED,			/* F0 ignored */
	MW_ARC,				/* an arc that cannot be drawn */
	MW_PSEUDO_TOOL,			/* T1000 and such */
	MW_NO_TOOL,			/* E with no tool (RRF's T-1) */
	MW_LONE_CR,			/* CR inside a line, or CR-only ends */
	MW_KINDS
};

struct machine_config {
	unsigned firmwares;		/* FW_BIT() set the file may be for;
					   0: any (FW_UNKNOWN) */
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
	enum firmware fw;		/* whose meaning is followed: the
					   first candidate */
	unsigned firmwares;		/* the candidates */
	unsigned long disputed;		/* rules they read apart (1 << rule) */
	struct gcode_reading reading;	/* fw's */
	struct warnings *warn;		/* where warnings go; NULL: counted */

	/* modes */
	bool abs_xyz;			/* G90 */
	bool abs_e_flag;		/* M82 (as last set) */
	bool abs_e_last;		/* the last of G90/G91/M82/M83 said
					   absolute (Marlin 2's reading) */
	bool abs_e;			/* effective, on fw */
	bool inches;			/* G20 */
	bool e_ambiguous;		/* the candidates read E apart */
	bool e_guessed;			/* relative E from relative_e_line,
					   no M82/M83 yet: where an M82
					   leaves E depends on the guess */
	unsigned unknown;		/* UNK_* */

	/* position */
	double pos[AX_N];		/* logical, mm */
	bool known[AX_N];
	double shift[AX_N];		/* physical = logical + shift (G92) */
	double e_base;			/* E of the last absolute E (RRF) */
	unsigned homed;			/* bit per axis homed at least once */
	unsigned lost;			/* bit per XYZ axis made unknown by a
					   line firmwares read apart, since
					   its homing */
	unsigned shift_lost;		/* bit per XYZ axis a G92 set while
					   lost: where the head is on the bed
					   is unknown until it is homed */
	double feed;			/* mm/min, 0 until set */
	int tool;			/* -1: none (RRF's T-1) */
	int offset_slot;		/* offset in force: the tool, or
					   GPX's work offset */
	double offset[MACHINE_OFFSETS][3]; /* nozzle from carriage, mm:
					   carriage = logical + shift - it */

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
	bool noted;			/* last.to is in the extents */

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

/* A tool's slot in a table of n (tools past it share the last). */
static inline int
machine_slot(int tool, int n)
{
	return tool >= 0 && tool < n ? tool : n - 1;
}

/* A sensible default: any firmware, fw retraction 1 mm. */
void machine_config_default(struct machine_config *);

/*
 * Apply one parsed line (parsed with m->reading: gcode_parse(text, len,
 * &m->reading, &gl)).  Returns a mask of EV_* events, or -1 when the line
 * cannot be followed at all (binary junk).  What a firmware ignores is
 * ignored and what is odd about the line goes to m->warn (and counts in
 * m->warnings); err is kept for the caller's messages.
 */
int machine_feed(struct machine *, const struct gcode_line *,
    char *err, size_t errlen);

/*
 * Parse text as m's firmware reads it and apply it: -1 only for a line
 * that is not text (a NUL or control byte), with err = "column N: what".
 */
int machine_feed_text(struct machine *, const char *text, size_t len,
    char *err, size_t errlen);

/*
 * E absolute or relative, as an M82 or M83 sets it: for a start macro's
 * mode, which the file does not show (cfg.relative_e_line), and for the
 * verifier's readings of a file that sets none.
 */
void machine_set_e_mode(struct machine *, bool absolute);

/* Height of the nozzle above the last extrusion (z-hop), mm. */
double machine_lift(const struct machine *);

/* Filament pulled back now for the active tool, mm. */
double machine_retracted(const struct machine *);

/* The active tool's offset on axis ax (X, Y, Z), mm. */
double machine_offset(const struct machine *, int ax);

/*
 * Why a snapshot cannot go here from the state alone, or NULL; filament:
 * the block would move the filament (a block that retracts nothing need
 * not know how much is retracted).
 */
const char *machine_unsure(const struct machine *, bool filament);

/* "primed", "retracting", ... */
const char *machine_filament_name(enum filament_state);

/*
 * For dispute.c: the line applied as m->fw does, with no look at other
 * firmwares; the firmware whose meaning is followed; and one warning.
 */
int machine_apply(struct machine *, const struct gcode_line *);
void machine_set_firmware(struct machine *, enum firmware);

/* The warning "LINE: <the firmwares that read rule r as fw does> what". */
void machine_warn_as(struct machine *, enum rule r,
    const struct gcode_line *, const char *what);
__attribute__((format(printf, 4, 5)))
void machine_warn(struct machine *, int kind, const char *id,
    const char *fmt, ...);

#endif
