/*
 * library.h: the captures directory as the page sees it: the sequences,
 * their frames, contact sheets, thumbnails and videos, read-only.
 *
 * Every file is reached from the directory's descriptor with openat(2)
 * and O_NOFOLLOW, one checked name at a time (a sequence name as
 * sequence.h writes it, a camera folder, a frame name as the frames
 * module writes it), so no request can name a path outside the captures
 * directory and no symbolic link is followed out of it (dirs.h): a
 * symlinked sequence is not listed and its files are not served.  The one
 * write is deleting a sequence, after the agent loop has moved it aside
 * (action.h); contact sheets are sheets.h's.  Safe to use from several
 * threads at once: it keeps no state but its configuration.
 */
#ifndef LIBRARY_H
#define LIBRARY_H

#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>

#include "render/render_options.h"
#include "web/status.h"

#define LIBRARY_CAMERAS_MAX	STATUS_CAMERAS_MAX
#define LIBRARY_TRASH		SEQUENCE_ASIDE
#define LIBRARY_PATH_MAX	4096

struct library_camera {
	char	name[STATUS_NAME];	/* "" for a single camera */
	unsigned frames;
	unsigned first, last;		/* frame numbers, 0 when none */
	long long video_bytes;		/* -1: not rendered */
	char	video_type[32];		/* its Content-Type */
};

struct library_sequence {
	char	name[STATUS_NAME];
	long long started;		/* from the name, ms since the epoch */
	long long modified;		/* newest frame */
	unsigned frames;		/* of every camera */
	long long bytes;		/* of every frame */
	bool	finished;
	struct library_camera cameras[LIBRARY_CAMERAS_MAX];
	size_t	ncameras;		/* at least 1 */
};

struct library;

/* For directory; the render options say where videos are.  Copied. */
struct library *library_new(const char *directory,
    const struct render_options *, char *err, size_t errlen);
void library_free(struct library *);

/* Every sequence, newest first, in *list (the caller frees it).  The
 * directory not made yet is an empty list.  0, or -1 with err. */
int library_list(struct library *, struct library_sequence **list,
    size_t *n, char *err, size_t errlen);

/* One sequence: 0, or -1 (errno ENOENT when there is none). */
int library_get(struct library *, const char *name,
    struct library_sequence *, char *err, size_t errlen);

struct library_frame {
	unsigned number;
	long long size;
	long long mtime;		/* seconds since the epoch */
};

/*
 * The frames of one camera (NULL or "" for the first), sorted by number,
 * in *frames (the caller frees it).  0, or -1 (ENOENT: no such sequence
 * or camera).
 */
int library_frames(struct library *, const char *name, const char *camera,
    struct library_frame **frames, size_t *n, char *err, size_t errlen);

/* The captures directory, and a descriptor of it (or -1 with errno). */
const char *library_directory(const struct library *);
int library_open_root(const struct library *);

/* The folder of a camera of a sequence (NULL or "": its only one, or its
 * first): a descriptor, or -1 (ENOENT: none). */
int library_open_camera(struct library *, const char *name,
    const char *camera);

/* Files opened for reading, with their size: 0, or -1 (ENOENT: none). */
int library_open_frame(struct library *, const char *name,
    const char *camera, unsigned long frame, int *fd, off_t *size);
int library_open_video(struct library *, const char *name,
    const char *camera, int *fd, off_t *size, const char **type);
/*
 * The videos of sequence name (one per camera), found where the render
 * puts them, while the sequence is still there: up to max paths; their
 * count.
 */
size_t library_videos(struct library *, const char *name,
    char (*paths)[LIBRARY_PATH_MAX], size_t max);

/*
 * After the loop moved sequence name aside (LIBRARY_TRASH name): remove
 * it (a link is removed, never followed).  0, or -1 with err.
 */
int library_remove(struct library *, const char *name, char *err,
    size_t errlen);

#endif
