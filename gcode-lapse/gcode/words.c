/*
 * words.c: one forward scan over the words.
 *
 * Each character class has its branch in words_parse(); a letter's value
 * is read by word_value(), which follows the reading's rules for blanks
 * after the letter and after a sign, and read_number() for exponents and
 * decimal commas.  The values come from num_gcode(), exact as strtod().
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "gcode/words.h"

#define BIT(l) ((uint32_t)1 << ((l) - 'A'))

/* Where a number starts: a digit, or a sign or '.' before one. */
bool
words_number_at(const char *s, size_t i, size_t len)
{
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i < len && s[i] == '.')
		i++;
	return i < len && words_digit(s[i]);
}

/* Length of the UTF-8 sequence at s (n bytes left), 0 if it is none. */
static size_t
utf8_length(const unsigned char *s, size_t n)
{
	size_t k = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 ? 3 :
	    s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : 0;

	if (k == 0 || k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return k;
}

/*
 * Text that firmware shows or stores: UTF-8 is text, NUL and control
 * bytes and bytes that are no UTF-8 are binary data.
 */
/*
 * Are the 8 bytes at u all printable ASCII (0x20 to 0x7e)?  No byte below
 * 0x20 and none above 0x7e, tested on the word at once (the "has less" and
 * "has more" tricks of Anderson's bit hacks).
 */
static inline bool
printable8(const unsigned char *u)
{
	const uint64_t ones = 0x0101010101010101ull;
	uint64_t x, below, above;

	memcpy(&x, u, 8);
	below = (x - ones * 0x20) & ~x;
	above = (x + ones * (127 - 0x7e)) | x;
	return ((below | above) & ones * 0x80) == 0;
}

enum gcode_error
words_check_text(const char *s, size_t len, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < len; i++) {
		/* eight printable ASCII bytes at once (comments are long) */
		while (i + 8 <= len && printable8(u + i))
			i += 8;
		if (i == len)
			break;
		if (u[i] >= 0x20 && u[i] < 0x7f)
			continue;
		if (u[i] == '\t' || u[i] == '\r' || u[i] == 0x7f)
			continue;
		if (u[i] >= 0x80) {
			size_t k = utf8_length(u + i, len - i);

			if (k > 0) {
				i += k - 1;
				continue;
			}
		}
		*bad = i;
		return u[i] == 0 ? GCODE_E_NUL : GCODE_E_BINARY;
	}
	return GCODE_OK;
}

void
words_comment(struct gcode_line *gl, const char *s, size_t i, size_t len)
{
	gl->comment = s + i + 1;
	gl->comment_len = len - i - 1;
}

void
words_problem(struct words *p, enum gcode_error e, size_t i)
{
	if (p->err == GCODE_OK || (e == GCODE_E_NUL || e == GCODE_E_BINARY)) {
		if (p->err != GCODE_E_NUL && p->err != GCODE_E_BINARY) {
			p->err = e;
			p->gl->error_column = i + 1;
		}
	}
}

