/*
 * conditional.h: RepRapFirmware's conditional blocks, where no snapshot
 * block may go.
 *
 * RRF 3 reads "if", "elif", "else" and "while" (lower case, first on the
 * line after its indentation) as meta commands whose body is the lines
 * indented deeper; the first line at the keyword's indentation or less,
 * other than an "else" or "elif" going on at the same indentation, ends
 * it.  Comment-only and blank lines do not count (StringParser's
 * CheckMetaCommand skips them).  A block of ours is written at column 0,
 * so inside a body it would end the body early: the rest of it would run
 * whatever the condition, and an "else" after it is an error that aborts
 * the print.  Nor can the tracker know which branch runs.  So a block
 * goes nowhere from a conditional's keyword line to the line that ends it
 * (the end of the file ends it too).
 *
 * Invariant: after conditional_line() has seen every line up to one,
 * conditional_inside() says whether the point after that line is within
 * a conditional block.
 */
#ifndef CONDITIONAL_H
#define CONDITIONAL_H

#include <stdbool.h>
#include <stddef.h>

struct conditional {
	int indent;		/* the outermost open keyword's, -1: none */
	unsigned long line;	/* its line */
};

void conditional_init(struct conditional *);

enum conditional_event {
	COND_NOTHING,		/* a comment or blank line: no effect */
	COND_LINE,		/* a line of code that ended nothing */
	COND_ENDED,		/* a line that ended the conditional the
				   point before it was in */
};

/* The next line's text (its first piece will do) and number. */
enum conditional_event conditional_line(struct conditional *,
    const char *text, size_t len, unsigned long line);

/* Inline: asked at every line. */
static inline bool
conditional_inside(const struct conditional *c)
{
	return c->indent >= 0;
}

#endif
