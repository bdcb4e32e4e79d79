/*
 * framelist.c: frames of a sequence folder, found with readdir and sorted
 * by number.  A name is a frame when it is six to nine digits followed by
 * ".jpeg" or ".jpg" (any case); everything else is skipped, which keeps
 * temporary files of a capture still being written out of a render.
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

#include "frames/framelist.h"

struct frame {
	long	 number;
	char	*path;
};

struct framelist {
	struct frame	*frames;
	size_t		 count;
};

/* Frame number of a file name, or -1 when the name is not a frame. */
static long
frame_number(const char *name)
{
	const char *p;
	long n = 0;
	size_t digits = 0;

	for (p = name; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (*p - '0');
		digits++;
		if (digits > 9)
			return -1;
	}
	if (digits < 6)
		return -1;
	if (strcasecmp(p, ".jpeg") != 0 && strcasecmp(p, ".jpg") != 0)
		return -1;
	return n;
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
framelist_read(const char *dir, struct framelist **listp, char *err,
    size_t errlen)
{
	struct framelist *list;
	struct dirent *de;
	struct frame *grown;
	DIR *d;
	size_t cap = 0;
	long n;

	*listp = NULL;
	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if ((list = calloc(1, sizeof(*list))) == NULL)
		goto nomem;
	while ((de = readdir(d)) != NULL) {
		if ((n = frame_number(de->d_name)) < 0)
			continue;
		if (list->count == cap) {
			cap = cap ? cap * 2 : 256;
			grown = reallocarray(list->frames, cap, sizeof(*grown));
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
		qsort(list->frames, list->count, sizeof(*list->frames),
		    frame_cmp);
	*listp = list;
	return 0;
nomem:
	closedir(d);
	framelist_free(list);
	snprintf(err, errlen, "%s: out of memory", dir);
	return -1;
}

void
framelist_free(struct framelist *list)
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
framelist_count(const struct framelist *list)
{
	return list->count;
}

const char *
framelist_path(const struct framelist *list, size_t i)
{
	return i < list->count ? list->frames[i].path : NULL;
}

long
framelist_number(const struct framelist *list, size_t i)
{
	return i < list->count ? list->frames[i].number : -1;
}

/* Whether the folder dir holds at least one frame. */
static int
has_frames(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int found = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while (!found && (de = readdir(d)) != NULL)
		found = frame_number(de->d_name) >= 0;
	closedir(d);
	return found;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
framelist_cameras(const char *sequence_dir, char ***camerasp, char *err,
    size_t errlen)
{
	struct dirent *de;
	struct stat st;
	char **names, **grown, *sub = NULL;
	DIR *d;
	size_t count = 0, cap = 8;

	*camerasp = NULL;
	if ((d = opendir(sequence_dir)) == NULL) {
		snprintf(err, errlen, "%s: %s", sequence_dir, strerror(errno));
		return -1;
	}
	if ((names = calloc(cap, sizeof(*names))) == NULL)
		goto nomem;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (asprintf(&sub, "%s/%s", sequence_dir, de->d_name) == -1) {
			sub = NULL;
			goto nomem;
		}
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode) &&
		    has_frames(sub)) {
			if (count + 1 == cap) {
				grown = reallocarray(names, cap * 2,
				    sizeof(*names));
				if (grown == NULL)
					goto nomem;
				names = grown;
				cap *= 2;
			}
			if ((names[count] = strdup(de->d_name)) == NULL)
				goto nomem;
			names[++count] = NULL;
		}
		free(sub);
		sub = NULL;
	}
	closedir(d);
	qsort(names, count, sizeof(*names), name_cmp);
	*camerasp = names;
	return 0;
nomem:
	free(sub);
	closedir(d);
	framelist_cameras_free(names);
	snprintf(err, errlen, "%s: out of memory", sequence_dir);
	return -1;
}

void
framelist_cameras_free(char **cameras)
{
	char **p;

	if (cameras == NULL)
		return;
	for (p = cameras; *p != NULL; p++)
		free(*p);
	free(cameras);
}

int
framelist_jpeg_complete(const char *path, char *why, size_t whylen)
{
	unsigned char head[2], tail[64];
	struct stat st;
	off_t off;
	ssize_t n;
	int fd, i, ok = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		return 0;
	}
	if (fstat(fd, &st) == -1 || st.st_size < 4) {
		snprintf(why, whylen, "%s: empty or too short", path);
		goto out;
	}
	if (pread(fd, head, 2, 0) != 2 || head[0] != 0xff || head[1] != 0xd8) {
		snprintf(why, whylen, "%s: not a JPEG file", path);
		goto out;
	}
	off = st.st_size > (off_t)sizeof(tail) ?
	    st.st_size - (off_t)sizeof(tail) : 0;
	if ((n = pread(fd, tail, sizeof(tail), off)) < 2) {
		snprintf(why, whylen, "%s: read error", path);
		goto out;
	}
	for (i = (int)n - 2; i >= 0 && !ok; i--)
		ok = tail[i] == 0xff && tail[i + 1] == 0xd9;
	if (!ok)
		snprintf(why, whylen, "%s: truncated (no end marker)", path);
out:
	close(fd);
	return ok;
}

int
framelist_load(const char *path, unsigned char **bufp, size_t *lenp,
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
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > FRAMELIST_FILE_MAX) {
		snprintf(err, errlen, "%s: not a regular file of at most %ld "
		    "bytes", path, FRAMELIST_FILE_MAX);
		close(fd);
		return -1;
	}
	if ((buf = malloc(st.st_size > 0 ? st.st_size : 1)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		close(fd);
		return -1;
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
