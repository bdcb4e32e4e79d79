/*
 * conditional.c: indentation as RRF counts it (a blank is one column, a
 * tab goes on to the next multiple of 4) and the four keywords that open
 * a body.
 */
#include <string.h>

#include "plan/conditional.h"

enum keyword { KW_NONE, KW_OPEN, KW_GOES_ON };

void
conditional_init(struct conditional *c)
{
	c->indent = -1;
	c->line = 0;
}

/* Is the text the keyword, ended as RRF ends a command word? */
static bool
is_word(const char *s, size_t n, const char *kw)
{
	size_t k = strlen(kw);

	return n >= k && memcmp(s, kw, k) == 0 && (n == k || s[k] == ' ' ||
	    s[k] == '\t' || s[k] == '{' || s[k] == '"' || s[k] == '(');
}

static enum keyword
keyword(const char *s, size_t n)
{
	if (s[0] != 'i' && s[0] != 'w' && s[0] != 'e')
		return KW_NONE;		/* G-code: the common case */
	if (is_word(s, n, "if") || is_word(s, n, "while"))
		return KW_OPEN;
	if (is_word(s, n, "else") || is_word(s, n, "elif"))
		return KW_GOES_ON;
	return KW_NONE;
}

enum conditional_event
conditional_line(struct conditional *c, const char *text, size_t len,
    unsigned long line)
{
	enum keyword kw;
	size_t i = 0;
	int indent = 0;
	enum conditional_event ev = COND_LINE;

	for (; i < len && (text[i] == ' ' || text[i] == '\t'); i++)
		indent = text[i] == ' ' ? indent + 1 : (indent + 4) & ~3;
	if (i == len || text[i] == ';')
		return COND_NOTHING;
	kw = keyword(text + i, len - i);
	if (c->indent >= 0 && (indent < c->indent ||
	    (indent == c->indent && kw != KW_GOES_ON))) {
		c->indent = -1;
		ev = COND_ENDED;
	}
	if (c->indent < 0 && kw != KW_NONE) {
		c->indent = indent;
		c->line = line;
	}
	return ev;
}
