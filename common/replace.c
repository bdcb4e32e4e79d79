/*
 * replace.c: see replace.h.  Temporary file (mkostemp: created new, never
 * through a link), fsync, rename, fsync of the folder.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errbuf.h"
#include "replace.h"

int
replace_begin(struct replace *r, const char *target, char *err,
    size_t errlen)
{
	char dir[sizeof r->tmp], base[sizeof r->tmp];

	r->fd = -1;
	if (strlen(target) >= sizeof r->target)
		return errbuf_set(err, errlen, "%s: name too long", target);
	snprintf(r->target, sizeof r->target, "%s", target);
	snprintf(dir, sizeof dir, "%s", target);
	snprintf(base, sizeof base, "%s", target);
	if (snprintf(r->tmp, sizeof r->tmp, "%s/.%s.gl-XXXXXX", dirname(dir),
	    basename(base)) >= (int)sizeof r->tmp)
		return errbuf_set(err, errlen, "%s: name too long", target);
	if ((r->fd = mkostemp(r->tmp, O_CLOEXEC)) == -1)
		return errbuf_set(err, errlen, "cannot create a temporary file "
		    "beside %s: %s", target, strerror(errno));
	return 0;
}

int
replace_commit(struct replace *r, mode_t mode, char *err, size_t errlen)
{
	char dir[sizeof r->target];
	int dfd;

	if (fchmod(r->fd, mode & 07777) == -1) {
		errbuf_set(err, errlen, "%s: chmod: %s", r->tmp,
		    strerror(errno));
		goto fail;
	}
	if (fsync(r->fd) == -1) {
		errbuf_set(err, errlen, "%s: fsync: %s", r->tmp,
		    strerror(errno));
		goto fail;
	}
	if (close(r->fd) == -1) {
		r->fd = -1;
		errbuf_set(err, errlen, "%s: %s", r->tmp, strerror(errno));
		goto fail;
	}
	r->fd = -1;
	if (rename(r->tmp, r->target) == -1) {
		errbuf_set(err, errlen, "cannot replace %s: %s", r->target,
		    strerror(errno));
		goto fail;
	}
	snprintf(dir, sizeof dir, "%s", r->target);
	if ((dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
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
replace_write(const char *path, const void *data, size_t len, mode_t mode,
    char *err, size_t errlen)
{
	struct replace r;

	if (replace_begin(&r, path, err, errlen) == -1)
		return -1;
	if (replace_write_all(r.fd, data, len) == -1) {
		errbuf_set(err, errlen, "%s: %s", r.tmp, strerror(errno));
		replace_abort(&r);
		return -1;
	}
	return replace_commit(&r, mode, err, errlen);
}

int
replace_write_all(int fd, const void *data, size_t n)
{
	const char *p = data;
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1 && errno == EINTR)
			continue;
		if (w == -1)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
replace_copy(int in, int out)
{
	char b[65536];
	ssize_t n;

	while ((n = read(in, b, sizeof b)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || replace_write_all(out, b, (size_t)n) == -1)
			return -1;
	}
	return 0;
}
