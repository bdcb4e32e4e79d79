/*
 * gcode.c: the line tokenizer.
 *
 * One forward scan, no allocation, no copy: the result points into the
 * caller's text.  Firmware reads "X1E5" as X1 and E5 (G-code has no
 * exponents), "X 10" as a bare X followed by junk, and compares words
 * without regard to case: so does this.
 */
#include <string.h>

#include "num.h"
#include "gcode/gcode.h"

static inline bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static inline bool
is_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline char
upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static inline bool
is_ident(char c)
{
	return is_letter(c) || is_digit(c) || c == '_';
}

/* Text that firmware shows or stores: NUL and control bytes are junk. */
static enum gcode_error
check_text(const char *s, size_t len, size_t *bad)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 && c != '\t') {
			*bad = i;
			return c == 0 ? GCODE_E_NUL : GCODE_E_BINARY;
		}
	}
	return GCODE_OK;
}

/* RepRapFirmware's own G-code words: a line starting with one is meta. */
static bool
is_meta_keyword(const char *s, size_t n)
{
	static const char *const kw[] = {
		"if", "elif", "else", "while", "break", "continue", "abort",
		"var", "global", "set", "echo", "skip",
	};

	for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
		if (strlen(kw[i]) == n && memcmp(kw[i], s, n) == 0)
			return true;
	return false;
}

/* M-codes whose arguments are free text (messages, file names). */
static bool
is_text_mcode(int code)
{
	switch (code) {
	case 23: case 28: case 30: case 32: case 33: case 117: case 118:
	case 928:
		return true;
	}
	return false;
}

/* End of the argument text: a ';' outside quotes, or the end. */
static size_t
args_end(const char *s, size_t i, size_t len)
{
	bool quoted = false;

	for (; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == ';' && !quoted)
			break;
	}
	return i;
}

static void
set_comment(struct gcode_line *gl, const char *s, size_t i, size_t len)
{
	gl->comment = s + i + 1;
	gl->comment_len = len - i - 1;
}

/* Take the rest of the line as argument text, then the comment. */
static enum gcode_error
take_args(struct gcode_line *gl, const char *s, size_t i, size_t len)
{
	enum gcode_error err;
	size_t end, bad;

	while (i < len && is_blank(s[i]))
		i++;
	end = args_end(s, i, len);
	gl->args = s + i;
	gl->args_len = end - i;
	while (gl->args_len > 0 && is_blank(gl->args[gl->args_len - 1]))
		gl->args_len--;
	if (end < len)
		set_comment(gl, s, end, len);
	if ((err = check_text(s + i, len - i, &bad)) != GCODE_OK)
		gl->error_column = i + bad + 1;
	return err;
}

/* "text" with "" for a quote; i is just after the opening quote. */
static bool
scan_string(const char *s, size_t *i, size_t len)
{
	while (*i < len) {
		if (s[*i] == '"') {
			if (*i + 1 < len && s[*i + 1] == '"') {
				*i += 2;
				continue;
			}
			(*i)++;
			return true;
		}
		(*i)++;
	}
	return false;
}

/* {expression}, nested, strings inside; i is just after the '{'. */
static bool
scan_expr(const char *s, size_t *i, size_t len)
{
	int depth = 1;

	while (*i < len) {
		char c = s[(*i)++];

		if (c == '"') {
			if (!scan_string(s, i, len))
				return false;
		} else if (c == '{') {
			depth++;
		} else if (c == '}' && --depth == 0) {
			return true;
		}
	}
	return false;
}

static enum gcode_error
fail(struct gcode_line *gl, enum gcode_error err, size_t i)
{
	gl->error_column = i + 1;
	return err;
}

static enum gcode_error
parse_checksum(struct gcode_line *gl, const char *s, size_t i, size_t len)
{
	unsigned x = 0, want = 0;
	size_t j = i + 1, digits = 0;

	for (size_t k = 0; k < i; k++)
		x ^= (unsigned char)s[k];
	while (j < len && is_digit(s[j]) && digits < 6) {
		want = want * 10 + (unsigned)(s[j++] - '0');
		digits++;
	}
	if (digits == 0)
		return fail(gl, GCODE_E_SYNTAX, i);
	/* XOR checksums fit a byte; CRC-16 ones (5 digits) are not ours. */
	if (digits <= 3 && want != x)
		return fail(gl, GCODE_E_CHECKSUM, i);
	gl->checksum = true;
	while (j < len && is_blank(s[j]))
		j++;
	if (j < len && s[j] == ';')
		set_comment(gl, s, j, len);
	else if (j < len)
		return fail(gl, GCODE_E_SYNTAX, j);
	return GCODE_OK;
}

