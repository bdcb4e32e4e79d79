/*
 * spool.h: an unnamed temporary file, for bytes that come as a stream
 * and must be read more than once, or wait until they may go.
 *
 * A stream input (standard input, a FIFO, a character device) is read to
 * its end into one first: the slicer's settings at the end of a file are
 * read before its first line, and the proof reads the input again.  A
 * stream output (standard output, a FIFO, a character device) gets a
 * rewrite only once it is proven, from one.  The file is made in $TMPDIR
 * (else /tmp) without a name (O_TMPFILE, or unlinked at once), so it goes
 * with its descriptor, whatever ends the process.
 */
#ifndef SPOOL_H
#define SPOOL_H

#include <stddef.h>

/* A new spool, open for reading and writing.  Returns it, or -1 with err. */
int spool_new(char *err, size_t errlen);

/*
 * Copy the stream in into the spool fd to its end, and rewind the spool.
 * Returns 0; 1 when a NUL byte showed the stream is not G-code (err says
 * so, and the copy stopped there); -1 with err on a read or write error.
 */
int spool_fill(int fd, int in, char *err, size_t errlen);

#endif
