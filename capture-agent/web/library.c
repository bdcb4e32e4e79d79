/*
 * library.c: see library.h.
 *
 * A sequence is opened as a descriptor (O_DIRECTORY | O_NOFOLLOW) and
 * everything in it is reached from there; the modules that take paths
 * (the contact sheet) are given /proc/self/fd/N, the folder that was
 * opened, so no name is resolved twice.  Sheets are made one at a time
 * (sheet_lock): a burst of requests costs one decode, not one each.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "errbuf.h"
#include "frames/frames.h"
#include "frames/sequence.h"
#include "web/dirs.h"
#include "web/library.h"
#include "web/page.h"
#include "web/request.h"

#define REMOVE_DEPTH	3

struct library {
	char	dir[1024];
	struct render_options render;
};

/* ---- the frames module's names ---- */

/* The number of a frame file the agent writes (frames_own_number), or 0:
 * the page shows exactly those, as a resumed sequence counts them. */
static unsigned long
own_frame(const char *name)
{
	long n = frames_own_number(name);

	return n > 0 ? (unsigned long)n : 0;
}

/* The name of frame n, relative to its folder ("./000007.jpeg"), as the
 * agent writes it (frames_path); -1 when there is none. */
static int
frame_name(char *buf, size_t len, unsigned long n)
{
	if (n == 0 || n > FRAMES_MAX)
		return -1;
	return frames_path(buf, len, ".", NULL, (unsigned)n);
}

/* ---- descriptors ---- */

struct library *
library_new(const char *directory, const struct render_options *render,
    char *err, size_t errlen)
{
	struct library *l;

	if ((l = calloc(1, sizeof *l)) == NULL) {
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(l->dir, sizeof l->dir, "%s", directory);
	l->render = *render;
	return l;
}

void
library_free(struct library *l)
{
	free(l);
}

int
library_open_root(const struct library *l)
{
	return open(l->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

const char *
library_directory(const struct library *l)
{
	return l->dir;
}

/* The sequence folder name: fd, or -1 with errno. */
static int
open_sequence(const struct library *l, const char *name)
{
	int root, fd, e;

	if (!sequence_is_name(name)) {
		errno = ENOENT;
		return -1;
	}
	if ((root = library_open_root(l)) == -1)
		return -1;
	fd = dirs_open(root, name);
	e = errno;
	close(root);
	errno = e;
	return fd;
}

/* ---- what is in a sequence ---- */

static int
compare_cameras(const void *a, const void *b)
{
	return strcmp(((const struct library_camera *)a)->name,
	    ((const struct library_camera *)b)->name);
}

/* The frames of one folder (regular files) into c, their bytes and the
 * newest one's time into *bytes and *newest. */
static void
scan_frames(int dfd, struct library_camera *c, long long *bytes,
    long long *newest)
{
	struct dirent *e;
	struct stat st;
	unsigned long n;
	DIR *d;

	if ((d = dirs_entries(dfd)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if ((n = own_frame(e->d_name)) == 0 ||
		    fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    !S_ISREG(st.st_mode))
			continue;
		c->frames++;
		if (c->first == 0 || n < c->first)
			c->first = (unsigned)n;
		if (n > c->last)
			c->last = (unsigned)n;
		*bytes += st.st_size;
		if (st.st_mtime * 1000LL > *newest)
			*newest = st.st_mtime * 1000LL;
	}
	closedir(d);
}

/* Digits s[0..n) (checked by sequence_is_name) as a number. */
static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* The start of a sequence from its name (local time), ms. */
static long long
started_of(const char *name)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = digits(name, 4) - 1900;
	tm.tm_mon = digits(name + 5, 2) - 1;
	tm.tm_mday = digits(name + 8, 2);
	tm.tm_hour = digits(name + 11, 2);
	tm.tm_min = digits(name + 14, 2);
	tm.tm_sec = digits(name + 17, 2);
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return 0;
	return t * 1000LL + digits(name + 20, 6) / 1000;
}

/* Where the render puts the video of a camera ("" for the only one). */
static int
video_path(const struct library *l, const char *name, const char *camera,
    char *path, size_t len)
{
	char seq[sizeof l->dir + STATUS_NAME + 2], err[256];

	snprintf(seq, sizeof seq, "%s/%s", l->dir, name);
	return render_output_path(&l->render, NULL, seq, camera, path, len,
	    err, sizeof err);
}

static void
find_video(const struct library *l, const char *name,
    struct library_camera *c)
{
	char path[4096];
	struct stat st;

	c->video_bytes = -1;
	if (video_path(l, name, c->name, path, sizeof path) == -1)
		return;
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		c->video_bytes = st.st_size;
		snprintf(c->video_type, sizeof c->video_type, "%s",
		    page_type(path));
	}
}

/* Everything about the open sequence folder fd into s. */
static void
scan_sequence(const struct library *l, int fd, const char *name,
    struct library_sequence *s)
{
	struct library_camera single, *c;
	struct dirent *e;
	struct stat st;
	size_t i;
	int cfd;
	DIR *d;

	memset(s, 0, sizeof *s);
	memset(&single, 0, sizeof single);
	snprintf(s->name, sizeof s->name, "%s", name);
	s->started = started_of(name);
	scan_frames(fd, &single, &s->bytes, &s->modified);
	s->finished = fstatat(fd, ".finished", &st, AT_SYMLINK_NOFOLLOW) == 0;
	if ((d = dirs_entries(fd)) != NULL) {
		while ((e = readdir(d)) != NULL &&
		    s->ncameras < LIBRARY_CAMERAS_MAX) {
			if (!request_camera_name(e->d_name) ||
			    !dirs_is_subdir(fd, e) ||
			    (cfd = dirs_open(fd, e->d_name)) == -1)
				continue;
			c = &s->cameras[s->ncameras];
			memset(c, 0, sizeof *c);
			memcpy(c->name, e->d_name, strlen(e->d_name) + 1);
			scan_frames(cfd, c, &s->bytes, &s->modified);
			close(cfd);
			if (c->frames > 0)
				s->ncameras++;
		}
		closedir(d);
	}
	/* frames in the folder itself: one camera, as the agent writes */
	if (single.frames > 0 || s->ncameras == 0) {
		s->cameras[0] = single;
		s->ncameras = 1;
	} else
		qsort(s->cameras, s->ncameras, sizeof s->cameras[0],
		    compare_cameras);
	for (i = 0; i < s->ncameras; i++) {
		s->frames += s->cameras[i].frames;
		find_video(l, name, &s->cameras[i]);
	}
}

int
library_get(struct library *l, const char *name, struct library_sequence *s,
    char *err, size_t errlen)
{
	int fd;

	if ((fd = open_sequence(l, name)) == -1) {
		if (errno != ENOENT)
			return errbuf_set(err, errlen, "%s/%s: %s", l->dir,
			    name, strerror(errno));
		errbuf_set(err, errlen, "no sequence %s", name);
		errno = ENOENT;
		return -1;
	}
	scan_sequence(l, fd, name, s);
	close(fd);
	return 0;
}

static int
compare_sequences(const void *a, const void *b)
{
	/* newest first: the names are timestamps */
	return strcmp(((const struct library_sequence *)b)->name,
	    ((const struct library_sequence *)a)->name);
}

int
library_list(struct library *l, struct library_sequence **list, size_t *n,
    char *err, size_t errlen)
{
	struct library_sequence *v = NULL, *nv;
	size_t len = 0, cap = 0;
	struct dirent *e;
	int root, fd;
	DIR *d;

	*list = NULL;
	*n = 0;
	if ((root = library_open_root(l)) == -1) {
		if (errno == ENOENT)
			return 0;
		return errbuf_set(err, errlen, "%s: %s", l->dir,
		    strerror(errno));
	}
	if ((d = dirs_entries(root)) == NULL) {
		close(root);
		return errbuf_set(err, errlen, "%s: %s", l->dir,
		    strerror(errno));
	}
	while ((e = readdir(d)) != NULL) {
		if (!sequence_is_name(e->d_name) || !dirs_is_subdir(root, e) ||
		    (fd = dirs_open(root, e->d_name)) == -1)
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nv = realloc(v, cap * sizeof *v)) == NULL) {
				close(fd);
				break;
			}
			v = nv;
		}
		scan_sequence(l, fd, e->d_name, &v[len++]);
		close(fd);
	}
	closedir(d);
	close(root);
	if (len > 0)
		qsort(v, len, sizeof *v, compare_sequences);
	*list = v;
	*n = len;
	return 0;
}

