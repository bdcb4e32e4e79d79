/*
 * frames.c: see frames.h.  Names are parsed by hand (no sscanf: "+12" and
 * " 12" are not frames); an own name is one that frames_path would write
 * again byte for byte.  Folders are read with readdir and sorted by
 * number.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "errbuf.h"
#include "replace.h"
#include "frames/frames.h"
#include "frames/jpeg.h"

#define DIGITS_MIN	6
#define DIGITS_MAX	9	/* FRAMES_MAX */
#define OWN_EXT		".jpeg"

struct frame {
	long	 number;
	char	*path;
};

struct frames {
	struct frame	*frames;
	size_t		 count;
};

/* The digits at the start of name: their value, and *rest after them;
 * -1 when there are fewer than DIGITS_MIN or more than DIGITS_MAX. */
static long
leading_number(const char *name, const char **rest)
{
	const char *p;
	long n = 0;

	for (p = name; *p >= '0' && *p <= '9'; p++) {
		if (p - name == DIGITS_MAX)
			return -1;
		n = n * 10 + (*p - '0');
	}
	if (p - name < DIGITS_MIN)
		return -1;
	*rest = p;
	return n;
}

int
frames_path(char *path, size_t len, const char *dir, const char *camera,
    unsigned frame)
{
	int n;

	if (camera != NULL)
		n = snprintf(path, len, "%s/%s/%06u" OWN_EXT, dir, camera,
		    frame);
	else
		n = snprintf(path, len, "%s/%06u" OWN_EXT, dir, frame);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

long
frames_own_number(const char *name)
{
	char again[32];
	const char *rest;
	long n;

	if ((n = leading_number(name, &rest)) < 1 ||
	    strcmp(rest, OWN_EXT) != 0)
		return -1;
	snprintf(again, sizeof again, "%06u" OWN_EXT, (unsigned)n);
	return strcmp(again, name) == 0 ? n : -1;
}

long
frames_any_number(const char *name)
{
	const char *rest;
	long n;

	if ((n = leading_number(name, &rest)) < 0 ||
	    (strcasecmp(rest, ".jpeg") != 0 && strcasecmp(rest, ".jpg") != 0))
		return -1;
	return n;
}

/* Whether dir/name is a folder. */
static bool
is_folder(const char *dir, const char *name)
{
	char path[4096];
	struct stat st;

	return snprintf(path, sizeof path, "%s/%s", dir, name) <
	    (int)sizeof path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Highest own frame in path and, when depth > 0, its sub-folders. */
static unsigned
highest(const char *path, int depth)
{
	char sub[4096];
	struct dirent *e;
	unsigned best = 0, v;
	long n;
	DIR *d;

	if ((d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((n = frames_own_number(e->d_name)) > 0) {
			if ((unsigned)n > best)
				best = (unsigned)n;
			continue;
		}
		if (depth > 0 && is_folder(path, e->d_name) &&
		    snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) <
		    (int)sizeof sub && (v = highest(sub, depth - 1)) > best)
			best = v;
	}
	closedir(d);
	return best;
}

unsigned
frames_highest(const char *dir)
{
	return highest(dir, 1);
}

static int
frame_cmp(const void *a, const void *b)
{
	const struct frame *fa = a, *fb = b;

	if (fa->number != fb->number)
		return fa->number < fb->number ? -1 : 1;
	return strcmp(fa->path, fb->path);
}

int
frames_read(const char *dir, struct frames **listp, char *err,
    size_t errlen)
{
	struct frames *list;
	struct dirent *de;
	struct frame *grown;
	DIR *d;
	size_t cap = 0;
	long n;

	*listp = NULL;
	if ((d = opendir(dir)) == NULL)
		return errbuf_set(err, errlen, "%s: %s", dir, strerror(errno));
	if ((list = calloc(1, sizeof *list)) == NULL)
		goto nomem;
	while ((de = readdir(d)) != NULL) {
		if ((n = frames_any_number(de->d_name)) == -1)
			continue;
		if (list->count == cap) {
			cap = cap ? cap * 2 : 256;
			grown = reallocarray(list->frames, cap, sizeof *grown);
			if (grown == NULL)
				goto nomem;
			list->frames = grown;
		}
		list->frames[list->count].number = n;
		if (asprintf(&list->frames[list->count].path, "%s/%s", dir,
		    de->d_name) == -1)
			goto nomem;
		list->count++;
	}
	closedir(d);
	if (list->count > 1)	/* frames is NULL when there are none */
		qsort(list->frames, list->count, sizeof *list->frames,
		    frame_cmp);
	*listp = list;
	return 0;
nomem:
	closedir(d);
	frames_free(list);
	return errbuf_set(err, errlen, "%s: out of memory", dir);
}

void
frames_free(struct frames *list)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < list->count; i++)
		free(list->frames[i].path);
	free(list->frames);
	free(list);
}

