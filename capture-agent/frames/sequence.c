/*
 * sequence.c: see sequence.h.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
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

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	snprintf(s->root, sizeof(s->root), "%s", root);
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

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
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
	snprintf(err, errlen, "%s: %s", buf, strerror(errno));
	return -1;
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

/* NNNNNN.jpeg -> N, or 0 */
static unsigned
frame_number(const char *n)
{
	unsigned v = 0;
	int i;

	if (strlen(n) != 11 || strcmp(n + 6, ".jpeg") != 0)
		return 0;
	for (i = 0; i < 6; i++) {
		if (n[i] < '0' || n[i] > '9')
			return 0;
		v = v * 10 + (unsigned)(n[i] - '0');
	}
	return v;
}

/* Highest frame in path and, when depth > 0, its sub-folders. */
static unsigned
highest_frame(const char *path, int depth)
{
	char sub[2048];
	struct dirent *e;
	struct stat st;
	unsigned best = 0, v;
	DIR *d;

	if ((d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((v = frame_number(e->d_name)) > best)
			best = v;
		if (v == 0 && depth > 0 && snprintf(sub, sizeof(sub), "%s/%s",
		    path, e->d_name) < (int)sizeof(sub) &&
		    stat(sub, &st) == 0 && S_ISDIR(st.st_mode) &&
		    (v = highest_frame(sub, depth - 1)) > best)
			best = v;
	}
	closedir(d);
	return best;
}

static int
is_finished(const char *dir)
{
	char path[2048];

	snprintf(path, sizeof(path), "%s/%s", dir, FINISHED);
	return access(path, F_OK) == 0;
}

/* The newest unfinished sequence under root into s->dir; 1 found, 0 not. */
static int
resume(struct sequence *s)
{
	char best[NAME_LEN + 1] = "", path[sizeof(s->dir)];
	struct dirent *e;
	DIR *d;

	if ((d = opendir(s->root)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (sequence_is_name(e->d_name) && strcmp(e->d_name, best) > 0)
			memcpy(best, e->d_name, NAME_LEN + 1);
	closedir(d);
	if (best[0] == '\0')
		return 0;
	snprintf(path, sizeof(path), "%s/%s", s->root, best);
	if (is_finished(path))
		return 0;
	memcpy(s->dir, path, sizeof(s->dir));
	s->last = highest_frame(s->dir, 1);
	return 1;
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
	strftime(stamp, sizeof(stamp), "%Y-%m-%d-%H-%M-%S", &tm);
	snprintf(name, sizeof(name), "%s.%06ld", stamp, when->tv_nsec / 1000);
	if (snprintf(s->dir, sizeof(s->dir), "%s/%s", s->root, name) >=
	    (int)sizeof(s->dir)) {
		s->dir[0] = '\0';
		snprintf(err, errlen, "%s: path too long", s->root);
		return -1;
	}
	if (mkdir(s->dir, 0755) == -1) {
		snprintf(err, errlen, "%s: %s", s->dir, strerror(errno));
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
	if (s->last >= 999999) {
		snprintf(err, errlen, "%s: a million frames: start a new "
		    "sequence", s->dir);
		return -1;
	}
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
	char path[sizeof(s->dir) + sizeof(FINISHED) + 1];
	int fd;

	if (s->dir[0] == '\0')
		return 0;
	snprintf(path, sizeof(path), "%s/%s", s->dir, FINISHED);
	s->dir[0] = '\0';
	s->last = 0;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

int
sequence_set_aside(struct sequence *s, const char *name, char *err,
    size_t errlen)
{
	char from[sizeof(s->root) + NAME_LEN + 2];
	char to[sizeof(s->root) + NAME_LEN + sizeof(SEQUENCE_ASIDE) + 2];
	const char *cur = s->dir[0] ? strrchr(s->dir, '/') : NULL;

	if (!sequence_is_name(name)) {
		errno = ENOENT;
		return errbuf_set(err, errlen, "%s: not a sequence", name);
	}
	if (cur != NULL && strcmp(cur + 1, name) == 0) {
		errno = EBUSY;
		return errbuf_set(err, errlen, "%s is being recorded", name);
	}
	snprintf(from, sizeof(from), "%s/%s", s->root, name);
	snprintf(to, sizeof(to), "%s/%s%s", s->root, SEQUENCE_ASIDE, name);
	if (rename(from, to) == -1)
		return errbuf_set(err, errlen, "%s: %s", from, strerror(errno));
	return 0;
}
