/*
 * replace.c: temporary file, fsync, rename.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "replace.h"

int
replace_begin(struct replace *r, const char *target, char *err,
    size_t errlen)
{
	char dir[sizeof r->tmp], base[sizeof r->tmp];

	r->fd = -1;
	if (strlen(target) >= sizeof r->target) {
		snprintf(err, errlen, "%s: name too long", target);
		return -1;
	}
	snprintf(r->target, sizeof r->target, "%s", target);
	snprintf(dir, sizeof dir, "%s", target);
	snprintf(base, sizeof base, "%s", target);
	if (snprintf(r->tmp, sizeof r->tmp, "%s/.%s.gl-XXXXXX", dirname(dir),
	    basename(base)) >= (int)sizeof r->tmp) {
		snprintf(err, errlen, "%s: name too long", target);
		return -1;
	}
	if ((r->fd = mkstemp(r->tmp)) == -1) {
		snprintf(err, errlen, "cannot create a temporary file beside "
		    "%s: %s", target, strerror(errno));
		return -1;
	}
	return 0;
}

int
replace_commit(struct replace *r, mode_t mode, char *err, size_t errlen)
{
	char dir[sizeof r->target];
	int dfd;

	if (fchmod(r->fd, mode & 07777) == -1) {
		snprintf(err, errlen, "%s: chmod: %s", r->tmp, strerror(errno));
		goto fail;
	}
	if (fsync(r->fd) == -1) {
		snprintf(err, errlen, "%s: fsync: %s", r->tmp, strerror(errno));
		goto fail;
	}
	if (close(r->fd) == -1) {
		r->fd = -1;
		snprintf(err, errlen, "%s: %s", r->tmp, strerror(errno));
		goto fail;
	}
	r->fd = -1;
	if (rename(r->tmp, r->target) == -1) {
		snprintf(err, errlen, "cannot replace %s: %s", r->target,
		    strerror(errno));
		goto fail;
	}
	snprintf(dir, sizeof dir, "%s", r->target);
	if ((dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY)) != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
	return 0;
fail:
	replace_abort(r);
	return -1;
}

void
replace_abort(struct replace *r)
{
	if (r->fd != -1)
		close(r->fd);
	r->fd = -1;
	unlink(r->tmp);
}

int
replace_copy(int in, int out)
{
	char b[65536];
	ssize_t n;

	while ((n = read(in, b, sizeof b)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, b + off, (size_t)(n - off));

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return -1;
			off += w;
		}
	}
	return 0;
}
