/*
 * rewrite.h: copy a G-code file, inserting snapshot blocks.
 *
 * Every line of the input is copied byte for byte; what gcode-lapse adds
 * is delimited by "; gcode-lapse begin ..." and "; gcode-lapse end"
 * comment lines (and one PROTO_PROCESSED line at the very end, after a
 * line end when the input had none), so the verifier can take the
 * additions out again and find the original (write/own.h).  The blocks
 * are snapshot.h's.
 *
 * Streaming: untouched lines go through a 1 MiB output buffer; smart mode
 * holds at most one layer's bytes to choose its point, the end of print
 * tail the bytes after the last extrusion.  The report's arrays are the
 * report's own (rewrite_report_free).
 */
#ifndef REWRITE_H
#define REWRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/warnings.h"
#include "plan/snapshot.h"
#include "settings/profile.h"
#include "settings/slicer.h"

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
	double print_s;			/* print time estimated (time
					   trigger), else -1 */
	unsigned long long bytes_in, bytes_out;
	unsigned long warnings;
	struct warnings warns;		/* the reader's, by kind */
	bool system_error;		/* a failure was a read or write
					   error, or no memory */
	char dry_run[4096];		/* --test-mode without -o: the file
					   written beside the input, or "" */
	unsigned long lines;		/* of the input */
	/* the settings in force and where each came from */
	bool planned;
	struct snapshot_plan plan;
	enum slicer_kind slicer;
	char slicer_version[32];
};

struct rewrite_hooks {
	/* a warning about the files (job.h, target.h); the G-code's own
	 * are counted by kind in the report's warns */
	void (*warn)(void *ctx, const char *msg);
	void (*progress)(void *ctx, unsigned long long bytes);
	void *ctx;
};

/*
 * Rewrite in_fd into out_fd.  settings: what slicer_scan() found (flags
 * in the profile win).  Returns 0, or -1 with err (and the report's
 * system_error says whether the input was to blame).  The whole job on
 * files: job.h.
 */
int rewrite_fd(int in_fd, int out_fd, const struct profile *,
    const struct slicer_settings *, struct rewrite_report *,
    const struct rewrite_hooks *, char *err, size_t errlen);

/* The same from memory to a malloc'ed block (*out, *outlen). */
int rewrite_mem(const char *in, size_t len, const struct profile *,
    const struct slicer_settings *, char **out, size_t *outlen,
    struct rewrite_report *, char *err, size_t errlen);

void rewrite_report_init(struct rewrite_report *, const char *file);
void rewrite_report_free(struct rewrite_report *);

#endif
