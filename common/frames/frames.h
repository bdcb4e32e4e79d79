/*
 * frames.h: the frame files of a sequence, in one place: their names, the
 * frames of a folder, the number to go on from, and whether a file is a
 * whole frame.
 *
 * Both programs write frames so: capture-agent's cameras and gcode-lapse's
 * preview.  A sequence folder (capture-agent's sequence.h) holds its
 * frames itself when there is one camera, or in one sub-folder per camera
 * (SEQUENCE/NAME/) when there are several.  This module knows the files
 * in those folders; sequence.h knows which folder is current.  The agent
 * names frame N "%06u.jpeg" (frames_path): six digits with leading zeros,
 * seven from 1000000 on, and so on up to FRAMES_MAX.  A file name is read
 * one of two ways, the first a subset of the second:
 *
 *  - frames_own_number: exactly the names the agent writes (the name is
 *    what frames_path gives for its number).  Resuming a sequence
 *    (frames_highest) counts only these, so the agent numbers on after
 *    what it wrote, past 999999 too, and nothing else moves the count.
 *  - frames_any_number: what a render and a contact sheet read
 *    (frames_read, frames_exist, frames_cameras): the agent's names and
 *    the ones users bring from other tools, 6 to 9 digits (leading zeros
 *    allowed) then ".jpeg" or ".jpg" in any case ("000123.JPG",
 *    "0000123.jpeg").
 *
 * Anything else is not a frame and is ignored: the temporary file of a
 * frame being written (".000007.jpeg.gl-XXXXXX"), dot files, notes, a
 * five-digit name.  The numbering may have gaps where a capture failed.
 * A frame reaches its final name whole or not at all (frames_store).
 */
#ifndef FRAMES_H
#define FRAMES_H

#include <stdbool.h>
#include <stddef.h>

/* The highest frame number: nine digits, the longest frames_any_number
 * reads, and within a 32-bit long. */
#define FRAMES_MAX	999999999u

/*
 * The frame's path: dir/NNNNNN.jpeg, or dir/camera/NNNNNN.jpeg when camera
 * is not NULL.  0, or -1 when it does not fit in len bytes.
 */
int frames_path(char *path, size_t len, const char *dir, const char *camera,
    unsigned frame);

/* The number of a file name the agent writes (1 to FRAMES_MAX), or -1. */
long frames_own_number(const char *name);

/* The number of a file name a render reads, or -1. */
long frames_any_number(const char *name);

/*
 * The highest own frame number in dir and in its sub-folders (one level
 * down: the cameras' folders), 0 when there is none or dir cannot be read.
 */
unsigned frames_highest(const char *dir);

struct frames;			/* opaque; owned by the caller of frames_read */

/*
 * The frames of one folder, sorted by number.  An empty folder gives an
 * empty list, not an error.  Returns 0, or -1 with a message in err.
 */
int frames_read(const char *dir, struct frames **list, char *err,
    size_t errlen);
void frames_free(struct frames *);

size_t frames_count(const struct frames *);
/* Path of frame i ("DIR/000007.jpeg"), valid until frames_free; NULL past
 * the end. */
const char *frames_file(const struct frames *, size_t i);
/* Number of frame i (7 for 000007.jpeg); -1 past the end. */
long frames_number(const struct frames *, size_t i);

/* Whether the folder dir holds at least one frame. */
bool frames_exist(const char *dir);

/*
 * The cameras of a sequence: NULL-terminated, sorted names of the
 * sub-folders of sequence_dir that hold frames.  An empty array (just the
 * NULL) means a single camera with its frames in sequence_dir itself.
 * Free with frames_cameras_free.  Returns 0, or -1 with a message.
 */
int frames_cameras(const char *sequence_dir, char ***cameras, char *err,
    size_t errlen);
void frames_cameras_free(char **cameras);

/*
 * Whether the file looks like a complete JPEG without decoding it: at
 * least 4 bytes, its first and last ones pass jpeg_has_start and
 * jpeg_has_end (jpeg.h; a truncated write loses the end marker).  True
 * when it does, false with the reason in why otherwise.
 */
bool frames_complete(const char *path, char *why, size_t whylen);

/* Largest frame file frames_load reads. */
#define FRAMES_FILE_MAX	(64L * 1024 * 1024)

/*
 * Store a frame under path: written to a temporary file made new beside it
 * (never opened through a link planted there), fsynced, renamed over path,
 * the folder fsynced (replace.h), with mode FRAMES_MODE.  0, or -1 with
 * err (errno's text); nothing is left behind on an error.
 */
#define FRAMES_MODE	0644
int frames_store(const char *path, const void *data, size_t len, char *err,
    size_t errlen);

/*
 * The whole file at path in a buffer the caller frees.  Returns 0, or -1
 * with a message (also for files over FRAMES_FILE_MAX).
 */
int frames_load(const char *path, unsigned char **buf, size_t *len,
    char *err, size_t errlen);

#endif
