/*
 * sequence.c: see sequence.h.  The folder of the current sequence and the
 * last frame stored in it; the numbering after a resume comes from
 * frames_highest.  The candidate for a resume is looked at with lstat and
 * never followed through a link; .finished is made with O_EXCL and
 * O_NOFOLLOW, .job through replace.h, so nothing planted in the folder
 * redirects a write.
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
#include "num.h"
#include "replace.h"
#include "frames/captures.h"
#include "frames/frames.h"
#include "frames/sequence.h"

#define NAME_LEN 26			/* YYYY-MM-DD-HH-MM-SS.ffffff */
#define FINISHED ".finished"
#define JOB ".job"

struct sequence {
	char root[1024];
	char dir[1024 + NAME_LEN + 2];	/* "" when none is current */
	unsigned last;			/* last frame stored */
	bool have_job;
	struct sequence_job job;	/* the printer's, when have_job */
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
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", dir, FINISHED);
	return lstat(path, &st) == 0;
}

/* A folder this process made: a real one, of its own user. */
static bool
is_own_folder(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
	    st.st_uid == geteuid();
}

void
sequence_set_job(struct sequence *s, const struct sequence_job *job)
{
	s->have_job = job != NULL;
	if (job != NULL)
		s->job = *job;
}

/* Whether the sequence in dir was recorded for another job than ours. */
static bool
other_job(const struct sequence *s, const char *dir)
{
	char path[2048], buf[320], *nl;
	long long d;
	double started;
	ssize_t n;
	int fd;

	if (!s->have_job)
		return false;
	snprintf(path, sizeof path, "%s/%s", dir, JOB);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return false;		/* recorded none: an older agent's */
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	if ((nl = strchr(buf, '\n')) == NULL)
		return false;
	*nl++ = '\0';
	nl[strcspn(nl, "\n")] = '\0';
	if (strcmp(buf, s->job.file) != 0)
		return true;
	if (num_config(nl, 0, 1e12, &started) != NUM_OK || started == 0 ||
	    s->job.started == 0)
		return false;
	d = (long long)started - s->job.started;
	return d > SEQUENCE_JOB_SLACK_S || d < -SEQUENCE_JOB_SLACK_S;
}

/* Record our job in the new sequence dir (best effort). */
static void
record_job(const struct sequence *s, const char *dir)
{
	char path[2048], text[320], err[256];
	int n;

	if (!s->have_job)
		return;
	snprintf(path, sizeof path, "%s/%s", dir, JOB);
	n = snprintf(text, sizeof text, "%s\n%lld\n", s->job.file,
	    s->job.started);
	if (n > 0 && (size_t)n < sizeof text)
		(void)replace_write(path, text, (size_t)n, 0644, err,
		    sizeof err);
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
	if (!is_own_folder(path) || is_finished(path) || other_job(s, path))
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
	if (captures_make(s->root, err, errlen) == -1)
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
	record_job(s, s->dir);
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
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	if (fd == -1 && errno != EEXIST)
		return errbuf_set(err, errlen, "%s: %s", path, strerror(errno));
	if (fd == -1)
		return 0;		/* finished already */
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