void
words_reject(struct words *p, enum rule r, bool abort)
{
	if (p->gl->reject < 0) {
		p->gl->reject = (signed char)r;
		p->gl->abort = abort;
	}
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

static void
parse_checksum(struct words *p, size_t i)
{
	struct gcode_line *gl = p->gl;
	const char *s = p->s;
	unsigned x = 0, want = 0;
	size_t j = i + 1, digits = 0;

	for (size_t k = 0; k < i; k++)
		x ^= (unsigned char)s[k];
	while (j < p->len && words_digit(s[j]) && digits < 6) {
		want = want * 10 + (unsigned)(s[j++] - '0');
		digits++;
	}
	/*
	 * Without a line number no firmware checks it in a file; XOR
	 * checksums fit a byte, CRC-16 ones (5 digits) are not ours.
	 */
	if (digits > 0 && gl->n >= 0 && digits <= 3 && want != x) {
		gl->odd |= RULE_BIT(RULE_CHECKSUM);
		words_problem(p, GCODE_E_CHECKSUM, i);
		if (p->rd->v[RULE_CHECKSUM] == CK_DROP)
			words_reject(p, RULE_CHECKSUM, false);
	} else if (digits > 0) {
		gl->checksum = gl->n >= 0;
	} else {
		gl->odd |= GCODE_ODD_JUNK;
		words_problem(p, GCODE_E_SYNTAX, i);
	}
	while (j < p->len && (words_blank(s[j]) || s[j] == '\r'))
		j++;
	if (j < p->len && s[j] == ';')
		words_comment(gl, s, j, p->len);
	else if (j < p->len) {
		gl->odd |= GCODE_ODD_JUNK;
		words_problem(p, GCODE_E_SYNTAX, j);
	}
}

/* A number with an exponent (RRF, Prusa's lower-case one), exactly. */
static double
with_exponent(const char *s, size_t n)
{
	char buf[64];
	double v;

	if (n >= sizeof buf)
		return NAN;
	memcpy(buf, s, n);
	buf[n] = '\0';
	v = strtod(buf, NULL);
	return isfinite(v) && fabs(v) <= NUM_GCODE_MAX ? v : NAN;
}

/*
 * The number at i for the word with bit `bit`: its value into *v (NAN when
 * too large), the index after it into *ip.  Returns false when there is
 * none to take.
 */
static bool
read_number(struct words *p, size_t *ip, double *v)
{
	struct gcode_line *gl = p->gl;
	const char *s = p->s;
	size_t i = *ip, used = 0, len = p->len;
	int exp_rule = p->rd->v[RULE_EXPONENT];

	switch (num_gcode(s + i, len - i, v, &used)) {
	case NUM_OK:
		break;
	case NUM_RANGE:
		gl->odd |= GCODE_ODD_RANGE;
		words_problem(p, GCODE_E_RANGE, i);
		*v = NAN;
		break;
	default:
		return false;
	}
	i += used;
	/* An exponent: E or e, a sign, a digit. */
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t k = i + 1;

		if (k < len && (s[k] == '+' || s[k] == '-'))
			k++;
		if (k < len && words_digit(s[k])) {
			gl->odd |= RULE_BIT(RULE_EXPONENT);
			if (exp_rule == EXP_BOTH ||
			    (exp_rule == EXP_LOWER && s[i] == 'e')) {
				while (k < len && words_digit(s[k]))
					k++;
				*v = with_exponent(s + *ip, k - *ip);
				i = k;
				if (isnan(*v)) {
					/* X1E306: too large, as num_gcode()
					 * says of too many digits */
					gl->odd |= GCODE_ODD_RANGE;
					words_problem(p, GCODE_E_RANGE, *ip);
				}
			}
		} else if (exp_rule == EXP_BOTH) {
			/* RRF: "E or e not followed by a number" */
			gl->odd |= RULE_BIT(RULE_EXPONENT);
			words_reject(p, RULE_EXPONENT, true);
		}
	}
	/* A decimal comma, from a slicer's locale. */
	if (i + 1 < len && s[i] == ',' && words_digit(s[i + 1])) {
		gl->odd |= RULE_BIT(RULE_COMMA);
		switch (p->rd->v[RULE_COMMA]) {
		case CM_REJECT:
			words_reject(p, RULE_COMMA, false);
			break;
		case CM_STOP:
			*ip = len;	/* the rest is not read */
			return true;
		}
		for (i++; i < len && (words_digit(s[i]) || s[i] == ','); i++)
			;
	}
	if (i < len && s[i] == '.') {
		/* 1.2.3: a second point */
		gl->odd |= GCODE_ODD_JUNK;
		words_problem(p, GCODE_E_SYNTAX, i);
		while (i < len && (words_digit(s[i]) || s[i] == '.'))
			i++;
	}
	*ip = i;
	return true;
}

/* Skip a number that is no word's value. */
size_t
words_skip_number(const char *s, size_t i, size_t len)
{
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < len && (words_digit(s[i]) || s[i] == '.' || s[i] == ','))
		i++;
	return i;
}