/*
 * The folder of a camera of the open sequence fd: camera given (checked),
 * or the sequence's own frames, or its first camera folder.  fd (a new
 * one), or -1 with ENOENT.
 */
static int
camera_in(int fd, const char *camera)
{
	char first[STATUS_NAME] = "";
	struct dirent *e;
	DIR *d;
	bool own = false;

	if (camera != NULL && *camera != '\0') {
		if (!request_camera_name(camera)) {
			errno = ENOENT;
			return -1;
		}
		return dirs_open(fd, camera);
	}
	if ((d = dirs_entries(fd)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL && !own) {
		if (own_frame(e->d_name) != 0)
			own = true;
		else if (request_camera_name(e->d_name) && dirs_is_subdir(fd, e) &&
		    (first[0] == '\0' || strcmp(e->d_name, first) < 0))
			memcpy(first, e->d_name, strlen(e->d_name) + 1);
	}
	closedir(d);
	if (own || first[0] == '\0')
		return openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return dirs_open(fd, first);
}

int
library_open_camera(struct library *l, const char *name, const char *camera)
{
	int sfd, cfd;

	if ((sfd = open_sequence(l, name)) == -1)
		return -1;
	cfd = camera_in(sfd, camera);
	close(sfd);
	return cfd;
}

static int
compare_frames(const void *a, const void *b)
{
	unsigned x = ((const struct library_frame *)a)->number;
	unsigned y = ((const struct library_frame *)b)->number;

	return x < y ? -1 : x > y;
}

/* The own frames of an open folder, sorted. */
static int
frames_of(int cfd, struct library_frame **frames, size_t *n)
{
	struct library_frame *v = NULL, *nv;
	size_t len = 0, cap = 0;
	struct dirent *e;
	struct stat st;
	unsigned long f;
	DIR *d;

	if ((d = dirs_entries(cfd)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if ((f = own_frame(e->d_name)) == 0 ||
		    fstatat(cfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 256;
			if ((nv = realloc(v, cap * sizeof *v)) == NULL) {
				free(v);
				closedir(d);
				errno = ENOMEM;
				return -1;
			}
			v = nv;
		}
		v[len].number = (unsigned)f;
		v[len].size = st.st_size;
		v[len].mtime = st.st_mtime;
		len++;
	}
	closedir(d);
	if (len > 0)
		qsort(v, len, sizeof *v, compare_frames);
	*frames = v;
	*n = len;
	return 0;
}

int
library_frames(struct library *l, const char *name, const char *camera,
    struct library_frame **frames, size_t *n, char *err, size_t errlen)
{
	int fd, cfd, rc;

	*frames = NULL;
	*n = 0;
	if ((fd = open_sequence(l, name)) == -1)
		return errbuf_set(err, errlen, "no sequence %s", name);
	cfd = camera_in(fd, camera);
	close(fd);
	if (cfd == -1) {
		errno = ENOENT;
		return errbuf_set(err, errlen, "no camera %s in %s",
		    camera != NULL ? camera : "", name);
	}
	rc = frames_of(cfd, frames, n);
	close(cfd);
	if (rc == -1)
		return errbuf_set(err, errlen, "%s: %s", name,
		    strerror(errno));
	return 0;
}

int
library_open_frame(struct library *l, const char *name, const char *camera,
    unsigned long frame, int *fd, off_t *size)
{
	char file[32];
	int sfd, cfd, rc, e;

	if (frame_name(file, sizeof file, frame) == -1) {
		errno = ENOENT;
		return -1;
	}
	if ((sfd = open_sequence(l, name)) == -1)
		return -1;
	cfd = camera_in(sfd, camera);
	close(sfd);
	if (cfd == -1)
		return -1;
	rc = dirs_open_file(cfd, file, fd, size);
	e = errno;
	close(cfd);
	errno = e;
	return rc;
}

int
library_open_video(struct library *l, const char *name, const char *camera,
    int *fd, off_t *size, const char **type)
{
	struct library_sequence s;
	char path[4096], err[256];
	size_t i;

	if (library_get(l, name, &s, err, sizeof err) == -1)
		return -1;
	for (i = 0; i < s.ncameras; i++)
		if (camera == NULL || *camera == '\0' ||
		    strcmp(camera, s.cameras[i].name) == 0)
			break;
	if (i == s.ncameras || video_path(l, name, s.cameras[i].name, path,
	    sizeof path) == -1) {
		errno = ENOENT;
		return -1;
	}
	/* where the configuration puts it; the file itself is no link */
	if (dirs_open_file(AT_FDCWD, path, fd, size) == -1)
		return -1;
	*type = page_type(path);
	return 0;
}

/* ---- removing a sequence moved aside ---- */

size_t
library_videos(struct library *l, const char *name,
    char (*paths)[LIBRARY_PATH_MAX], size_t max)
{
	struct library_sequence s;
	char err[256];
	size_t i, n = 0;

	if (library_get(l, name, &s, err, sizeof err) == -1)
		return 0;
	for (i = 0; i < s.ncameras && n < max; i++)
		if (s.cameras[i].video_bytes >= 0 &&
		    video_path(l, name, s.cameras[i].name, paths[n],
		    LIBRARY_PATH_MAX) == 0)
			n++;
	return n;
}

int
library_remove(struct library *l, const char *name, char *err,
    size_t errlen)
{
	char trash[STATUS_NAME + sizeof LIBRARY_TRASH];
	int root, fd, rc = 0;

	if (!sequence_is_name(name))
		return errbuf_set(err, errlen, "no sequence %s", name);
	snprintf(trash, sizeof trash, "%s%s", LIBRARY_TRASH, name);
	if ((root = library_open_root(l)) == -1)
		return errbuf_set(err, errlen, "%s: %s", l->dir,
		    strerror(errno));
	if ((fd = dirs_open(root, trash)) == -1) {
		/* a link, or gone: only the name goes */
		if (unlinkat(root, trash, 0) == -1 && errno != ENOENT)
			rc = errbuf_set(err, errlen, "%s: %s", trash,
			    strerror(errno));
		close(root);
		return rc;
	}
	if (dirs_remove_in(fd, REMOVE_DEPTH) == -1)
		rc = errbuf_set(err, errlen, "%s/%s: %s", l->dir, trash,
		    strerror(errno));
	close(fd);
	if (rc == 0 && unlinkat(root, trash, AT_REMOVEDIR) == -1)
		rc = errbuf_set(err, errlen, "%s/%s: %s", l->dir, trash,
		    strerror(errno));
	close(root);
	return rc;
}
