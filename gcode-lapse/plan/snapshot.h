/*
 * snapshot.h: what a snapshot block is, and what one costs.
 *
 * A block, written in the file's own modes (G90/G91, M82/M83, G20/G21,
 * G92 offsets: it never switches a mode):
 *   retract what is missing (G10 where the file uses firmware retraction),
 *   lift what is missing, travel to the park point, M400, the marker,
 *   optional G4 dwell, travel back, lower to the exact Z, deretract
 *   exactly what the block retracted, G1 F<the feed rate in force>.
 *
 * Invariant: a block is computed only from the tracker's state at its
 * insertion point and leaves the machine in that same state (position,
 * filament, modes, feed rate), so the moves after it run as they would
 * have without it.  This module only builds text; it writes nothing.
 * snapshot_plan() resolves the numbers a block needs once: the profile's,
 * else the file's slicer settings (declared or learned), else defaults,
 * names the flag to pass when one that matters is missing, and keeps
 * where each came from.  The time a block costs uses the file's own
 * accelerations and speed limits and counts the camera's time at the
 * park point.
 */
#ifndef SNAPSHOT_H
#define SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/machine.h"
#include "plan/stabilize.h"
#include "settings/profile.h"
#include "settings/slicer.h"

/* Where each number of the plan came from, for the report. */
struct plan_sources {
	struct origin retract, retract_speed, deretract_speed, lift;
	struct origin travel_speed, z_speed, max_height, bed, camera;
	struct origin fw_retraction, relative_e, accel;
};

/* The numbers a block needs, resolved from the profile and the file. */
struct snapshot_plan {
	double retract_mm, retract_feed, deretract_feed;	/* mm, mm/min */
	double lift_mm, travel_feed, z_feed, max_height;
	bool fw_retraction;
	bool relative_e_start;	/* E relative at the first E move, with no
				   M82/M83 before it */
	bool filament;		/* false: --test-mode, no E, no G10/G11 */
	struct bed bed;
	bool park;		/* false: snap in place */
	double camera_s;	/* the print waits this long for a frame */
	struct accels acc;	/* the inserted moves' acceleration, speed
				   limits (settings/slicer.h) */
	struct plan_sources src;
};

/* What the file has shown so far that changes blocks. */
struct snapshot_seen {
	bool vase, sequential;
	bool fw_retraction;	/* G10/G11 used as retraction */
	bool e_guessed;		/* where the file's own M82/M83 comes after
				   its first E move (slicer.h e_fixed_line),
				   the E mode before it is a guess the proof
				   does not take, and so is the filament
				   until the first extrusion after it: no
				   snapshot until then (the guessed part is
				   a start code's purge, as a rule) */
};

/* What a placed block does, for the report. */
struct snapshot_info {
	int layer;			/* finished layer (0: before any) */
	unsigned long line;		/* input line it follows */
	double x, y, z;			/* head position, bed coordinates */
	double travel_mm;		/* added motion */
	double time_s;			/* estimated added time, the
					   camera's included */
};

/* Block text in a fixed buffer, '\n' line ends. */
struct snapshot_text {
	char b[2048];
	size_t n;
};

/*
 * Resolve the plan: an option or the profile, else the file's comment,
 * else what its moves show, else a default.  Returns 0, or -1 with err
 * naming the flag to pass, or "line N: key = value: out of range (...)"
 * when the value in force is outside its sane range (limits.h).
 */
int snapshot_plan(struct snapshot_plan *, const struct profile *,
    const struct slicer_settings *, char *err, size_t errlen);

/*
 * The block for snapshot number n (1 = the first) in state m: true with
 * the text in *t and what it does in *si (all but si->line), or false
 * with *why (static text) when no snapshot can be placed there.
 */
bool snapshot_block(const struct snapshot_plan *, const struct profile *,
    const struct snapshot_seen *, const struct stabilize *,
    const struct machine *m, size_t n, struct snapshot_text *t,
    struct snapshot_info *si, const char **why);

/* Cost in seconds of a block in state m, or -1: not here (smart mode). */
double snapshot_cost(const struct snapshot_plan *, const struct profile *,
    const struct snapshot_seen *, const struct stabilize *,
    const struct machine *m);

/* The capture marker line (no newline). */
const char *snapshot_marker(const struct profile *);

/* The dialect's start and end of print blocks, or NULL when it has none. */
const char *snapshot_initialize(const struct profile *);
const char *snapshot_finish(const struct profile *);

#endif
