/*
 * captures.c: see captures.h.  The lock file is opened without following a
 * link (O_NOFOLLOW) and must be a regular file; the pid is written after
 * the lock is taken, so what a refused agent reads is the holder's.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
#include "num.h"
#include "frames/captures.h"

int
captures_make(const char *path, char *err, size_t errlen)
{
	char buf[1024];
	char *p;

	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
		return errbuf_set(err, errlen, "%s: path too long", path);
	for (p = buf + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (p[-1] != '/') {
			char c = *p;

			*p = '\0';
			if (mkdir(buf, 0755) == -1 && errno != EEXIST)
				return errbuf_set(err, errlen, "%s: %s", buf,
				    strerror(errno));
			*p = c;
		}
		if (*p == '\0')
			return 0;
	}
}

int
captures_lock(const char *dir, char *err, size_t errlen)
{
	char path[1100], pid[32];
	struct stat st;
	ssize_t n;
	long holder;
	int fd;

	if (captures_make(dir, err, errlen) == -1)
		return -1;
	if (snprintf(path, sizeof path, "%s/%s", dir, CAPTURES_LOCK) >=
	    (int)sizeof path)
		return errbuf_set(err, errlen, "%s: path too long", dir);
	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd == -1)
		return errbuf_set(err, errlen, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return errbuf_set(err, errlen, "%s: not a regular file", path);
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK) {
			errbuf_set(err, errlen, "%s: %s", path,
			    strerror(errno));
			close(fd);
			return -1;
		}
		n = pread(fd, pid, sizeof pid - 1, 0);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		close(fd);
		if (num_config_long(pid, 1, 0x7fffffff, &holder) == NUM_OK)
			return errbuf_set(err, errlen, "%s is used by another "
			    "capture-agent (pid %ld): two agents on one "
			    "captures folder would lose frames", dir, holder);
		return errbuf_set(err, errlen, "%s is used by another "
		    "capture-agent (%s is locked)", dir, path);
	}
	n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == -1 || pwrite(fd, pid, (size_t)n, 0) != n) {
		errbuf_set(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int
captures_check(const char *dir, char *err, size_t errlen)
{
	char buf[1024];
	struct stat st;
	char *slash;

	if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
		return errbuf_set(err, errlen, "%s: path too long", dir);
	while (stat(buf, &st) == -1) {
		if (errno != ENOENT)
			return errbuf_set(err, errlen, "%s: %s", buf,
			    strerror(errno));
		if ((slash = strrchr(buf, '/')) == NULL)
			snprintf(buf, sizeof buf, ".");
		else if (slash == buf)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	if (!S_ISDIR(st.st_mode))
		return errbuf_set(err, errlen, "captures folder %s: %s is not "
		    "a folder", dir, buf);
	if (access(buf, W_OK | X_OK) == -1)
		return errbuf_set(err, errlen, "captures folder %s: %s: %s%s",
		    dir, buf, strerror(errno), strcmp(buf, dir) == 0 ? "" :
		    " (it would be made there)");
	return 0;
}
