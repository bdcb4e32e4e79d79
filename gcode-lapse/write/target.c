/*
 * target.c: what the name is (stat(2) through links, lstat(2) for a link
 * to nothing), then a replace beside the file the links lead to, or a
 * spool for a stream.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errbuf.h"
#include "write/spool.h"
#include "write/target.h"

static int
refuse(struct target *t, char *err, size_t errlen, const char *why)
{
	t->refused = true;
	return errbuf_set(err, errlen, "%s", why);
}

/* Say what cannot be kept of the file's owner and group. */
static void
keep_owner(struct target *t, const struct stat *st, target_warn_fn warn,
    void *ctx)
{
	char msg[200];

	if (st->st_uid == geteuid() && st->st_gid == getegid())
		return;
	if (replace_own(&t->rp, st->st_uid, st->st_gid) == 0)
		return;
	if (replace_own(&t->rp, (uid_t)-1, st->st_gid) == 0) {
		snprintf(msg, sizeof msg, "owner (user %lu) not kept: the "
		    "rewritten file is yours", (unsigned long)st->st_uid);
	} else if (st->st_uid == geteuid()) {
		snprintf(msg, sizeof msg, "group (%lu) not kept: the "
		    "rewritten file has yours", (unsigned long)st->st_gid);
	} else {
		snprintf(msg, sizeof msg, "owner and group (%lu:%lu) not "
		    "kept: the rewritten file is yours",
		    (unsigned long)st->st_uid, (unsigned long)st->st_gid);
	}
	if (warn != NULL)
		warn(ctx, msg);
}

/* An existing regular file, reached through path (links followed). */
static int
open_file(struct target *t, const char *path, const struct stat *st,
    bool force, target_warn_fn warn, void *ctx, char *err, size_t errlen)
{
	char msg[200];

	if (!force && ((st->st_mode & 0222) == 0 ||
	    faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == -1)) {
		snprintf(msg, sizeof msg, "read-only (mode %04o%s): "
		    "--force rewrites it anyway", (unsigned)st->st_mode & 07777,
		    (st->st_mode & 0222) != 0 ? ", not yours to write" : "");
		return refuse(t, err, errlen, msg);
	}
	replace_sweep(path, TARGET_STALE_S);
	if (replace_begin(&t->rp, path, err, errlen) == -1)
		return -1;
	t->mode = st->st_mode;
	keep_owner(t, st, warn, ctx);
	if (st->st_nlink > 1 && warn != NULL) {
		if (st->st_nlink == 2)
			snprintf(msg, sizeof msg, "has 2 names (hard links): "
			    "this one gets the rewritten file, the other keeps "
			    "the original");
		else
			snprintf(msg, sizeof msg, "has %lu names (hard links):"
			    " this one gets the rewritten file, the other %lu "
			    "keep the original", (unsigned long)st->st_nlink,
			    (unsigned long)st->st_nlink - 1);
		warn(ctx, msg);
	}
	return 0;
}

int
target_open(struct target *t, const char *name, mode_t new_mode,
    bool force, target_warn_fn warn, void *ctx, char *err, size_t errlen)
{
	char real[PATH_MAX];
	struct stat st, lst;

	memset(t, 0, sizeof *t);
	t->rp.fd = t->spool = -1;
	if (snprintf(t->name, sizeof t->name, "%s", name) >=
	    (int)sizeof t->name)
		return refuse(t, err, errlen, "name too long");
	if (strcmp(name, "-") == 0 || (stat(name, &st) == 0 &&
	    (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)))) {
		t->kind = TARGET_STREAM;
		return (t->spool = spool_new(err, errlen)) == -1 ? -1 : 0;
	}
	t->kind = TARGET_FILE;
	if (stat(name, &st) == -1) {
		int e = errno;

		if (e == ELOOP)
			return refuse(t, err, errlen, "a loop of symbolic "
			    "links");
		if (e == ENOENT && lstat(name, &lst) == 0 &&
		    S_ISLNK(lst.st_mode))
			return refuse(t, err, errlen, "a symbolic link to "
			    "nothing");
		if (e != ENOENT)
			return errbuf_set(err, errlen, "%s", strerror(e));
		replace_sweep(name, TARGET_STALE_S);
		t->mode = new_mode;
		return replace_begin(&t->rp, name, err, errlen);
	}
	if (S_ISDIR(st.st_mode))
		return refuse(t, err, errlen, "a folder, not a file");
	if (S_ISBLK(st.st_mode))
		return refuse(t, err, errlen, "a block device: no G-code is "
		    "written onto a disk");
	if (!S_ISREG(st.st_mode))
		return refuse(t, err, errlen, "not a file G-code can be "
		    "written to (a socket?)");
	if (lstat(name, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		/* the file the links lead to is replaced: they stay */
		if (realpath(name, real) == NULL)
			return errbuf_set(err, errlen, "%s", strerror(errno));
		name = real;
	}
	return open_file(t, name, &st, force, warn, ctx, err, errlen);
}

int
target_fd(const struct target *t)
{
	return t->kind == TARGET_FILE ? t->rp.fd : t->spool;
}

/* The spool into the stream, from its start. */
static int
pour(struct target *t, char *err, size_t errlen)
{
	int out = STDOUT_FILENO, r = 0;

	if (lseek(t->spool, 0, SEEK_SET) == -1)
		return errbuf_set(err, errlen, "temporary file: %s",
		    strerror(errno));
	if (strcmp(t->name, "-") != 0 && (out = open(t->name, O_WRONLY |
	    O_NOCTTY | O_CLOEXEC)) == -1)
		return errbuf_set(err, errlen, "%s", strerror(errno));
	if (replace_copy(t->spool, out) == -1)
		r = errbuf_set(err, errlen, "write error: %s",
		    strerror(errno));
	if (out != STDOUT_FILENO && close(out) == -1 && r == 0)
		r = errbuf_set(err, errlen, "write error: %s",
		    strerror(errno));
	return r;
}

int
target_commit(struct target *t, char *err, size_t errlen)
{
	int r;

	if (t->kind == TARGET_FILE)
		return replace_commit(&t->rp, t->mode, err, errlen);
	r = pour(t, err, errlen);
	target_abort(t);
	return r;
}

void
target_abort(struct target *t)
{
	if (t->kind == TARGET_FILE) {
		replace_abort(&t->rp);
	} else if (t->spool != -1) {
		close(t->spool);
		t->spool = -1;
	}
}
