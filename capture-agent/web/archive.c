/*
 * archive.c: see archive.h.  The stream is a sequence of parts (a header,
 * a file's data, its padding; at the end two zero blocks); a read finds
 * its part from the entry starts, which are kept with the list.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
#include "frames/frames.h"
#include "web/archive.h"
#include "web/tar.h"

struct entry {
	unsigned long long start;	/* of its header in the stream */
	unsigned long long size;	/* of its data, as announced */
	long long mtime;
	unsigned number;
	unsigned short camera;		/* index in cameras */
};

struct archive {
	struct library *lib;
	char	name[STATUS_NAME];
	char	cameras[LIBRARY_CAMERAS_MAX][STATUS_NAME];
	struct entry *v;
	size_t	n;
	unsigned long long size;
	size_t	cur;			/* entry whose file is open */
	int	fd;
};

static int
add_camera(struct archive *a, size_t ci, char *err, size_t errlen)
{
	struct library_frame *f;
	struct entry *nv;
	size_t n, i;

	if (library_frames(a->lib, a->name, a->cameras[ci], &f, &n, err,
	    errlen) == -1)
		return -1;
	if (n > 0 && (nv = realloc(a->v, (a->n + n) * sizeof *nv)) == NULL) {
		free(f);
		return errbuf_set(err, errlen, "out of memory");
	}
	if (n > 0)
		a->v = nv;
	for (i = 0; i < n; i++) {
		struct entry *e = &a->v[a->n++];

		e->start = a->size;
		e->size = (unsigned long long)f[i].size;
		e->mtime = f[i].mtime;
		e->number = f[i].number;
		e->camera = (unsigned short)ci;
		a->size += tar_entry_size(e->size);
	}
	free(f);
	return 0;
}

struct archive *
archive_open(struct library *lib, const char *name, char *err,
    size_t errlen)
{
	struct library_sequence s;
	struct archive *a;
	size_t i;

	if (library_get(lib, name, &s, err, errlen) == -1)
		return NULL;
	if ((a = calloc(1, sizeof *a)) == NULL) {
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	a->lib = lib;
	a->fd = -1;
	snprintf(a->name, sizeof a->name, "%s", name);
	for (i = 0; i < s.ncameras; i++) {
		snprintf(a->cameras[i], sizeof a->cameras[i], "%s",
		    s.cameras[i].name);
		if (add_camera(a, i, err, errlen) == -1) {
			archive_close(a);
			return NULL;
		}
	}
	a->size += TAR_END_SIZE;
	return a;
}

void
archive_close(struct archive *a)
{
	if (a == NULL)
		return;
	if (a->fd != -1)
		close(a->fd);
	free(a->v);
	free(a);
}

unsigned long long
archive_size(const struct archive *a)
{
	return a->size;
}

/* The entry holding pos (a->n for the end blocks). */
static size_t
entry_at(const struct archive *a, unsigned long long pos)
{
	size_t lo = 0, hi = a->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pos < a->v[mid].start)
			hi = mid;
		else if (pos >= a->v[mid].start + tar_entry_size(a->v[mid].size))
			lo = mid + 1;
		else
			return mid;
	}
	return a->n;
}

/* Data bytes of entry i from off, zeros where the file has none. */
static size_t
data(struct archive *a, size_t i, unsigned long long off, char *buf,
    size_t max)
{
	const struct entry *e = &a->v[i];
	const char *cam = a->cameras[e->camera];
	ssize_t got = 0;
	off_t size;

	if (max > e->size - off)
		max = (size_t)(e->size - off);
	if (a->fd == -1 || a->cur != i) {
		if (a->fd != -1)
			close(a->fd);
		a->cur = i;
		if (library_open_frame(a->lib, a->name, cam, e->number, &a->fd,
		    &size) == -1)
			a->fd = -1;
	}
	if (a->fd != -1)
		while ((got = pread(a->fd, buf, max, (off_t)off)) == -1 &&
		    errno == EINTR)
			;
	if (got < 0)
		got = 0;
	memset(buf + got, 0, max - (size_t)got);
	return max;
}

ssize_t
archive_read(struct archive *a, unsigned long long pos, char *buf,
    size_t max)
{
	unsigned char block[TAR_BLOCK];
	char path[3 * STATUS_NAME + 32];
	const struct entry *e;
	unsigned long long off;
	size_t i, n;

	if (pos >= a->size || max == 0)
		return 0;
	i = entry_at(a, pos);
	if (i == a->n) {			/* the two zero blocks */
		n = a->size - pos < max ? (size_t)(a->size - pos) : max;
		memset(buf, 0, n);
		return (ssize_t)n;
	}
	e = &a->v[i];
	off = pos - e->start;
	if (off < TAR_BLOCK) {
		/* the names the agent wrote, under the sequence's */
		if (frames_path(path, sizeof path, a->name,
		    a->cameras[e->camera][0] != '\0' ? a->cameras[e->camera] :
		    NULL, e->number) == -1 ||
		    tar_header(block, path, e->size, e->mtime) == -1)
			return -1;
		n = TAR_BLOCK - (size_t)off < max ? TAR_BLOCK - (size_t)off : max;
		memcpy(buf, block + off, n);
		return (ssize_t)n;
	}
	off -= TAR_BLOCK;
	if (off < e->size)
		return (ssize_t)data(a, i, off, buf, max);
	off -= e->size;				/* padding */
	n = tar_padding(e->size) - (size_t)off;
	if (n > max)
		n = max;
	memset(buf, 0, n);
	return (ssize_t)n;
}
