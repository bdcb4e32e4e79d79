/*
 * copy.h: the rewritten file on its way out, the input's bytes and ours.
 *
 * Every byte of the output goes through the copy: the input's lines as
 * read (copy_line(); in --test-mode a line may go in its dry-run form,
 * dryrun.c, after one notice before the first G-code) and gcode-lapse's
 * own text (copy_ours(), written with the file's line ends, LF, CRLF or
 * CR alone, learnt from its first line).  A planner that wants to choose
 * where a block goes among lines already read has the copy hold them: two
 * holds nest, the end of print tail (finale.c) outside and the window
 * (window.c) inside; bytes go to the inner one that is holding, else the
 * outer, else out.
 * Released bytes go on the same way, from where they were held outwards.
 *
 * Invariant: the output is the bytes given, in the order given, except
 * that what is written while a hold keeps bytes lands before them; held
 * bytes leave only through copy_release(), at a mark copy_held() handed
 * out.  A hold opens only empty and only while the one inside it is not
 * holding, so what it lets go lands after everything before it.  The
 * output and the holds are the copy's own (copy_free).
 */
#ifndef COPY_H
#define COPY_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/scan.h"

enum copy_hold {
	COPY_TAIL,		/* outer: the end of print tail */
	COPY_WINDOW,		/* inner: the window */
	COPY_HOLDS
};

/* A mark past every held byte: release them all. */
#define COPY_ALL ((size_t)-1)

struct copy;

/* To fd, or to memory when fd is -1.  NULL: out of memory. */
struct copy *copy_new(int fd, bool test_mode);

/* An input line (or a piece of a long one): as read, or its dry run. */
void copy_line(struct copy *, const struct scan_line *);

/* Our own text ('\n' line ends), in the file's line ending style. */
void copy_ours(struct copy *, const char *, size_t);

/*
 * Does the next byte start a line?  (What comes before it: the output and
 * what is held for before it, not what a hold keeps for after.)
 */
bool copy_at_line_start(const struct copy *);

/*
 * Unless the next byte starts a line: a line end in the file's style (of
 * a CRLF file's last line that has its CR, only the LF).
 */
void copy_end_line(struct copy *);

/*
 * Start holding at h (empty).  Returns false, holding nothing, while the
 * hold inside h is holding.
 */
bool copy_hold(struct copy *, enum copy_hold h);

bool copy_holding(const struct copy *, enum copy_hold h);

/* The bytes held at h so far: a mark for copy_release(). */
size_t copy_held(const struct copy *, enum copy_hold h);

/*
 * Stop holding at h and let the held bytes before mark go on; the rest
 * stays until a later release (COPY_ALL: every byte, h is empty again).
 */
void copy_release(struct copy *, enum copy_hold h, size_t mark);

/* 0, or -1 with err ("out of memory", "write error: ..."). */
int copy_error(const struct copy *, char *err, size_t errlen);

/* Everything to the destination (nothing may be held): copy_error(). */
int copy_finish(struct copy *, char *err, size_t errlen);

/* Bytes delivered to the destination so far. */
unsigned long long copy_written(const struct copy *);

/* The memory block of a copy to memory, now the caller's (free(3)). */
char *copy_take(struct copy *, size_t *len);

void copy_free(struct copy *);

#endif