static enum gcode_error
parse_word(struct gcode_line *gl, const char *s, size_t *ip, size_t len)
{
	size_t i = *ip;
	char l = upper(s[i]);
	uint32_t bit = (uint32_t)1 << (l - 'A');
	size_t start;

	if (gl->words & bit)
		return fail(gl, GCODE_E_DUPLICATE, i);
	gl->words |= bit;
	i++;
	if (i < len && s[i] == '"') {
		start = ++i;
		if (!scan_string(s, &i, len))
			return fail(gl, GCODE_E_STRING, start - 1);
		if (gl->nstr < GCODE_MAX_STRINGS) {
			gl->str[gl->nstr].letter = l;
			gl->str[gl->nstr].text = s + start;
			gl->str[gl->nstr].len = i - 1 - start;
			gl->nstr++;
		}
	} else if (i < len && s[i] == '{') {
		start = i++;
		if (!scan_expr(s, &i, len))
			return fail(gl, GCODE_E_EXPR, start);
		gl->exprs |= bit;
	} else if (i < len && (is_digit(s[i]) || s[i] == '.' || s[i] == '-' ||
	    s[i] == '+')) {
		size_t used = 0;

		switch (num_gcode(s + i, len - i, &gl->value[l - 'A'], &used)) {
		case NUM_OK:
			break;
		case NUM_RANGE:
			return fail(gl, GCODE_E_RANGE, i);
		default:
			return fail(gl, GCODE_E_NUMBER, i);
		}
		i += used;
		gl->valued |= bit;
		if (i < len && (s[i] == 'e' || s[i] == 'E'))
			gl->glued_e |= bit;
	}
	*ip = i;
	return GCODE_OK;
}

static enum gcode_error
parse_words(struct gcode_line *gl, const char *s, size_t i, size_t len)
{
	enum gcode_error err;

	while (i < len) {
		char c = s[i];

		if (is_blank(c)) {
			i++;
		} else if (is_letter(c)) {
			if ((err = parse_word(gl, s, &i, len)) != GCODE_OK)
				return err;
		} else if (c == ';') {
			size_t bad;

			set_comment(gl, s, i, len);
			if ((err = check_text(gl->comment, gl->comment_len,
			    &bad)) != GCODE_OK)
				return fail(gl, err, i + 1 + bad);
			return GCODE_OK;
		} else if (c == '(') {
			const char *close = memchr(s + i, ')', len - i);

			if (close == NULL)
				return fail(gl, GCODE_E_COMMENT, i);
			/* Skeinforge's layers */
			if (gl->comment == NULL) {
				gl->comment = s + i + 1;
				gl->comment_len = (size_t)(close - s) - i - 1;
			}
			i = (size_t)(close - s) + 1;
		} else if (c == '*') {
			return parse_checksum(gl, s, i, len);
		} else if (c == '\0') {
			return fail(gl, GCODE_E_NUL, i);
		} else if ((unsigned char)c < 0x20 ||
		    (unsigned char)c >= 0x7f) {
			return fail(gl, GCODE_E_BINARY, i);
		} else {
			return fail(gl, GCODE_E_SYNTAX, i);
		}
	}
	return GCODE_OK;
}

static enum gcode_error parse_line(const char *, size_t, struct gcode_line *);

/*
 * A line with junk in it is binary data, whatever error came first: a
 * syntax error before the first NUL must not let a binary file through as
 * a run of ignored lines.
 */
enum gcode_error
gcode_parse(const char *s, size_t len, struct gcode_line *gl)
{
	enum gcode_error err = parse_line(s, len, gl);
	size_t bad;

	if (err != GCODE_OK && err != GCODE_E_NUL && err != GCODE_E_BINARY) {
		enum gcode_error junk = check_text(s, len, &bad);

		if (junk != GCODE_OK) {
			gl->error_column = bad + 1;
			return junk;
		}
	}
	return err;
}

