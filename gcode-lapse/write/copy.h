/*
 * copy.h: the rewritten file on its way out, the input's bytes and ours.
 *
 * Bytes go to the innermost holder that is open: the window (a better
 * point for a block is looked for), the end of print tail (finale.c), or
 * the output.  Our own text is written with the file's line ends; in
 * --test-mode a line may go in its dry-run form (dryrun.c), after one
 * notice before the first G-code.
 *
 * Invariant: the order of the bytes is always output, tail, window: the
 * tail is only opened while the window is closed, so what is released
 * from either lands after everything before it.  The output, the window
 * and the tail are the copy's own (copy_free).
 */
#ifndef COPY_H
#define COPY_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/scan.h"
#include "plan/finale.h"
#include "plan/window.h"
#include "write/dryrun.h"
#include "write/output.h"

struct copy {
	struct output out;
	struct window win;		/* smart mode, deferred blocks */
	struct finale fin;		/* the end of print tail */
	bool last_nl;			/* the last byte copied was '\n' */
	bool crlf;			/* the file's first line ends in CRLF */
	bool oom;			/* a holder ran out of memory */

	bool test_mode;
	bool announced;			/* the notice is out */
	char dry[LINEREADER_CHUNK + sizeof DRYRUN_PREFIX];
};

/*
 * To fd, or to memory when fd is -1; final_wanted: see finale_init().
 * Returns 0, or -1: out of memory.
 */
int copy_init(struct copy *, int fd, bool test_mode, bool final_wanted);

/* Learn the file's line ending style from its first line. */
void copy_learn(struct copy *, const struct line *);

/* n bytes, as they are. */
void copy_bytes(struct copy *, const char *, size_t);

/* Our own text ('\n' line ends), in the file's line ending style. */
void copy_ours(struct copy *, const char *, size_t);

/* An input line: as read, or in test mode maybe its dry-run form. */
void copy_line(struct copy *, const struct scan_line *);

void copy_free(struct copy *);

#endif
