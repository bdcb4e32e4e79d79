/*
 * test_copy.c: the copy's holds, in memory: what is written while a hold
 * keeps bytes lands before them, releases go outwards, nothing is lost.
 */
#include <stdlib.h>

#include "t.h"

#include "write/copy.h"

/* Copy text as one input line numbered n. */
static void
line(struct copy *c, unsigned long n, const char *raw)
{
	struct line ln;
	struct scan_line sl = { &ln, NULL, 0 };
	size_t len = strlen(raw);

	ln.raw = ln.text = raw;
	ln.raw_len = len;
	ln.len = len;
	while (ln.len > 0 && (raw[ln.len - 1] == '\n' ||
	    raw[ln.len - 1] == '\r'))
		ln.len--;
	ln.number = n;
	ln.flags = 0;
	copy_line(c, &sl);
}

/* Everything written, as a string the caller frees. */
static char *
done(struct copy *c)
{
	char err[128], *m, *s;
	size_t n;

	T_OK(copy_finish(c, err, sizeof err) == 0, "finish");
	m = copy_take(c, &n);
	s = malloc(n + 1);
	memcpy(s, m, n);
	s[n] = '\0';
	free(m);
	copy_free(c);
	return s;
}

int
main(void)
{
	struct copy *c;
	size_t mark;
	char *s;

	c = copy_new(-1, false);
	line(c, 1, "a\n");
	T_OK(copy_hold(c, COPY_WINDOW), "the window holds");
	line(c, 2, "b\n");
	mark = copy_held(c, COPY_WINDOW);
	line(c, 3, "c\n");
	copy_release(c, COPY_WINDOW, mark);
	copy_ours(c, "B\n", 2);
	T_OK(copy_at_line_start(c), "the kept line ends a line");
	copy_release(c, COPY_WINDOW, COPY_ALL);
	T_OK(!copy_holding(c, COPY_WINDOW), "released: not holding");
	line(c, 4, "d");
	T_OK(!copy_at_line_start(c), "no line end after d");
	s = done(c);
	T_EQ_STR(s, "a\nb\nB\nc\nd", "our text at the mark, the rest after it");
	free(s);

	c = copy_new(-1, false);
	T_OK(copy_hold(c, COPY_WINDOW), "the window holds");
	line(c, 1, "a\n");
	mark = copy_held(c, COPY_WINDOW);
	line(c, 2, "b");
	T_OK(!copy_at_line_start(c), "held: b ends no line");
	copy_release(c, COPY_WINDOW, mark);
	T_OK(copy_at_line_start(c), "at the mark, with b kept for after it: "
	    "a line starts");
	copy_ours(c, "A\n", 2);
	copy_release(c, COPY_WINDOW, COPY_ALL);
	T_OK(!copy_at_line_start(c), "all let go: b ends no line");
	s = done(c);
	T_EQ_STR(s, "a\nA\nb", "our line between whole lines");
	free(s);

	c = copy_new(-1, false);
	line(c, 1, "a\n");
	T_OK(copy_hold(c, COPY_TAIL), "the tail holds");
	line(c, 2, "b\n");
	T_OK(copy_hold(c, COPY_WINDOW), "the window holds inside it");
	T_OK(!copy_hold(c, COPY_TAIL), "the tail does not open again while "
	    "the window holds");
	line(c, 3, "c\n");
	copy_release(c, COPY_TAIL, COPY_ALL);	/* an extrusion */
	T_EQ_INT(copy_held(c, COPY_WINDOW), 2, "the window still has c");
	copy_release(c, COPY_WINDOW, 0);
	copy_ours(c, "W\n", 2);
	copy_release(c, COPY_WINDOW, COPY_ALL);
	s = done(c);
	T_EQ_STR(s, "a\nb\nW\nc\n", "the tail's bytes before the window's");
	free(s);

	c = copy_new(-1, false);
	line(c, 1, "a\r\n");
	copy_ours(c, "x\ny\n", 4);
	T_OK(copy_hold(c, COPY_TAIL), "the tail holds");
	line(c, 2, "b");
	T_OK(!copy_at_line_start(c), "held bytes tell the line end");
	copy_release(c, COPY_TAIL, 0);
	copy_ours(c, "z\n", 2);
	copy_release(c, COPY_TAIL, COPY_ALL);
	s = done(c);
	T_EQ_STR(s, "a\r\nx\r\ny\r\nz\r\nb", "CRLF from the first line, ours "
	    "before the kept tail");
	free(s);

	c = copy_new(-1, false);
	line(c, 1, "a\r");	/* as a reader of CR-only lines gives it */
	T_OK(copy_at_line_start(c), "CR alone ends a line in a CR file");
	copy_ours(c, "x\ny\n", 4);
	line(c, 2, "b");
	T_OK(!copy_at_line_start(c), "b ends no line");
	s = done(c);
	T_EQ_STR(s, "a\rx\ry\rb", "CR-only from the first line");
	free(s);
	return t_done();
}
