/*
 * readings.h: the ways a file can be read, replayed side by side.
 *
 * A reading is one pair of trackers (the original, the rewritten) under
 * one interpretation of what the file leaves open: the E mode before its
 * first M82/M83.  (What the firmwares the file may be for read apart, such
 * as G90/G91 and E, the trackers themselves mark unknown: dialect.h.)
 * readings_before() forks every live reading into its variants just
 * before the original line that decides; readings_fold() folds a reading
 * back into another once both sides of both agree again.  A reading
 * under which the original itself is no print (its filament per mm of
 * path off by orders of magnitude) is not plausible.
 *
 * Invariant: at most READINGS_MAX readings; rd[0] is never folded, so it
 * is always alive.
 */
#ifndef READINGS_H
#define READINGS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "verify.h"
#include "gcode/gcode.h"
#include "gcode/linereader.h"
#include "gcode/machine.h"
#include "settings/slicer.h"

#define READINGS_MAX 6
#define READINGS_TOL 1e-4	/* mm: numbers printed with 6 decimals */

/* The rewritten side when a block of ours began, per reading. */
struct reading_block {
	double floor_z, top_z, r0, e0, x0, y0, rpeak;
	bool fw0;
};

struct reading {
	struct machine o, r;		/* the original, the rewritten */
	char name[84];			/* "relative E", ... */
	bool alive;			/* else folded into merged_into */
	int merged_into;
	double net_offset;		/* its e_net minus the survivor's */
	unsigned long problems;
	char first[VERIFY_MAX_PROBLEMS][256];
	struct reading_block b;
	double z_moved;			/* the highest Z the original's
					   moves reached: a dry run's print
					   top, as it extrudes nothing */
};

struct readings {
	struct reading *rd;
	int n;
	bool full;			/* more were wanted than fit */
	bool e_mode_seen, e_forked;
	unsigned long e_fork_line;
	double path_mm;		/* extruding path of the original */
};

/* One reading, both trackers as the settings say.  -1: out of memory. */
int readings_init(struct readings *, const struct slicer_settings *,
    const char *firmware);
void readings_free(struct readings *);

/* Before original line number's gl (NULL: not code) is fed to every
 * reading: fork them where it leaves the reading open, and give the
 * rewritten side the start macro's E mode where the original takes it. */
void readings_before(struct readings *, const struct gcode_line *gl,
    unsigned long number);
void readings_fold(struct readings *);
int readings_live(const struct readings *);

/* Which readings the original is a print under (all of them when it is
 * one under none). */
void readings_plausible(const struct readings *, bool ok[READINGS_MAX]);
/* The filament per mm of path the original has under reading i. */
double readings_ratio(const struct readings *, int i);

/* First difference between two trackers' states (text in msg), or NULL.
 * a is the original's side. */
const char *readings_diff(const struct machine *a, const struct machine *b,
    char *msg, size_t size);
/* The same for the head's path only (X, Y, Z, the feed rate, the modes
 * and tool that read them), where a knows it: a dry run's against its
 * original. */
const char *readings_path_diff(const struct machine *a,
    const struct machine *b, char *msg, size_t size);

/* What an extrusion is compared in, as it was before its line. */
struct reading_before {
	int tool;
	bool fw_retracted;
	enum filament_state fil;
	double retracted;
};

struct reading_before reading_before(const struct machine *);
/* The moves the reading's two sides just made, compared: true when one
 * of them extruded (a problem noted when they differ). */
bool reading_compare_move(struct reading *, unsigned long line,
    const struct reading_before *o, const struct reading_before *r);

/* A problem: "rewritten line N: what" into first[*count] while there is
 * room (VERIFY_MAX_PROBLEMS), *count counted in any case. */
void	readings_add_problem(unsigned long *count, char (*first)[256],
	    unsigned long line, const char *fmt, va_list ap)
	    __attribute__((format(printf, 4, 0)));

/* A problem under one reading. */
void	reading_problem(struct reading *, unsigned long line,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Feed a line to one tracker (gl, parsed already, or its text): its
 * events, or -1 with err. */
int	readings_feed(struct machine *, const struct line *,
	    const struct gcode_line *gl, size_t len, char *err, size_t errlen);

/*
 * The blocks of ours, per reading: reading_block_begin notes the
 * rewritten side as the block starts (dry: a --test-mode dry run, whose
 * print top is the highest its moves went, as it extrudes nothing);
 * reading_block_line feeds one line of the block and checks it: no
 * mode, tool or coordinate change, no extrusion, nothing below the
 * layer, every number within limits.h, and, when retracted_marker, the
 * filament retracted at the marker.  Returns the line's events, or -1
 * with err.
 */
void	reading_block_begin(struct reading *, bool dry);
int	reading_block_line(struct reading *, const struct line *,
	    const struct gcode_line *gl, size_t len, bool retracted_marker,
	    char *err, size_t errlen);

#endif
