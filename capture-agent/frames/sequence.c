/*
 * sequence.c: see sequence.h.  The folder of the current sequence and the
 * last frame stored in it; the numbering after a resume comes from
 * frames_highest.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
#include "frames/frames.h"
#include "frames/sequence.h"

#define NAME_LEN 26			/* YYYY-MM-DD-HH-MM-SS.ffffff */
#define FINISHED ".finished"

struct sequence {
	char root[1024];
	char dir[1024 + NAME_LEN + 2];	/* "" when none is current */
	unsigned last;			/* last frame stored */
};

struct sequence *
sequence_new(const char *root)
{
	struct sequence *s;

	if ((s = calloc(1, sizeof *s)) == NULL)
		return NULL;
	snprintf(s->root, sizeof s->root, "%s", root);
	return s;
}

void
sequence_free(struct sequence *s)
{
	free(s);
}

const char *
sequence_dir(const struct sequence *s)
{
	return s->dir[0] ? s->dir : NULL;
}

unsigned
sequence_last(const struct sequence *s)
{
	return s->dir[0] ? s->last : 0;
}

/* mkdir -p */
static int
mkdirs(const char *path, char *err, size_t errlen)
{
	char buf[1024];
	char *p;

	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
		return errbuf_set(err, errlen, "%s: path too long", path);
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) == -1 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(buf, 0755) == -1 && errno != EEXIST)
		goto fail;
	return 0;
fail:
	return errbuf_set(err, errlen, "%s: %s", buf, strerror(errno));
}

bool
sequence_is_name(const char *n)
{
	static const char shape[] = "dddd-dd-dd-dd-dd-dd.dddddd";
	int i;

	if (strlen(n) != NAME_LEN)
		return false;
	for (i = 0; i < NAME_LEN; i++)
		if (shape[i] == 'd' ? n[i] < '0' || n[i] > '9' :
		    n[i] != shape[i])
			return false;
	return true;
}

static bool
is_finished(const char *dir)
{
	char path[2048];

	snprintf(path, sizeof path, "%s/%s", dir, FINISHED);
	return access(path, F_OK) == 0;
}

/* The newest unfinished sequence under root into s->dir: whether found. */
static bool
resume(struct sequence *s)
{
	char best[NAME_LEN + 1] = "", path[sizeof s->dir];
	struct dirent *e;
	DIR *d;

	if ((d = opendir(s->root)) == NULL)
		return false;
	while ((e = readdir(d)) != NULL)
		if (sequence_is_name(e->d_name) && strcmp(e->d_name, best) > 0)
			memcpy(best, e->d_name, NAME_LEN + 1);
	closedir(d);
	if (best[0] == '\0')
		return false;
	snprintf(path, sizeof path, "%s/%s", s->root, best);
	if (is_finished(path))
		return false;
	memcpy(s->dir, path, sizeof s->dir);
	s->last = frames_highest(s->dir);
	return true;
}

const char *
sequence_resume(struct sequence *s)
{
	if (s->dir[0] == '\0' && !resume(s))
		return NULL;
	return s->dir;
}

int
sequence_start(struct sequence *s, const struct timespec *when, char *err,
    size_t errlen)
{
	char name[64], stamp[32];
	struct tm tm;
	time_t t = when->tv_sec;

	if (s->dir[0] != '\0')
		(void)sequence_finish(s, err, errlen);
	if (mkdirs(s->root, err, errlen) == -1)
		return -1;
	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d-%H-%M-%S", &tm);
	snprintf(name, sizeof name, "%s.%06ld", stamp, when->tv_nsec / 1000);
	if (snprintf(s->dir, sizeof s->dir, "%s/%s", s->root, name) >=
	    (int)sizeof s->dir) {
		s->dir[0] = '\0';
		return errbuf_set(err, errlen, "%s: path too long", s->root);
	}
	if (mkdir(s->dir, 0755) == -1) {
		errbuf_set(err, errlen, "%s: %s", s->dir, strerror(errno));
		s->dir[0] = '\0';
		return -1;
	}
	s->last = 0;
	return 0;
}

int
sequence_next(struct sequence *s, const struct timespec *when,
    const char **dir, unsigned *frame, char *err, size_t errlen)
{
	if (s->dir[0] == '\0' && !resume(s) &&
	    sequence_start(s, when, err, errlen) == -1)
		return -1;
	if (s->last >= FRAMES_MAX)
		return errbuf_set(err, errlen, "%s: frame %u is the last one "
		    "a sequence holds: start a new sequence", s->dir, s->last);
	*dir = s->dir;
	*frame = s->last + 1;
	return 0;
}

void
sequence_stored(struct sequence *s, int stored)
{
	if (stored > 0 && s->dir[0] != '\0')
		s->last++;
}

int
sequence_finish(struct sequence *s, char *err, size_t errlen)
{
	char path[sizeof s->dir + sizeof FINISHED + 1];
	int fd;

	if (s->dir[0] == '\0')
		return 0;
	snprintf(path, sizeof path, "%s/%s", s->dir, FINISHED);
	s->dir[0] = '\0';
	s->last = 0;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) == -1)
		return errbuf_set(err, errlen, "%s: %s", path, strerror(errno));
	close(fd);
	return 0;
}

int
sequence_set_aside(struct sequence *s, const char *name, char *err,
    size_t errlen)
{
	char from[sizeof s->root + NAME_LEN + 2];
	char to[sizeof s->root + NAME_LEN + sizeof SEQUENCE_ASIDE + 2];
	const char *cur = s->dir[0] ? strrchr(s->dir, '/') : NULL;

	if (!sequence_is_name(name)) {
		errno = ENOENT;
		return errbuf_set(err, errlen, "%s: not a sequence", name);
	}
	if (cur != NULL && strcmp(cur + 1, name) == 0) {
		errno = EBUSY;
		return errbuf_set(err, errlen, "%s is being recorded", name);
	}
	snprintf(from, sizeof from, "%s/%s", s->root, name);
	snprintf(to, sizeof to, "%s/%s%s", s->root, SEQUENCE_ASIDE, name);
	if (rename(from, to) == -1)
		return errbuf_set(err, errlen, "%s: %s", from, strerror(errno));
	return 0;
}
