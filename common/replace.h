/*
 * replace.h: replace a file all at once, or not at all.
 *
 * A temporary file is made beside the target (same folder, so rename(2)
 * is atomic), named ".NAME.gl-XXXXXX" (NAME shortened, its extension
 * kept, when the whole would not fit in NAME_MAX) and locked (flock) for
 * as long as it lives; commit gives it the mode asked for, fsyncs it,
 * renames it over the target and fsyncs the folder.  Invariant: until a
 * commit succeeds the target is untouched, and after a failure or an
 * abort no temporary file is left behind.
 *
 * Beyond a process's own life: after replace_on_signals() SIGINT, SIGTERM
 * and SIGHUP remove the temporary files of the replaces under way before
 * the process ends as the signal would; one that dies of SIGKILL (or a
 * power cut) leaves its file, which replace_sweep() finds later by its
 * name, its age and its lock.  The list of the files under way is the
 * one state of this module that is global: a signal handler cannot be
 * given anything else.
 */
#ifndef REPLACE_H
#define REPLACE_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

struct replace {
	char target[4096];
	char tmp[4096];
	int fd;			/* the temporary file, -1 when none */
};

/* Create the temporary file.  Returns 0, or -1 with err. */
int replace_begin(struct replace *, const char *target, char *err,
    size_t errlen);

/*
 * Give the temporary file this owner and group (before the commit, which
 * sets the mode after it).  Returns 0, or -1 with errno (EPERM when the
 * caller may not).
 */
int replace_own(struct replace *, uid_t uid, gid_t gid);

/* Put it in place with mode.  Returns 0, or -1 with err (then aborted). */
int replace_commit(struct replace *, mode_t mode, char *err,
    size_t errlen);

/* Throw the temporary file away. */
void replace_abort(struct replace *);

/*
 * The whole job for bytes in memory: path gets exactly data[0..len) with
 * mode, or stays as it was.  Returns 0, or -1 with err.
 */
int replace_write(const char *path, const void *data, size_t len,
    mode_t mode, char *err, size_t errlen);

/* Write all n bytes to fd (through EINTR).  Returns 0, or -1 with errno. */
int replace_write_all(int fd, const void *data, size_t n);

/* Copy in to out to the end.  Returns 0, or -1 with errno. */
int replace_copy(int in, int out);

/*
 * From now on SIGINT, SIGTERM and SIGHUP (those not ignored when it is
 * called) remove the temporary files of the replaces under way, then end
 * the process as the signal would have.  For a program that has no
 * handlers of its own for them.  Returns 0, or -1 with errno.
 */
int replace_on_signals(void);

/*
 * Remove, in the target's folder, the temporary files that replaces of
 * files with the target's extension left when their process died: ours
 * by name, owned by this user, not locked by a live process, and last
 * written more than min_age seconds ago.  Returns how many it removed.
 */
int replace_sweep(const char *target, time_t min_age);

#endif
