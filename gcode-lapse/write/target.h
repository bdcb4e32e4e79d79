/*
 * target.h: where a rewrite goes, and how it gets there in one piece.
 *
 * The rewrite is written to a temporary file first and put where it
 * belongs only when target_commit() is called (after the proof):
 *   - a regular file, or a name that does not exist yet, is replaced all
 *     at once (replace.h), through symbolic links (the link stays, its
 *     target is replaced), keeping an existing file's mode, and its owner
 *     and group as far as the user may (else a warning); a file with
 *     other names (hard links) is replaced under this one only, and a
 *     warning says so; a read-only file (no write permission for anyone,
 *     or not for this user) only when forced;
 *   - "-" (standard output), a FIFO or a character device cannot be
 *     replaced: the proven bytes are written into it from a spool;
 *   - a folder, a block device, a socket and a symbolic link to nothing
 *     are refused.
 * Stale temporary files of earlier runs that died are swept from the
 * folder first (replace_sweep()).
 *
 * Invariant: until target_commit() succeeds nothing is written where the
 * target is, and target_abort() (or a failed commit) leaves nothing
 * behind.  The temporary file and the spool are the target's own.
 */
#ifndef TARGET_H
#define TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "replace.h"

/* Seconds after which a temporary file nobody holds is a dead run's. */
#define TARGET_STALE_S 60

enum target_kind {
	TARGET_FILE,		/* replaced */
	TARGET_STREAM,		/* written into */
};

typedef void (*target_warn_fn)(void *ctx, const char *msg);

struct target {
	enum target_kind kind;
	char name[4096];	/* as given ("-": standard output) */
	struct replace rp;	/* a file: its temporary file */
	mode_t mode;		/* a file: the mode it gets */
	int spool;		/* a stream: the bytes wait here */
	bool refused;		/* target_open(): this target cannot
				   be used (not a system error) */
};

/*
 * Get ready to write to name.  new_mode: a new file's; force: replace a
 * read-only file too; warn (may be NULL) gets what the user should know
 * ("NAME: ..."), with ctx.  Returns 0, or -1 with err naming the target
 * (t->refused says whether the target itself is wrong).
 */
int target_open(struct target *t, const char *name, mode_t new_mode,
    bool force, target_warn_fn warn, void *ctx, char *err, size_t errlen);

/* Where the rewrite is written (and read back from, for the proof). */
int target_fd(const struct target *);

/* Put the bytes in place.  Returns 0, or -1 with err (then aborted). */
int target_commit(struct target *, char *err, size_t errlen);

void target_abort(struct target *);

#endif
