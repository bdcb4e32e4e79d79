/*
 * framelist.h: the frames of a timelapse sequence as stored on disk.
 *
 * capture-agent writes SEQUENCE_DIR/NNNNNN.jpeg (six or more digits, from
 * 000001), or SEQUENCE_DIR/CAMNAME/NNNNNN.jpeg with several cameras.  The
 * numbering may have gaps where a capture failed.  A frame list holds the
 * frames of one folder sorted by number; anything else in the folder
 * (temporary files, dot files, other names) is not a frame and is ignored.
 */
#ifndef FRAMELIST_H
#define FRAMELIST_H

#include <stddef.h>

struct framelist;		/* opaque; owned by the caller of framelist_read */

/*
 * The frames of one folder, sorted by number.  An empty folder gives an
 * empty list, not an error.  Returns 0, or -1 with a message in err.
 */
int framelist_read(const char *dir, struct framelist **list, char *err,
    size_t errlen);
void framelist_free(struct framelist *);

size_t framelist_count(const struct framelist *);
/* Path of frame i ("DIR/000007.jpeg"), valid until framelist_free. */
const char *framelist_path(const struct framelist *, size_t i);
/* Number of frame i (7 for 000007.jpeg). */
long framelist_number(const struct framelist *, size_t i);

/*
 * The cameras of a sequence: NULL-terminated, sorted names of the
 * sub-folders of sequence_dir that hold frames.  An empty array (just the
 * NULL) means a single camera with its frames in sequence_dir itself.
 * Free with framelist_cameras_free.  Returns 0, or -1 with a message.
 */
int framelist_cameras(const char *sequence_dir, char ***cameras, char *err,
    size_t errlen);
void framelist_cameras_free(char **cameras);

/*
 * Whether the file looks like a complete JPEG without decoding it: not
 * empty, starts with the SOI marker FF D8 and has the EOI marker FF D9 in
 * its last bytes (truncated writes lose it).  Returns 1 when it does, 0
 * with the reason in why otherwise.
 */
int framelist_jpeg_complete(const char *path, char *why, size_t whylen);

/* Largest frame file framelist_load reads. */
#define FRAMELIST_FILE_MAX	(64L * 1024 * 1024)

/*
 * The whole file at path in a buffer the caller frees.  Returns 0, or -1
 * with a message (also for files over FRAMELIST_FILE_MAX).
 */
int framelist_load(const char *path, unsigned char **buf, size_t *len,
    char *err, size_t errlen);

#endif
