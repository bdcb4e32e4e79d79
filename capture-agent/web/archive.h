/*
 * archive.h: the frames of a sequence as a tar stream, made while it is
 * sent: the list of frames and their sizes is read when the download
 * starts, and each file is opened only when its turn comes, so memory
 * stays the list and one block whatever the sequence weighs.  Its length
 * is known from the start (Content-Length).  A frame that shrank or went
 * away meanwhile is padded with zeros to the size announced, so the
 * stream stays a valid archive.  Names: SEQUENCE/NNNNNN.jpeg, or
 * SEQUENCE/CAMERA/NNNNNN.jpeg with several cameras.
 */
#ifndef ARCHIVE_H
#define ARCHIVE_H

#include <sys/types.h>

#include <stddef.h>

#include "web/library.h"

struct archive;

/* NULL with err (errno ENOENT when there is no such sequence). */
struct archive *archive_open(struct library *, const char *name, char *err,
    size_t errlen);
void archive_close(struct archive *);

/* Bytes of the whole archive. */
unsigned long long archive_size(const struct archive *);

/* Up to max bytes from pos on (reads go forward; a read back starts the
 * file again).  The bytes given, 0 at the end, -1 on an error. */
ssize_t archive_read(struct archive *, unsigned long long pos, char *buf,
    size_t max);

#endif
