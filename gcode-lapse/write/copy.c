/*
 * copy.c: the bytes' one way out.
 *
 * copy_line() and copy_ours() only shape text (line ends, the dry-run
 * form); everything then goes through pass(), which picks the innermost
 * hold that is holding, or the output.  A release passes held bytes on
 * through pass() from the hold outwards, so they take the same way new
 * bytes would have taken had that hold been closed.
 */
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "write/copy.h"
#include "write/dryrun.h"
#include "write/output.h"

#define HOLD_FIRST (64 * 1024)

struct hold {
	char *buf;
	size_t len, cap;
	size_t out;		/* buf[0, out) has been released */
	bool on;		/* new bytes come here */
};

struct copy {
	struct output *out;
	struct hold hold[COPY_HOLDS];
	bool out_nl;		/* the last byte given to the output ended a
				   line */
	char out_last;		/* that byte */
	enum { EOL_LF, EOL_CRLF, EOL_CR } eol;	/* the first line's */
	bool oom;		/* a hold ran out of memory */

	bool test_mode;
	bool announced;		/* the notice is out */
	char dry[LINEREADER_CHUNK + sizeof DRYRUN_PREFIX];
};

struct copy *
copy_new(int fd, bool test_mode)
{
	struct copy *c = calloc(1, sizeof *c);

	if (c == NULL)
		return NULL;
	if ((c->out = output_new(fd)) == NULL) {
		free(c);
		return NULL;
	}
	c->test_mode = test_mode;
	c->out_nl = true;
	return c;
}

/* Does this byte end a line, in the file's style? */
static bool
ends_line(const struct copy *c, char b)
{
	return b == '\n' || (b == '\r' && c->eol == EOL_CR);
}

static int
hold_add(struct hold *h, const char *s, size_t n)
{
	if (h->len + n > h->cap) {
		size_t cap = h->cap ? h->cap : HOLD_FIRST;
		char *b;

		while (cap < h->len + n)
			cap *= 2;
		if ((b = realloc(h->buf, cap)) == NULL)
			return -1;
		h->buf = b;
		h->cap = cap;
	}
	memcpy(h->buf + h->len, s, n);
	h->len += n;
	return 0;
}

/* n > 0 bytes on their way out from the holds below `below`. */
static void
pass(struct copy *c, int below, const char *s, size_t n)
{
	for (int k = below - 1; k >= 0; k--)
		if (c->hold[k].on) {
			if (hold_add(&c->hold[k], s, n) == -1)
				c->oom = true;
			return;
		}
	c->out_nl = ends_line(c, s[n - 1]);
	c->out_last = s[n - 1];
	output_write(c->out, s, n);
}

static void
copy_bytes(struct copy *c, const char *s, size_t n)
{
	if (n > 0)
		pass(c, COPY_HOLDS, s, n);
}

void
copy_ours(struct copy *c, const char *s, size_t n)
{
	const char *nl;

	if (c->eol == EOL_LF) {
		copy_bytes(c, s, n);
		return;
	}
	while (n > 0 && (nl = memchr(s, '\n', n)) != NULL) {
		copy_bytes(c, s, (size_t)(nl - s));
		copy_bytes(c, "\r\n", c->eol == EOL_CRLF ? 2 : 1);
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	copy_bytes(c, s, n);
}

/*
 * The first line tells the line ends.  In test mode the dry-run form
 * carries the line's own terminator.
 */
void
copy_line(struct copy *c, const struct scan_line *sl)
{
	const struct line *ln = sl->line;
	size_t n;

	if (ln->number == 1 && !(ln->flags & LINE_CONT) &&
	    ln->raw_len > ln->len) {
		if (ln->raw[ln->raw_len - 1] == '\r')
			c->eol = EOL_CR;
		else if (ln->raw_len >= 2 && ln->raw[ln->raw_len - 2] == '\r')
			c->eol = EOL_CRLF;
	}
	if (!c->test_mode) {
		copy_bytes(c, ln->raw, ln->raw_len);
		return;
	}
	if (!c->announced && sl->gl != NULL && sl->gl->kind != GCODE_EMPTY) {
		copy_ours(c, DRYRUN_NOTICE, sizeof DRYRUN_NOTICE - 1);
		c->announced = true;
	}
	if (!(ln->flags & LINE_CONT) && dryrun_line(sl->gl, ln->text,
	    ln->len, c->dry, &n)) {
		copy_bytes(c, c->dry, n);
		copy_bytes(c, ln->raw + ln->len, ln->raw_len - ln->len);
	} else {
		copy_bytes(c, ln->raw, ln->raw_len);
	}
}

/*
 * The byte before the next one: the last of the innermost hold that is
 * holding and has bytes (an empty one lets go where the one outside it
 * ends); a hold that is not holding keeps its bytes for after.  '\n' at
 * the start, and after the output when its last byte ended a line.
 */
static char
last_byte(const struct copy *c)
{
	for (int k = COPY_HOLDS - 1; k >= 0; k--) {
		const struct hold *h = &c->hold[k];

		if (h->on && h->len > h->out)
			return h->buf[h->len - 1];
	}
	return c->out_nl ? '\n' : c->out_last;
}

bool
copy_at_line_start(const struct copy *c)
{
	return ends_line(c, last_byte(c));
}

void
copy_end_line(struct copy *c)
{
	char b = last_byte(c);

	if (ends_line(c, b))
		return;
	if (b == '\r' && c->eol == EOL_CRLF)
		copy_bytes(c, "\n", 1);	/* a CRLF short of its LF */
	else
		copy_ours(c, "\n", 1);
}

bool
copy_hold(struct copy *c, enum copy_hold h)
{
	for (int k = h + 1; k < COPY_HOLDS; k++)
		if (c->hold[k].on)
			return false;
	copy_release(c, h, COPY_ALL);	/* nothing, unless a caller forgot */
	c->hold[h].on = true;
	return true;
}

bool
copy_holding(const struct copy *c, enum copy_hold h)
{
	return c->hold[h].on;
}

size_t
copy_held(const struct copy *c, enum copy_hold h)
{
	return c->hold[h].len;
}

void
copy_release(struct copy *c, enum copy_hold h, size_t mark)
{
	struct hold *hd = &c->hold[h];

	hd->on = false;
	if (mark > hd->len)
		mark = hd->len;
	if (mark > hd->out) {
		pass(c, h, hd->buf + hd->out, mark - hd->out);
		hd->out = mark;
	}
	if (hd->out == hd->len)
		hd->len = hd->out = 0;
}

int
copy_error(const struct copy *c, char *err, size_t errlen)
{
	if (c->oom)
		return errbuf_set(err, errlen, "out of memory");
	return output_error(c->out, err, errlen);
}

int
copy_finish(struct copy *c, char *err, size_t errlen)
{
	output_flush(c->out);
	return copy_error(c, err, errlen);
}

unsigned long long
copy_written(const struct copy *c)
{
	return output_delivered(c->out);
}

char *
copy_take(struct copy *c, size_t *len)
{
	return output_take(c->out, len);
}

void
copy_free(struct copy *c)
{
	if (c == NULL)
		return;
	output_free(c->out);
	for (int k = 0; k < COPY_HOLDS; k++)
		free(c->hold[k].buf);
	free(c);
}
