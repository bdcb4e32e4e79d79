/*
 * spool.c: O_TMPFILE where the file system has it, else mkstemp and an
 * unlink at once (signals blocked in between, so no name is left).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
#include "replace.h"
#include "write/spool.h"

static const char *
tmpdir(void)
{
	const char *d = getenv("TMPDIR");

	return d != NULL && d[0] != '\0' ? d : "/tmp";
}

int
spool_new(char *err, size_t errlen)
{
	const char *dir = tmpdir();
	char path[4096];
	sigset_t all, old;
	int fd;

	if ((fd = open(dir, O_RDWR | O_TMPFILE | O_CLOEXEC, 0600)) != -1)
		return fd;
	if (snprintf(path, sizeof path, "%s/gcode-lapse.XXXXXX", dir) >=
	    (int)sizeof path)
		return errbuf_set(err, errlen, "%s: name too long", dir);
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	if ((fd = mkostemp(path, O_CLOEXEC)) != -1)
		unlink(path);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd == -1)
		return errbuf_set(err, errlen, "cannot create a temporary file "
		    "in %s: %s", dir, strerror(errno));
	return fd;
}

int
spool_fill(int fd, int in, char *err, size_t errlen)
{
	char b[65536];
	unsigned long long at = 0;
	const char *nul;
	ssize_t n;

	while ((n = read(in, b, sizeof b)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return errbuf_set(err, errlen, "read error: %s",
			    strerror(errno));
		if ((nul = memchr(b, '\0', (size_t)n)) != NULL) {
			errbuf_set(err, errlen, "a NUL byte at byte %llu: "
			    "binary data, not G-code", at + (size_t)(nul - b) +
			    1);
			return 1;
		}
		if (replace_write_all(fd, b, (size_t)n) == -1)
			return errbuf_set(err, errlen, "temporary file: %s",
			    strerror(errno));
		at += (size_t)n;
	}
	if (lseek(fd, 0, SEEK_SET) == -1)
		return errbuf_set(err, errlen, "temporary file: %s",
		    strerror(errno));
	return 0;
}
