/*
 * warnings.c: a fixed table indexed by kind.
 */
#include <stdio.h>
#include <string.h>

#include "gcode/warnings.h"

void
warnings_init(struct warnings *w)
{
	memset(w, 0, sizeof *w);
}

void
warnings_add(struct warnings *w, int kind, const char *id,
    unsigned long line, const char *fmt, ...)
{
	struct warning *e;
	va_list ap;

	if (kind < 0 || kind >= WARNINGS_KINDS)
		kind = WARNINGS_KINDS - 1;
	e = &w->w[kind];
	w->total++;
	if (e->count++ > 0)
		return;
	e->id = id;
	e->line = line;
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof e->text, fmt, ap);
	va_end(ap);
}

unsigned long
warnings_count(const struct warnings *w, int kind)
{
	return kind >= 0 && kind < WARNINGS_KINDS ? w->w[kind].count : 0;
}

size_t
warnings_list(const struct warnings *w, const struct warning **out,
    size_t max)
{
	size_t n = 0, kept;

	for (int k = 0; k < WARNINGS_KINDS; k++)
		if (w->w[k].count > 0) {
			if (n < max)
				out[n] = &w->w[k];
			n++;
		}
	kept = n < max ? n : max;
	/* insertion by first line: a few dozen kinds at most */
	for (size_t i = 1; i < kept; i++) {
		const struct warning *e = out[i];
		size_t j = i;

		for (; j > 0 && out[j - 1]->line > e->line; j--)
			out[j] = out[j - 1];
		out[j] = e;
	}
	return n;
}
