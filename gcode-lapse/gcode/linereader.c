/*
 * linereader.c: memchr over a 1 MiB buffer, refilled with read(2).
 *
 * Invariant: buf[start, end) holds the bytes not yet handed out; a piece
 * handed out stays valid until the next call, which may move the rest to
 * the front of the buffer.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gcode/linereader.h"

#define BUFFER_SIZE (1024 * 1024)

struct linereader {
	int fd;			/* -1 for a memory block */
	char *buf;		/* owned unless fd == -1 */
	size_t cap, start, end;
	bool eof;
	bool partial;		/* the last piece was LINE_PARTIAL */
	unsigned long number;
	uint64_t offset;
};

struct linereader *
linereader_fd(int fd)
{
	struct linereader *lr = calloc(1, sizeof *lr);

	if (lr == NULL)
		return NULL;
	if ((lr->buf = malloc(BUFFER_SIZE)) == NULL) {
		free(lr);
		return NULL;
	}
	lr->fd = fd;
	lr->cap = BUFFER_SIZE;
	return lr;
}

struct linereader *
linereader_mem(const char *data, size_t len)
{
	struct linereader *lr = calloc(1, sizeof *lr);

	if (lr == NULL)
		return NULL;
	lr->fd = -1;
	lr->buf = (char *)data;	/* never written to in this mode */
	lr->cap = lr->end = len;
	lr->eof = 1;
	return lr;
}

void
linereader_free(struct linereader *lr)
{
	if (lr == NULL)
		return;
	if (lr->fd != -1)
		free(lr->buf);
	free(lr);
}

static void
hand_out(struct linereader *lr, struct line *out, size_t raw_len,
    size_t text_len, bool partial)
{
	out->raw = out->text = lr->buf + lr->start;
	out->raw_len = raw_len;
	out->len = text_len;
	out->flags = (lr->partial ? LINE_CONT : 0) |
	    (partial ? LINE_PARTIAL : 0);
	if (!lr->partial)
		lr->number++;
	out->number = lr->number;
	lr->partial = partial;
	lr->start += raw_len;
	lr->offset += raw_len;
}

static int
refill(struct linereader *lr)
{
	ssize_t n;

	if (lr->start > 0) {
		memmove(lr->buf, lr->buf + lr->start, lr->end - lr->start);
		lr->end -= lr->start;
		lr->start = 0;
	}
	do
		n = read(lr->fd, lr->buf + lr->end, lr->cap - lr->end);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return -1;
	if (n == 0)
		lr->eof = true;
	lr->end += (size_t)n;
	return 0;
}

int
linereader_next(struct linereader *lr, struct line *out)
{
	for (;;) {
		const char *p, *s = lr->buf + lr->start;
		size_t avail = lr->end - lr->start;

		p = memchr(s, '\n', avail < LINEREADER_CHUNK + 1 ?
		    avail : LINEREADER_CHUNK + 1);
		if (p != NULL) {
			size_t len = (size_t)(p - s);

			hand_out(lr, out, len + 1,
			    len > 0 && p[-1] == '\r' ? len - 1 : len, false);
			return 1;
		}
		if (avail > LINEREADER_CHUNK) {
			hand_out(lr, out, LINEREADER_CHUNK, LINEREADER_CHUNK,
			    true);
			return 1;
		}
		if (lr->eof) {
			if (avail == 0)
				return 0;
			hand_out(lr, out, avail, avail > 0 &&
			    s[avail - 1] == '\r' ? avail - 1 : avail, false);
			return 1;
		}
		if (refill(lr) == -1)
			return -1;
	}
}

uint64_t
linereader_offset(const struct linereader *lr)
{
	return lr->offset;
}