static enum gcode_error
parse_line(const char *s, size_t len, struct gcode_line *gl)
{
	size_t i = 0;

	gl->kind = GCODE_EMPTY;
	gl->letter = 0;
	gl->code = gl->subcode = -1;
	gl->words = gl->valued = gl->exprs = gl->glued_e = 0;
	gl->nstr = 0;
	gl->comment = gl->name = gl->args = NULL;
	gl->comment_len = gl->name_len = gl->args_len = 0;
	gl->n = -1;
	gl->checksum = false;
	gl->error_column = 0;

	while (i < len && is_blank(s[i]))
		i++;
	/* N123: line number for the host protocol. */
	if (i + 1 < len && upper(s[i]) == 'N' && is_digit(s[i + 1])) {
		long n = 0;

		for (i++; i < len && is_digit(s[i]); i++)
			n = n < 100000000 ? n * 10 + (s[i] - '0') : n;
		gl->n = n;
		while (i < len && is_blank(s[i]))
			i++;
	}
	if (i == len || s[i] == '%')
		return GCODE_OK;
	if (s[i] == ';' || s[i] == '(')
		return parse_words(gl, s, i, len);
	if (!is_letter(s[i]))
		return fail(gl, s[i] == '\0' ? GCODE_E_NUL :
		    (unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f ?
		    GCODE_E_BINARY : GCODE_E_SYNTAX, i);

	if (i + 1 < len && (is_letter(s[i + 1]) || s[i + 1] == '_')) {
		size_t start = i;

		while (i < len && is_ident(s[i]))
			i++;
		gl->name = s + start;
		gl->name_len = i - start;
		gl->kind = is_meta_keyword(gl->name, gl->name_len) ?
		    GCODE_META : GCODE_EXTENDED;
		return take_args(gl, s, i, len);
	}

	gl->kind = GCODE_CODE;
	gl->letter = upper(s[i++]);
	if (i < len && is_digit(s[i])) {
		int code = 0;

		for (; i < len && is_digit(s[i]); i++)
			if (code < 100000)
				code = code * 10 + (s[i] - '0');
		gl->code = code;
		if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1])) {
			int sub = 0;

			for (i++; i < len && is_digit(s[i]); i++)
				if (sub < 100000)
					sub = sub * 10 + (s[i] - '0');
			gl->subcode = sub;
		}
	} else if (gl->letter != 'T') {
		return fail(gl, GCODE_E_SYNTAX, i - 1);
	} else if (i < len && s[i] == '-') {
		size_t used;
		double v;

		if (num_gcode(s + i, len - i, &v, &used) != NUM_OK)
			return fail(gl, GCODE_E_NUMBER, i);
		i += used;	/* T-1: no tool */
	}
	if (gl->letter == 'M' && is_text_mcode(gl->code))
		return take_args(gl, s, i, len);
	if (i < len && !is_blank(s[i]) && !is_letter(s[i]) && s[i] != ';' &&
	    s[i] != '(' && s[i] != '*')
		return fail(gl, s[i] == '\0' ? GCODE_E_NUL : GCODE_E_SYNTAX, i);
	return parse_words(gl, s, i, len);
}

const struct gcode_string *
gcode_string(const struct gcode_line *gl, char letter)
{
	for (int i = 0; i < gl->nstr; i++)
		if (gl->str[i].letter == letter)
			return &gl->str[i];
	return NULL;
}

bool
gcode_comment_is(const struct gcode_line *gl, const char *prefix)
{
	const char *c = gl->comment;
	size_t n = gl->comment_len, plen = strlen(prefix);

	if (c == NULL)
		return false;
	while (n > 0 && is_blank(*c)) {
		c++;
		n--;
	}
	return n >= plen && memcmp(c, prefix, plen) == 0;
}

const char *
gcode_strerror(enum gcode_error err)
{
	switch (err) {
	case GCODE_OK:
		return "no error";
	case GCODE_E_NUL:
		return "NUL byte (binary data?)";
	case GCODE_E_BINARY:
		return "unexpected control or non-ASCII byte (binary data?)";
	case GCODE_E_NUMBER:
		return "malformed number";
	case GCODE_E_RANGE:
		return "number out of range";
	case GCODE_E_STRING:
		return "unterminated string";
	case GCODE_E_COMMENT:
		return "unterminated ( comment";
	case GCODE_E_EXPR:
		return "unterminated { expression";
	case GCODE_E_CHECKSUM:
		return "checksum mismatch";
	case GCODE_E_DUPLICATE:
		return "word given twice";
	case GCODE_E_SYNTAX:
		return "syntax error";
	}
	return "unknown error";
}