size_t
frames_count(const struct frames *list)
{
	return list->count;
}

const char *
frames_file(const struct frames *list, size_t i)
{
	return i < list->count ? list->frames[i].path : NULL;
}

long
frames_number(const struct frames *list, size_t i)
{
	return i < list->count ? list->frames[i].number : -1;
}

bool
frames_exist(const char *dir)
{
	struct dirent *de;
	DIR *d;
	bool found = false;

	if ((d = opendir(dir)) == NULL)
		return false;
	while (!found && (de = readdir(d)) != NULL)
		found = frames_any_number(de->d_name) >= 0;
	closedir(d);
	return found;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
frames_cameras(const char *sequence_dir, char ***camerasp, char *err,
    size_t errlen)
{
	struct dirent *de;
	char **names, **grown, sub[4096];
	DIR *d;
	size_t count = 0, cap = 8;

	*camerasp = NULL;
	if ((d = opendir(sequence_dir)) == NULL)
		return errbuf_set(err, errlen, "%s: %s", sequence_dir,
		    strerror(errno));
	if ((names = calloc(cap, sizeof *names)) == NULL)
		goto nomem;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' ||
		    !is_folder(sequence_dir, de->d_name) ||
		    snprintf(sub, sizeof sub, "%s/%s", sequence_dir,
		    de->d_name) >= (int)sizeof sub || !frames_exist(sub))
			continue;
		if (count + 1 == cap) {
			grown = reallocarray(names, cap * 2, sizeof *names);
			if (grown == NULL)
				goto nomem;
			names = grown;
			cap *= 2;
		}
		if ((names[count] = strdup(de->d_name)) == NULL)
			goto nomem;
		names[++count] = NULL;
	}
	closedir(d);
	qsort(names, count, sizeof *names, name_cmp);
	*camerasp = names;
	return 0;
nomem:
	closedir(d);
	frames_cameras_free(names);
	return errbuf_set(err, errlen, "%s: out of memory", sequence_dir);
}

void
frames_cameras_free(char **cameras)
{
	char **p;

	if (cameras == NULL)
		return;
	for (p = cameras; *p != NULL; p++)
		free(*p);
	free(cameras);
}

bool
frames_complete(const char *path, char *why, size_t whylen)
{
	unsigned char head[2], tail[JPEG_PAD_MAX + 2];
	struct stat st;
	off_t off;
	ssize_t n;
	int fd;
	bool ok = false;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		errbuf_set(why, whylen, "%s: %s", path, strerror(errno));
		return false;
	}
	if (fstat(fd, &st) == -1 || st.st_size < 4) {
		errbuf_set(why, whylen, "%s: empty or too short", path);
		goto out;
	}
	if (pread(fd, head, 2, 0) != 2 || !jpeg_has_start(head, 2)) {
		errbuf_set(why, whylen, "%s: not a JPEG file", path);
		goto out;
	}
	off = st.st_size > (off_t)sizeof tail ?
	    st.st_size - (off_t)sizeof tail : 0;
	if ((n = pread(fd, tail, sizeof tail, off)) < 2) {
		errbuf_set(why, whylen, "%s: read error", path);
		goto out;
	}
	if (!(ok = jpeg_has_end(tail, (size_t)n)))
		errbuf_set(why, whylen, "%s: truncated (no end marker)", path);
out:
	close(fd);
	return ok;
}

int
frames_store(const char *path, const void *data, size_t len, char *err,
    size_t errlen)
{
	return replace_write(path, data, len, FRAMES_MODE, err, errlen);
}

int
frames_load(const char *path, unsigned char **bufp, size_t *lenp,
    char *err, size_t errlen)
{
	unsigned char *buf;
	struct stat st;
	size_t got = 0;
	ssize_t n;
	int fd;

	*bufp = NULL;
	*lenp = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		errbuf_set(err, errlen, "%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > FRAMES_FILE_MAX) {
		close(fd);
		return errbuf_set(err, errlen, "%s: not a regular file of at "
		    "most %ld bytes", path, FRAMES_FILE_MAX);
	}
	if ((buf = malloc(st.st_size > 0 ? st.st_size : 1)) == NULL) {
		close(fd);
		return errbuf_set(err, errlen, "%s: out of memory", path);
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, st.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	close(fd);
	*bufp = buf;
	*lenp = got;
	return 0;
}
