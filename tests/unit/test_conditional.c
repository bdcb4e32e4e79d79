/*
 * test_conditional.c: where RRF's conditional blocks begin and end.
 */
#include <string.h>

#include "t.h"
#include "plan/conditional.h"

static enum conditional_event
feed(struct conditional *c, const char *s, unsigned long n)
{
	return conditional_line(c, s, strlen(s), n);
}

int
main(void)
{
	struct conditional c;

	conditional_init(&c);
	T_EQ_INT(feed(&c, "G1 X1", 1), COND_LINE, "a plain line");
	T_OK(!conditional_inside(&c), "outside at first");
	T_EQ_INT(feed(&c, "if move.axes[2].userPosition < 10", 2), COND_LINE,
	    "if");
	T_OK(conditional_inside(&c), "inside after the if line");
	T_EQ_INT(feed(&c, "  G1 X2", 3), COND_LINE, "the body");
	T_EQ_INT(feed(&c, "; a comment at column 0", 4), COND_NOTHING,
	    "a comment does not count");
	T_EQ_INT(feed(&c, "", 5), COND_NOTHING, "nor a blank line");
	T_OK(conditional_inside(&c), "still inside");
	T_EQ_INT(feed(&c, "else", 6), COND_LINE, "else goes on");
	T_EQ_INT(feed(&c, "\twhile iterations < 2", 7), COND_LINE,
	    "a nested while, tab-indented");
	T_EQ_INT(feed(&c, "    G1 X3", 8), COND_LINE, "its body");
	T_EQ_INT(feed(&c, "G1 X4", 9), COND_ENDED, "column 0 ends it all");
	T_OK(!conditional_inside(&c), "outside after it");
	T_EQ_INT(feed(&c, "iffy G1", 10), COND_LINE, "iffy is no keyword");
	T_OK(!conditional_inside(&c), "still outside");
	T_EQ_INT(feed(&c, "  while{true}", 11), COND_LINE,
	    "while{...}, indented");
	T_EQ_INT(c.line, 11, "opened at its line");
	T_EQ_INT(feed(&c, "    M400", 12), COND_LINE, "the body");
	T_EQ_INT(feed(&c, "  if true", 13), COND_ENDED,
	    "an if at the while's indentation ends it");
	T_OK(conditional_inside(&c), "and opens its own");
	T_EQ_INT(c.line, 13, "at its line");
	T_EQ_INT(feed(&c, " G1 X5", 14), COND_ENDED, "less indented: ended");
	T_OK(!conditional_inside(&c), "outside");
	return t_done();
}
