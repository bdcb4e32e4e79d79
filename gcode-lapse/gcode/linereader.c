/*
 * linereader.c: memchr over a 1 MiB buffer, refilled with read(2).
 *
 * Invariant: buf[start, end) holds the bytes not yet handed out; a piece
 * handed out stays valid until the next call, which may move the rest to
 * the front of the buffer.  A file whose first line ends in CR alone (an
 * old Mac's) is split at CR, and at the LFs of lines added to it.
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
	bool decided;		/* the line end is known */
	char eol;		/* '\n', or '\r' for a CR-only file */
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
	lr->eol = '\n';
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
	lr->eol = '\n';
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

/* The text of raw[0, len) without its line end: LF, CRLF, CR CR LF, CR. */
static size_t
text_length(const char *s, size_t len)
{
	while (len > 0 && s[len - 1] == '\r')
		len--;
	return len;
}

/*
 * On the first chunk: LF as usual (CRs before it are part of the line
 * end: CRLF, CR CR LF), or CR when the first line ends in CR alone.
 */
bool
linereader_cr_only(const char *s, size_t n)
{
	const char *cr, *p;

	if ((cr = memchr(s, '\r', n)) == NULL)
		return false;
	for (p = cr; p < s + n && *p == '\r'; p++)
		;
	return (p == s + n || *p != '\n') &&
	    memchr(s, '\n', (size_t)(cr - s)) == NULL;
}

static void
decide(struct linereader *lr, const char *s, size_t avail)
{
	size_t n = avail < LINEREADER_CHUNK ? avail : LINEREADER_CHUNK;

	if (n < LINEREADER_CHUNK && !lr->eof)
		return;		/* wait for a chunk or the end */
	lr->decided = true;
	if (linereader_cr_only(s, n))
		lr->eol = '\r';
}

/* A CR-only file's line end: CR, LF (lines gcode-lapse added), CRLF. */
static const char *
cr_end(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\r' || s[i] == '\n')
			return s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ?
			    s + i + 1 : s + i;
	return NULL;
}

int
linereader_next(struct linereader *lr, struct line *out)
{
	for (;;) {
		const char *p, *s = lr->buf + lr->start;
		size_t avail = lr->end - lr->start, n;

		if (!lr->decided)
			decide(lr, s, avail);
		n = avail < LINEREADER_CHUNK + 1 ? avail : LINEREADER_CHUNK + 1;
		p = !lr->decided ? NULL : lr->eol == '\n' ? memchr(s, '\n', n) :
		    cr_end(s, n);
		if (p != NULL) {
			size_t len = (size_t)(p - s);

			hand_out(lr, out, len + 1, text_length(s, len), false);
			out->flags |= *p == '\r' ? LINE_CR : 0;
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
			lr->decided = true;
			hand_out(lr, out, avail, text_length(s, avail), false);
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
