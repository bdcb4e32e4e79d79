/*
 * replace.h: replace a file all at once, or not at all.
 *
 * A temporary file is made beside the target (same folder, so rename(2)
 * is atomic); commit gives it the mode asked for, fsyncs it, renames it
 * over the target and fsyncs the folder.  Invariant: until a commit
 * succeeds the target is untouched, and after a failure or an abort no
 * temporary file is left behind.
 */
#ifndef REPLACE_H
#define REPLACE_H

#include <stddef.h>
#include <sys/types.h>

struct replace {
	char target[4096];
	char tmp[4096];
	int fd;			/* the temporary file, -1 when none */
};

/* Create the temporary file.  Returns 0, or -1 with err. */
int replace_begin(struct replace *, const char *target, char *err,
    size_t errlen);

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

#endif
