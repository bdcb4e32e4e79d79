/*
 * warnings.h: what a run found odd, one entry per kind: how many times, the
 * first line, and the message of that first one.
 *
 * The tracker adds to it as it reads (a file can have thousands of lines
 * of one kind); --info and the rewrite keep one each, and main prints one
 * line per kind: "line 213: G1 X -18: ... (44 more like it)".
 * Invariant: total is the sum of the counts; an entry's line and text are
 * its first occurrence's.  No allocation.
 */
#ifndef WARNINGS_H
#define WARNINGS_H

#include <stdarg.h>
#include <stddef.h>

#define WARNINGS_KINDS 96
#define WARNINGS_TEXT 320

struct warning {
	const char *id;			/* static: "blank_value", ... */
	unsigned long count;
	unsigned long line;		/* the first one's, from 1 */
	char text[WARNINGS_TEXT];	/* the first one's message */
};

struct warnings {
	struct warning w[WARNINGS_KINDS];
	unsigned long total;
};

void warnings_init(struct warnings *);

/*
 * One more of kind (< WARNINGS_KINDS), named id, at line: the message is
 * formatted only for the first of its kind.
 */
__attribute__((format(printf, 5, 6)))
void warnings_add(struct warnings *, int kind, const char *id,
    unsigned long line, const char *fmt, ...);

/* Has kind been seen yet? (Lets a caller skip building its message.) */
unsigned long warnings_count(const struct warnings *, int kind);

/*
 * The kinds seen, in the order of their first lines, into out (at most
 * max, which should be WARNINGS_KINDS); returns how many there are.
 */
size_t warnings_list(const struct warnings *, const struct warning **out,
    size_t max);

#endif
