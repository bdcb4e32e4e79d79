/*
 * copy.c: the rewritten file on its way out, the input's bytes and ours.
 *
 * Every byte goes through copy_bytes(), which keeps last_nl and picks the
 * innermost open holder: window, tail, output.  copy_ours() and
 * copy_line() only shape text (line ends, dry-run form) on top of it.
 *
 * Invariant: bytes reach the holders in the order given; the order of
 * what is held is output, tail, window.
 */
#include <string.h>

#include "write/copy.h"

int
copy_init(struct copy *c, int fd, bool test_mode, bool final_wanted)
{
	memset(c, 0, sizeof *c);
	if (output_init(&c->out, fd) < 0)
		return -1;
	c->test_mode = test_mode;
	c->last_nl = true;
	finale_init(&c->fin, final_wanted);
	return 0;
}

void
copy_learn(struct copy *c, const struct line *ln)
{
	if (ln->number == 1 && !(ln->flags & LINE_CONT))
		c->crlf = ln->raw_len >= 2 && ln->raw_len > ln->len &&
		    ln->raw[ln->raw_len - 2] == '\r';
}

void
copy_bytes(struct copy *c, const char *s, size_t n)
{
	if (n == 0)
		return;
	c->last_nl = s[n - 1] == '\n';
	if (c->win.open) {
		if (window_hold(&c->win, s, n) < 0)
			c->oom = true;
	} else if (finale_holding(&c->fin)) {
		if (finale_hold(&c->fin, s, n) < 0)
			c->oom = true;
	} else {
		output_write(&c->out, s, n);
	}
}

void
copy_ours(struct copy *c, const char *s, size_t n)
{
	const char *nl;

	if (!c->crlf) {
		copy_bytes(c, s, n);
		return;
	}
	while (n > 0 && (nl = memchr(s, '\n', n)) != NULL) {
		copy_bytes(c, s, (size_t)(nl - s));
		copy_bytes(c, "\r\n", 2);
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	copy_bytes(c, s, n);
}

/* In test mode the dry-run form carries the line's own terminator. */
void
copy_line(struct copy *c, const struct scan_line *sl)
{
	const struct line *ln = sl->line;
	size_t n;

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

void
copy_free(struct copy *c)
{
	output_free(&c->out);
	window_free(&c->win);
	finale_free(&c->fin);
}
