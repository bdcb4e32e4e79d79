/*
 * rewrite.h: copy a G-code file, inserting snapshot blocks.
 *
 * Every line of the input is copied byte for byte; what gcode-lapse adds
 * is delimited by "; gcode-lapse begin ..." and "; gcode-lapse end"
 * comment lines (and one PROTO_PROCESSED line at the very end), so
 * the verifier can take the additions out again and find the original.
 *
 * A snapshot block, written in the file's own modes (G90/G91, M82/M83,
 * G20/G21, G92 offsets: it never switches a mode):
 *   retract what is missing (G10 where the file uses firmware retraction),
 *   lift what is missing, travel to the park point, M400, the marker,
 *   optional G4 dwell, travel back, lower to the exact Z, deretract
 *   exactly what the block retracted, G1 F<the feed rate in force>.
 *
 * Streaming: untouched lines go through a 1 MiB output buffer; smart mode
 * holds at most one layer's bytes to choose its point.
 */
#ifndef REWRITE_H
#define REWRITE_H

#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>

#include "protocol.h"
#include "settings/profile.h"
#include "settings/slicer.h"


struct snapshot_info {
	int layer;			/* finished layer (0: before any) */
	unsigned long line;		/* input line it follows */
	double x, y, z;			/* head position, bed coordinates */
	double travel_mm;		/* added motion */
	double time_s;			/* estimated added time */
};

struct skip_info {
	int layer;
	unsigned long line;
	const char *why;		/* static text */
};

/* What a run did; arrays owned by the report (rewrite_report_free). */
struct rewrite_report {
	const char *file;		/* as given */
	bool already_processed;		/* nothing done */
	bool vase, sequential, smart;
	const char *trigger;		/* "every layer", ... */
	int layers;
	struct snapshot_info *snaps;
	size_t nsnaps, capsnaps;
	struct skip_info *skips;
	size_t nskips, capskips;
	double travel_mm, time_s;	/* totals */
	double print_s;			/* estimated print time (time trigger), else -1 */
	unsigned long long bytes_in, bytes_out;
	unsigned long warnings;
};

struct rewrite_hooks {
	void (*warn)(void *ctx, const char *msg);	/* "line N: ..." */
	void (*progress)(void *ctx, unsigned long long bytes);
	void *ctx;
};

/*
 * Rewrite in_fd into out_fd.  settings: what slicer_scan() found (flags
 * in the profile win).  Returns 0, or -1 with err.
 */
int rewrite_fd(int in_fd, int out_fd, const struct profile *,
    const struct slicer_settings *, struct rewrite_report *,
    const struct rewrite_hooks *, char *err, size_t errlen);

/* The same from memory to a malloc'ed block (*out, *outlen). */
int rewrite_mem(const char *in, size_t len, const struct profile *,
    const struct slicer_settings *, char **out, size_t *outlen,
    struct rewrite_report *, char *err, size_t errlen);

/*
 * The whole job on paths: out NULL rewrites in place (temporary file in
 * the same folder, fsync, rename over the input, mode kept; on any error
 * the input is left as it was).  A file that carries the processed mark
 * is left alone (or copied to out).  Returns 0, or -1 with err, which is
 * about the input and does not name it (the caller does: "in: what"),
 * unless it names another file.
 */
int rewrite_path(const char *in, const char *out, const struct profile *,
    struct rewrite_report *, const struct rewrite_hooks *, char *err,
    size_t errlen);

/*
 * The input of a rewrite: in opened for reading, what its slicer left in
 * it read into *s, its mode in *mode, rep->bytes_in and
 * rep->already_processed set.  Returns the descriptor (the caller closes
 * it), or -1 with err about the input, which does not name it.
 */
int rewrite_open(const char *in, struct slicer_settings *s, mode_t *mode,
    struct rewrite_report *rep, char *err, size_t errlen);

/* How the firmware reads the file (G90/G91 and E...): the profile's
 * firmware, else the file's flavor. */
void rewrite_machine_config(const struct profile *,
    const struct slicer_settings *, struct machine_config *);

/* Is this line one gcode-lapse added? ("; gcode-lapse ..." or the mark) */
bool rewrite_is_ours(const char *text, size_t len);

/* The capture marker line for a profile (no newline). */
const char *rewrite_marker(const struct profile *);

void rewrite_report_init(struct rewrite_report *, const char *file);
void rewrite_report_free(struct rewrite_report *);

#endif
