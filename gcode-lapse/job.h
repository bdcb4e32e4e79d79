/*
 * job.h: one rewrite on files, from the input to where it goes.
 *
 * The input is a regular file, or a stream ("-" for standard input, a
 * FIFO, a character device) read to its end into a spool first (so the
 * slicer's settings at its end are found, as in a file).  The output is
 * the input itself (in place), another file, "-" (standard output), or a
 * stream; a stream input has no place to be rewritten in, so without an
 * output "-" writes to standard output and a FIFO is refused.  Where the
 * bytes go and how: write/target.h.  A --test-mode dry run never goes
 * over its input: without an output it goes to NAME.test.gcode beside.
 *
 * Every rewrite is proven against its input (verify.h, with the same
 * profile: a dry run as a dry run) before it goes anywhere.
 *
 * Invariant: the input is never written to, and whatever fails, the
 * proof included, the target is as it was.  The report's arrays are the
 * report's own.
 */
#ifndef JOB_H
#define JOB_H

#include <stddef.h>
#include <sys/types.h>

#include "rewrite.h"
#include "settings/profile.h"
#include "settings/slicer.h"

enum job_flags {
	JOB_FORCE = 1 << 0,		/* replace a read-only file too */
	/* for the tests only (GCODE_LAPSE_FAULT): */
	JOB_FAULT_STALL = 1 << 1,	/* stop once the temporary file
					   is there, until a signal */
	JOB_FAULT_PROOF = 1 << 2,	/* damage the rewrite before its
					   proof */
};

/* Why a job failed: main's exit status follows from it. */
enum job_failure {
	JOB_OK,
	JOB_INPUT,		/* the input cannot be used */
	JOB_TARGET,		/* the output cannot be used (refused) */
	JOB_SYSTEM,		/* a read or write failed, no memory */
	JOB_UNPROVEN,		/* the rewrite failed its proof */
};

/*
 * The input of a rewrite: in (a path, or "-") opened for reading (a
 * stream read to its end into a spool), what its slicer left in it read
 * into *s, the mode a new file made from it gets in *mode,
 * rep->bytes_in and rep->already_processed set.  Returns the descriptor
 * (the caller closes it), or -1 with err about the input, which does not
 * name it, and *why (why may be NULL).
 */
int job_open(const char *in, struct slicer_settings *s, mode_t *mode,
    struct rewrite_report *, enum job_failure *why, char *err,
    size_t errlen);

/*
 * Rewrite in (a path, or "-") into out (NULL: in place, or standard
 * output for "-").  A file that carries the processed mark is left alone
 * (or copied to out).  Returns 0, or -1 with err and *why; err is about
 * the input and does not name it (the caller does: "in: what"), unless
 * it is about another file, which it names.
 */
int job_rewrite(const char *in, const char *out, const struct profile *,
    unsigned flags, struct rewrite_report *, const struct rewrite_hooks *,
    enum job_failure *why, char *err, size_t errlen);

#endif
