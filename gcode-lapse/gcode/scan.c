/*
 * scan.c: the read-parse-track loop.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "errbuf.h"
#include "gcode/scan.h"

#define PROGRESS_EVERY (4u * 1024 * 1024)

/* Binary G-code and other files people feed by mistake. */
static const char *
not_gcode(const char *s, size_t n)
{
	if (n >= 4 && memcmp(s, "GCDE", 4) == 0)
		return "binary G-code (.bgcode): turn off \"Supports binary "
		    "G-code\" in the slicer's printer settings, or convert it "
		    "with bgcode --to-ascii";
	if (n >= 4 && memcmp(s, "\x89PNG", 4) == 0)
		return "a PNG image, not G-code";
	if (n >= 2 && memcmp(s, "PK", 2) == 0)
		return "a ZIP archive (3MF?), not G-code";
	if (n >= 5 && memcmp(s, "solid", 5) == 0)
		return "an STL model, not G-code: slice it first";
	return NULL;
}

/* Does a long line's first piece hold all of its code? */
static bool
code_fits(const char *s, size_t n)
{
	return memchr(s, ';', n) != NULL;
}

static int
run(struct linereader *lr, struct machine *m, const struct scan_hooks *h,
    char *err, size_t errlen)
{
	struct line ln;
	struct gcode_line gl;
	char msg[512];
	unsigned long long next_progress = PROGRESS_EVERY;
	int r;

	while ((r = linereader_next(lr, &ln)) == 1) {
		struct scan_line sl = { &ln, NULL, 0 };
		unsigned long warnings = m->warnings;
		const char *what;

		if (ln.number == 1 && !(ln.flags & LINE_CONT) &&
		    (what = not_gcode(ln.text, ln.len)) != NULL)
			return errbuf_set(err, errlen, "line 1: %s", what);
		if (ln.flags & LINE_CONT) {
			/* the rest of a long line: a comment, seen already */
		} else if ((ln.flags & LINE_PARTIAL) &&
		    !code_fits(ln.text, ln.len)) {
			return errbuf_set(err, errlen, "line %lu: line longer "
			    "than %u bytes with no comment in its first %u: "
			    "not G-code, or damaged", ln.number,
			    LINEREADER_CHUNK, LINEREADER_CHUNK);
		} else {
			size_t len = ln.len;
			enum gcode_error ge;

			if (ln.flags & LINE_PARTIAL)	/* keep whole chars */
				len = (size_t)((const char *)memchr(ln.text,
				    ';', len) - ln.text) + 1;
			ge = gcode_parse(ln.text, len, &gl);
			if (ge == GCODE_OK) {
				sl.gl = &gl;
				sl.events = machine_feed(m, &gl, msg,
				    sizeof msg);
			} else {
				sl.events = machine_feed_text(m, ln.text, len,
				    msg, sizeof msg);
			}
			if (sl.events == -1)
				return errbuf_set(err, errlen, "line %lu: %s",
				    ln.number, msg);
			if (m->warnings != warnings && h->warn != NULL) {
				char full[600];

				snprintf(full, sizeof full, "line %lu: %s",
				    ln.number, msg);
				h->warn(h->ctx, full);
			}
		}
		if (h->line != NULL &&
		    h->line(h->ctx, m, &sl, err, errlen) == -1)
			return -1;
		if (h->progress != NULL &&
		    linereader_offset(lr) >= next_progress) {
			h->progress(h->ctx, linereader_offset(lr));
			next_progress += PROGRESS_EVERY;
		}
	}
	if (r == -1)
		return errbuf_set(err, errlen, "read error: %s",
		    strerror(errno));
	return 0;
}

/* Run over a new reader, or report that there was no memory for one. */
static int
run_owned(struct linereader *lr, struct machine *m,
    const struct scan_hooks *h, char *err, size_t errlen)
{
	int r;

	if (lr == NULL)
		return errbuf_set(err, errlen, "out of memory");
	r = run(lr, m, h, err, errlen);
	linereader_free(lr);
	return r;
}

int
scan_fd(int fd, struct machine *m, const struct scan_hooks *h, char *err,
    size_t errlen)
{
	return run_owned(linereader_fd(fd), m, h, err, errlen);
}

int
scan_mem(const char *data, size_t len, struct machine *m,
    const struct scan_hooks *h, char *err, size_t errlen)
{
	return run_owned(linereader_mem(data, len), m, h, err, errlen);
}