/* "X - 18": the sign at k's left, the digits at k. */
static size_t
sign_blank(struct words *p, int l, bool keep, bool neg, size_t k)
{
	struct gcode_line *gl = p->gl;
	double v;

	gl->odd |= RULE_BIT(RULE_SIGN_BLANK);
	switch (p->rd->v[RULE_SIGN_BLANK]) {
	case SB_READ:
		if (read_number(p, &k, &v) && keep) {
			gl->value[l - 'A'] = neg ? -v : v;
			gl->valued |= BIT(l);
		}
		return k;
	case SB_ZERO:
		if (keep) {
			gl->value[l - 'A'] = 0;
			gl->valued |= BIT(l);
		}
		break;
	case SB_REJECT:
		words_reject(p, RULE_SIGN_BLANK, false);
		break;
	case SB_ABORT:
		words_reject(p, RULE_SIGN_BLANK, true);
		break;
	}
	return words_skip_number(p->s, k, p->len);
}

/*
 * The value of the word whose letter is at i: blanks before it as the
 * reading allows, a sign, digits.  Returns the index after it.
 */
static size_t
word_value(struct words *p, size_t i, int l, bool keep)
{
	struct gcode_line *gl = p->gl;
	const char *s = p->s;
	size_t len = p->len, j = i + 1, start;
	bool tab = false, blank = false;
	double v;

	if (j < len && s[j] == '"') {
		start = ++j;
		if (!scan_string(s, &j, len)) {
			gl->odd |= GCODE_ODD_OPEN;
			words_problem(p, GCODE_E_STRING, start - 1);
		} else if (keep && gl->nstr < GCODE_MAX_STRINGS) {
			gl->str[gl->nstr].letter = (char)l;
			gl->str[gl->nstr].text = s + start;
			gl->str[gl->nstr].len = j - 1 - start;
			gl->nstr++;
		}
		return j;
	}
	if (j < len && s[j] == '{') {
		start = j++;
		if (!scan_expr(s, &j, len)) {
			gl->odd |= GCODE_ODD_OPEN;
			words_problem(p, GCODE_E_EXPR, start);
		}
		if (keep)
			gl->exprs |= BIT(l);
		return j;
	}
	for (; j < len && words_blank(s[j]); j++) {
		blank = true;
		tab |= s[j] == '\t';
	}
	if (blank && j < len && s[j] == '"') {
		/* P "XL" (Prusa's M862): a string after a blank */
		return word_value(p, j - 1, l, keep);
	}
	/* "X - 18": a blank between the sign and the digits */
	if (j + 1 < len && (s[j] == '-' || s[j] == '+') &&
	    words_blank(s[j + 1])) {
		size_t k = j + 1;

		while (k < len && words_blank(s[k]))
			k++;
		if (words_number_at(s, k, len))
			return sign_blank(p, l, keep, s[j] == '-', k);
	}
	if (blank && !words_number_at(s, j, len))
		return j;		/* a bare letter: G28 X Y */
	if (blank) {
		gl->odd |= tab ? RULE_BIT(RULE_TAB_VALUE) :
		    RULE_BIT(RULE_BLANK_VALUE);
		if (tab && p->rd->v[RULE_TAB_VALUE] == TV_DROP)
			return words_skip_number(s, j, len);	/* Marlin */
	}
	if (j < len && (words_digit(s[j]) || s[j] == '.' || s[j] == '-' ||
	    s[j] == '+')) {
		start = j;
		if (!read_number(p, &j, &v)) {
			/* a sign or point with no digit: X- */
			gl->odd |= RULE_BIT(RULE_VALUELESS);
			words_problem(p, GCODE_E_NUMBER, start);
			return words_skip_number(s, j, len);
		}
		if (keep) {
			gl->value[l - 'A'] = v;
			gl->valued |= BIT(l);
		}
	}
	return j;
}

