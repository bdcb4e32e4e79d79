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

/*
 * UTF-16 (an editor's "Unicode"), with its byte-order mark or without:
 * ASCII in it has a NUL at (nearly) every odd, or every even, byte.
 */
static bool
utf16(const unsigned char *u, size_t n)
{
	size_t nul[2] = { 0, 0 }, m = n < 64 ? n : 64;

	if (n >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
	    (u[0] == 0xfe && u[1] == 0xff)))
		return true;
	if (m < 4)
		return false;
	for (size_t i = 0; i < m; i++)
		if (u[i] == 0)
			nul[i % 2]++;
	return (nul[0] == 0 || nul[1] == 0) && nul[0] + nul[1] >= m / 2 - 1;
}

const char *
scan_not_gcode(const char *s, size_t n)
{
	if (n >= 4 && memcmp(s, "GCDE", 4) == 0)
		return "binary G-code (.bgcode): turn off \"Supports binary "
		    "G-code\" in the slicer's printer settings, or convert it "
		    "with bgcode --to-ascii";
	if (utf16((const unsigned char *)s, n))
		return "UTF-16 text: save the file as UTF-8 (G-code is ASCII "
		    "or UTF-8, as firmware reads it), e.g. iconv -f UTF-16 -t "
		    "UTF-8 FILE >FILE.utf8.gcode";
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

/* A file of CR-only lines: say once what its firmware makes of it. */
static void
warn_cr(struct machine *m)
{
	unsigned merge = 0;
	char names[160];

	for (int f = 0; f < FW_N; f++)
		if ((m->firmwares & FW_BIT(f)) &&
		    dialect_value((enum firmware)f, RULE_CR) == CR_MERGES)
			merge |= FW_BIT(f);
	if (merge == 0)
		return;
	machine_warn(m, MW_LONE_CR, "cr_only", "lines end in CR alone (an old "
	    "Mac's): %s read%s the file as one line, which does not print",
	    dialect_names(merge, names, sizeof names),
	    merge & (merge - 1) ? "" : "s");
}

static int
run(struct linereader *lr, struct machine *m, const struct scan_hooks *h,
    char *err, size_t errlen)
{
	struct line ln;
	struct gcode_line gl;
	unsigned long long next_progress = PROGRESS_EVERY;
	int r;

	while ((r = linereader_next(lr, &ln)) == 1) {
		struct scan_line sl = { &ln, NULL, 0 };
		const char *what, *text = ln.text;
		size_t len = ln.len;

		if (ln.number == 1 && !(ln.flags & LINE_CONT)) {
			if ((what = scan_not_gcode(text, len)) != NULL)
				return errbuf_set(err, errlen, "line 1: %s",
				    what);
			if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
				text += 3;	/* a UTF-8 byte order mark */
				len -= 3;
			}
		}
		if (ln.flags & LINE_CONT) {
			/* the rest of a long line: a comment, seen already */
		} else if ((ln.flags & LINE_PARTIAL) && !code_fits(text, len)) {
			return errbuf_set(err, errlen, "line %lu: line longer "
			    "than %u bytes with no comment in its first %u: "
			    "not G-code, or damaged", ln.number,
			    LINEREADER_CHUNK, LINEREADER_CHUNK);
		} else {
			enum gcode_error ge;

			if (ln.flags & LINE_PARTIAL)	/* keep whole chars */
				len = (size_t)((const char *)memchr(text, ';',
				    len) - text) + 1;
			ge = gcode_parse(text, len, &m->reading, &gl);
			if (ge == GCODE_E_NUL || ge == GCODE_E_BINARY)
				return errbuf_set(err, errlen, "line %lu: "
				    "column %zu: %s", ln.number,
				    gl.error_column + (size_t)(text - ln.text),
				    gcode_strerror(ge));
			sl.gl = &gl;
			sl.events = machine_feed(m, &gl, NULL, 0);
			if (ln.number == 1 && (ln.flags & LINE_CR))
				warn_cr(m);
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
