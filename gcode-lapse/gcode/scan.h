/*
 * scan.h: a whole file through the reader, the tokenizer and the tracker.
 *
 * The loop every consumer of a G-code file needs: read a line, parse it as
 * the tracker's firmware reads it, feed the tracker; what is odd goes to
 * the tracker's warnings (m->warn).  Lines longer than the reader's chunk
 * are followed when their code fits in the first chunk (the rest is a
 * comment) and refused otherwise.  A UTF-8 byte order mark is skipped.
 * The caller's callback sees every line (and every piece of a long one)
 * with the tracker's events, so a rewriter can copy the raw bytes through.
 */
#ifndef SCAN_H
#define SCAN_H

#include <stddef.h>

#include "gcode/gcode.h"
#include "gcode/linereader.h"
#include "gcode/machine.h"

struct scan_line {
	const struct line *line;	/* raw bytes and number */
	const struct gcode_line *gl;	/* NULL for a long line's later
					   pieces */
	int events;			/* EV_* from the tracker */
};

/*
 * Return 0 to go on, -1 to stop (the callback fills err).
 */
typedef int (*scan_line_fn)(void *ctx, struct machine *,
    const struct scan_line *, char *err, size_t errlen);

/* Called now and then with the bytes read so far. */
typedef void (*scan_progress_fn)(void *ctx, unsigned long long bytes);

struct scan_hooks {
	scan_line_fn line;
	scan_progress_fn progress;
	void *ctx;
};

/*
 * Read fd to the end.  Returns 0, or -1 with err = "line N: what" (or a
 * read error).  A file that is not G-code (binary G-code, UTF-16 text, NUL
 * or control bytes, an image) is refused at its first such line with a
 * message saying so; no line is refused for being odd G-code.
 */
int scan_fd(int fd, struct machine *, const struct scan_hooks *,
    char *err, size_t errlen);

/*
 * What a file whose first bytes (or first line) are s[0, n) is when it is
 * no G-code at all, "binary G-code (.bgcode): ..." or "UTF-16 text: ...",
 * or NULL.  scan_fd() refuses such a file at its first line; a caller
 * that reads the file another way first can ask before.
 */
const char *scan_not_gcode(const char *s, size_t n);

/* The same over a memory block (tests, fuzzing). */
int scan_mem(const char *data, size_t len, struct machine *,
    const struct scan_hooks *, char *err, size_t errlen);

#endif