/* A word: letter at i.  Returns the index after it. */
static size_t
parse_word(struct words *p, size_t i)
{
	struct gcode_line *gl = p->gl;
	char c = p->s[i];
	int l = words_to_upper(c);
	uint32_t bit = BIT(l);
	bool keep = true;

	if (!words_upper(c)) {
		gl->odd |= RULE_BIT(RULE_LOWER);
		keep = p->rd->v[RULE_LOWER] == LC_READ;
	}
	if (keep && (gl->words & bit)) {
		gl->odd |= RULE_BIT(RULE_DUPLICATE);
		words_problem(p, GCODE_E_DUPLICATE, i);
		if (p->rd->v[RULE_DUPLICATE] == DUP_FIRST)
			keep = false;
		else
			gl->valued &= ~bit;
	}
	if (keep)
		gl->words |= bit;
	return word_value(p, i, l, keep);
}

void
words_parse(struct words *p, size_t i)
{
	struct gcode_line *gl = p->gl;
	const char *s = p->s;
	size_t len = p->len, bad;
	enum gcode_error err;

	while (i < len) {
		char c = s[i];
		unsigned char u = (unsigned char)c;

		if (words_blank(c) || c == '\r') {
			i++;
		} else if (words_letter(c)) {
			int l = words_to_upper(c);

			if ((l == 'G' || l == 'M') && gl->letter != 0 &&
			    words_upper(c) && words_number_at(s, i + 1, len)) {
				gl->odd |= RULE_BIT(RULE_MULTI);
				if (p->rd->v[RULE_MULTI] == MULTI_SPLIT) {
					gl->next = i;
					return;
				}
			}
			i = parse_word(p, i);
		} else if (c == ';') {
			words_comment(gl, s, i, len);
			if ((err = words_check_text(gl->comment,
			    gl->comment_len, &bad)) != GCODE_OK)
				words_problem(p, err, i + 1 + bad);
			return;
		} else if (c == '(' || c == ')') {
			gl->odd |= RULE_BIT(RULE_PAREN);
			switch (p->rd->v[RULE_PAREN]) {
			case PAREN_COMMENT: {
				const char *close = memchr(s + i, ')', len - i);

				if (close == NULL) {
					gl->odd |= GCODE_ODD_OPEN;
					words_problem(p, GCODE_E_COMMENT, i);
					return;
				}
				/* Skeinforge's layers, "(<layer> 0.2 )"; a
				 * stray ')' is its own close */
				if (c == '(' && gl->comment == NULL)
					words_comment(gl, s, i, (size_t)(close -
					    s));
				i = (size_t)(close - s) + 1;
				break;
			}
			case PAREN_TO_END:
				if (c == ')') {
					i++;	/* a stray one: no comment */
					break;
				}
				if (gl->comment == NULL)
					words_comment(gl, s, i, len);
				return;
			case PAREN_REJECT:
				words_reject(p, RULE_PAREN, false);
				/* FALLTHROUGH */
			default:
				i++;	/* the letters inside are words */
				break;
			}
		} else if (c == '*') {
			parse_checksum(p, i);
			return;
		} else if (words_digit(c) || c == '.' || c == '-' || c == '+') {
			gl->odd |= RULE_BIT(RULE_STRAY);
			switch (p->rd->v[RULE_STRAY]) {
			case ST_STOP:
				return;
			case ST_REJECT:
				words_reject(p, RULE_STRAY, false);
				break;
			}
			i = words_skip_number(s, i, len);
			if (i < len && !words_blank(s[i]) &&
			    !words_letter(s[i]) && s[i] != ';')
				i++;
		} else if (c == '\0') {
			words_problem(p, GCODE_E_NUL, i);
			return;
		} else if (u < 0x20) {
			words_problem(p, GCODE_E_BINARY, i);
			return;
		} else {
			/* '#', ':', '"', UTF-8 text...: junk to every
			 * firmware that reads G-code words */
			gl->odd |= GCODE_ODD_JUNK;
			words_problem(p, GCODE_E_SYNTAX, i);
			if (c == '"') {
				i++;
				if (!scan_string(s, &i, len))
					gl->odd |= GCODE_ODD_OPEN;
			} else {
				i++;
			}
		}
	}
}
