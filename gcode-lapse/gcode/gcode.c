/*
 * gcode.c: the line tokenizer.
 *
 * One forward scan, no allocation, no copy: the result points into the
 * caller's text.  A line "G0/G1" followed by single-spaced X Y Z E F words
 * with plain numbers (nearly every line a slicer writes) takes a short
 * path every firmware reads alike; anything else goes through the general
 * reader, which splits words as the reading's rules say (dialect.c holds
 * the rules and their sources) and notes each rule the line touched.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "num.h"
#include "gcode/gcode.h"
#include "gcode/words.h"

#define BIT(l) ((uint32_t)1 << ((l) - 'A'))
#define FIRMWARE_BUFFER 95	/* Marlin's and Prusa's MAX_CMD_SIZE - 1 */
#define RRF_BUFFER 255

static inline bool
is_ident(char c)
{
	return words_letter(c) || words_digit(c) || c == '_';
}

void
gcode_reading(struct gcode_reading *rd, enum firmware f)
{
	for (int r = 0; r < RULE_READING_END; r++)
		rd->v[r] = (signed char)dialect_value(f, (enum rule)r);
}

static const struct gcode_reading *
default_reading(void)
{
	static struct gcode_reading rd;
	static bool done;

	if (!done) {
		gcode_reading(&rd, FW_MARLIN2);
		done = true;
	}
	return &rd;
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

/*
 * M-codes whose arguments are free text (messages, file names, versions,
 * object labels: PrusaSlicer's "M486 AShape-Box" and "M115 U3.11.0",
 * Bambu's "M1002 set_gcode_claim_speed_level : 5" and "M624
 * AQAAAAAAAAA=").
 */
static bool
is_text_mcode(int code)
{
	switch (code) {
	case 23: case 28: case 30: case 32: case 33: case 115: case 117:
	case 118: case 486: case 624: case 625: case 928: case 1002:
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


/* Take the rest of the line as argument text, then the comment. */
static void
take_args(struct words *p, size_t i)
{
	struct gcode_line *gl = p->gl;
	size_t end, bad;
	enum gcode_error err;

	while (i < p->len && words_blank(p->s[i]))
		i++;
	end = args_end(p->s, i, p->len);
	gl->args = p->s + i;
	gl->args_len = end - i;
	while (gl->args_len > 0 && (words_blank(gl->args[gl->args_len - 1]) ||
	    gl->args[gl->args_len - 1] == '\r'))
		gl->args_len--;
	if (end < p->len)
		words_comment(gl, p->s, end, p->len);
	if ((err = words_check_text(p->s + i, p->len - i, &bad)) != GCODE_OK)
		words_problem(p, err, i + bad);
}

static void
init(struct gcode_line *gl, const char *s, size_t len)
{
	/* field by field: a memset of these 130 bytes costs more */
	gl->kind = GCODE_EMPTY;
	gl->letter = gl->tform = 0;
	gl->reject = -1;
	gl->abort = false;
	gl->code = gl->subcode = -1;
	gl->words = gl->valued = gl->exprs = 0;
	gl->nstr = 0;
	gl->odd = 0;
	gl->comment = gl->name = gl->args = NULL;
	gl->comment_len = gl->name_len = gl->args_len = 0;
	gl->n = -1;
	gl->checksum = false;
	gl->next = 0;
	gl->text = s;
	gl->len = len;
	gl->error_column = 0;
}

/* The letters of the short path. */
#define PLAIN_WORDS (GCODE_XYZE | GCODE_BIT('F'))

/*
 * A plain number at p ([-]digits[.digits], at most 15 digits) into *v,
 * exactly as num_gcode() has it: the end of it, or NULL for one to leave
 * to num_gcode().
 */
static inline const char *
plain_number(const char *p, const char *end, double *v)
{
	const char *start, *frac = NULL;
	uint64_t mant = 0;
	unsigned d;
	size_t ni, nf;
	double r;
	bool neg = *p == '-';

	p += neg;
	start = p;
	while (p < end && (d = (unsigned)(*p - '0')) < 10) {
		mant = mant * 10 + d;
		p++;
	}
	ni = (size_t)(p - start);
	if (p < end && *p == '.') {
		frac = ++p;
		while (p < end && (d = (unsigned)(*p - '0')) < 10) {
			mant = mant * 10 + d;
			p++;
		}
	}
	nf = frac != NULL ? (size_t)(p - frac) : 0;
	if (ni + nf == 0 || ni + nf > 15 || ni > 12)
		return NULL;
	r = (double)(int64_t)mant / num_pow10[nf];
	*v = neg ? -r : r;
	return p;
}

/*
 * The short path: "G0 " or "G1 " and X/Y/Z/E/F words, one blank apart,
 * each with a plain number, to the end or a ';'.  The line is whole in
 * *gl only when it returns true.
 */
static bool
parse_plain_move(const char *s, size_t len, struct gcode_line *gl)
{
	const char *p = s + 3, *end = s + len, *comment = NULL;
	uint32_t words = 0;

	if (len < 5 || len > FIRMWARE_BUFFER || s[0] != 'G' ||
	    (s[1] != '0' && s[1] != '1') || s[2] != ' ')
		return false;
	for (;;) {
		unsigned c = (unsigned char)*p - 'A';
		uint32_t bit = c < 26 ? (uint32_t)1 << c : 0;

		if (!(bit & PLAIN_WORDS) || (words & bit) || ++p == end ||
		    (p = plain_number(p, end, &gl->value[c])) == NULL)
			return false;
		words |= bit;
		if (p == end)
			break;
		if (*p == ';' || (*p == ' ' && p + 1 < end && p[1] == ';')) {
			comment = p + (*p == ' ');
			break;
		}
		if (*p != ' ' || ++p == end)
			return false;
	}
	init(gl, s, len);
	gl->kind = GCODE_CODE;
	gl->letter = 'G';
	gl->code = s[1] - '0';
	gl->words = gl->valued = words;
	if (comment != NULL)
		words_comment(gl, s, (size_t)(comment - s), len);
	return true;
}

static void parse_line(struct words *);

enum gcode_error
gcode_parse(const char *s, size_t len, const struct gcode_reading *rd,
    struct gcode_line *gl)
{
	struct words p;
	size_t bad;

	if (parse_plain_move(s, len, gl))
		return GCODE_OK;
	p = (struct words){ s, len, rd != NULL ? rd : default_reading(), gl,
	    GCODE_OK };
	init(gl, s, len);
	parse_line(&p);
	/*
	 * A line with junk in it is binary data, whatever came first: a
	 * problem before the first NUL must not let a binary file through
	 * as a run of odd lines, nor a control byte the odd line's reading
	 * stepped over (after a stray number, or where a firmware stops
	 * reading) pass when the same byte in a comment does not.
	 */
	if ((p.err != GCODE_OK || gl->odd != 0) && p.err != GCODE_E_NUL &&
	    p.err != GCODE_E_BINARY) {
		enum gcode_error junk = words_check_text(s, len, &bad);

		if (junk != GCODE_OK) {
			gl->error_column = bad + 1;
			return junk;
		}
	}
	return p.err;
}

/* The command's number: "G1", "G 1", "G29.1". */
static size_t
command_number(struct words *p, size_t i)
{
	struct gcode_line *gl = p->gl;
	const char *s = p->s;
	size_t len = p->len, j = i;

	while (j < len && words_blank(s[j]))
		j++;
	if (j > i && j < len && words_digit(s[j])) {
		/* the number is kept for messages even where it does not
		 * count */
		gl->odd |= RULE_BIT(RULE_BLANK_COMMAND);
		if (p->rd->v[RULE_BLANK_COMMAND] == BC_NONE)
			words_reject(p, RULE_BLANK_COMMAND, false);
		i = j;
	}
	if (i < len && words_digit(s[i])) {
		int code = 0;

		for (; i < len && words_digit(s[i]); i++)
			if (code < 100000)
				code = code * 10 + (s[i] - '0');
		gl->code = code;
		if (i + 1 < len && s[i] == '.' && words_digit(s[i + 1])) {
			int sub = 0;

			for (i++; i < len && words_digit(s[i]); i++)
				if (sub < 100000)
					sub = sub * 10 + (s[i] - '0');
			gl->subcode = sub;
		}
	}
	return i;
}

/* T's other forms: T-1, T?, Tx, Tc, T. */
static size_t
tool_form(struct words *p, size_t i)
{
	struct gcode_line *gl = p->gl;
	const char *s = p->s;
	size_t len = p->len;

	if (i < len && s[i] == '-' && i + 1 < len && words_digit(s[i + 1])) {
		gl->tform = '-';
		return words_skip_number(s, i + 1, len);
	}
	if (i < len && (s[i] == '?' || s[i] == 'x' || s[i] == 'X' ||
	    s[i] == 'c' || s[i] == 'C') && (i + 1 == len ||
	    !is_ident(s[i + 1]))) {
		gl->tform = (char)(s[i] == '?' ? '?' : s[i] | 0x20);
		return i + 1;
	}
	return i;
}

static void
parse_line(struct words *p)
{
	struct gcode_line *gl = p->gl;
	const char *s = p->s, *semi;
	size_t i = 0, len = p->len, code_len;
	enum gcode_error err;

	while (i < len && (words_blank(s[i]) || s[i] == '\r'))
		i++;
	/* N123: line number for the host protocol. */
	if (i + 1 < len && words_to_upper(s[i]) == 'N' &&
	    words_digit(s[i + 1])) {
		long n = 0;

		for (i++; i < len && words_digit(s[i]); i++)
			n = n < 100000000 ? n * 10 + (s[i] - '0') : n;
		gl->n = n;
		gl->odd |= RULE_BIT(RULE_LINE_NUMBER);
		if (p->rd->v[RULE_LINE_NUMBER] == LN_IGNORE_LINE)
			words_reject(p, RULE_LINE_NUMBER, false);
		while (i < len && words_blank(s[i]))
			i++;
	}
	if (i == len || s[i] == '%')
		return;
	if (s[i] == ';') {
		words_parse(p, i);
		return;
	}
	if (s[i] == '(') {
		/* a comment line: no firmware runs anything of it */
		const char *close = memchr(s + i, ')', len - i);

		gl->comment = s + i + 1;
		gl->comment_len = (close != NULL ? (size_t)(close - s) : len) -
		    i - 1;
		if (close != NULL)
			words_parse(p, (size_t)(close - s) + 1);
		else if ((err = words_check_text(s + i, len - i, &code_len)) !=
		    GCODE_OK)
			words_problem(p, err, i + code_len);
		return;
	}
	if (s[i] == '@') {
		gl->kind = GCODE_HOST;
		take_args(p, i + 1);
		return;
	}
	if (!words_letter(s[i])) {
		unsigned char u = (unsigned char)s[i];

		if (u == 0 || (u < 0x20 && s[i] != '\t')) {
			words_problem(p, u == 0 ? GCODE_E_NUL : GCODE_E_BINARY,
			    i);
			return;
		}
		gl->kind = GCODE_JUNK;
		gl->odd |= GCODE_ODD_JUNK;
		words_problem(p, GCODE_E_SYNTAX, i);
		words_parse(p, i);
		gl->words = gl->valued = 0;
		return;
	}
	if (i + 1 < len && (words_letter(s[i + 1]) || s[i + 1] == '_')) {
		size_t start = i;

		while (i < len && is_ident(s[i]))
			i++;
		gl->name = s + start;
		gl->name_len = i - start;
		gl->kind = is_meta_keyword(gl->name, gl->name_len) ?
		    GCODE_META : GCODE_EXTENDED;
		take_args(p, i);
		return;
	}

	/* The firmware's buffer: the code part is what counts. */
	if (len - i > FIRMWARE_BUFFER) {
		semi = memchr(s + i, ';', len - i);
		code_len = (semi != NULL ? (size_t)(semi - s) : len) - i;
		if (code_len > FIRMWARE_BUFFER) {
			gl->odd |= RULE_BIT(RULE_LENGTH);
			if (p->rd->v[RULE_LENGTH] == LEN_CUT_95)
				p->len = len = i + FIRMWARE_BUFFER;
			else if (p->rd->v[RULE_LENGTH] == LEN_ABORT_255 &&
			    code_len > RRF_BUFFER)
				words_reject(p, RULE_LENGTH, true);
		}
	}

	gl->kind = GCODE_CODE;
	if (!words_upper(s[i])) {
		gl->odd |= RULE_BIT(RULE_LOWER);
		if (p->rd->v[RULE_LOWER] == LC_IGNORE)
			words_reject(p, RULE_LOWER, false);
	}
	gl->letter = words_to_upper(s[i++]);
	i = command_number(p, i);
	if (gl->code < 0 && gl->letter == 'T') {
		i = tool_form(p, i);
	} else if (gl->code < 0 && gl->reject < 0) {
		gl->odd |= RULE_BIT(RULE_NO_NUMBER);
		if (p->rd->v[RULE_NO_NUMBER] == NN_ZERO && gl->letter == 'G')
			gl->code = 0;
		else
			words_reject(p, RULE_NO_NUMBER, false);
	}
	if (gl->letter == 'M' && is_text_mcode(gl->code)) {
		take_args(p, i);
		return;
	}
	words_parse(p, i);
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
	while (n > 0 && words_blank(*c)) {
		c++;
		n--;
	}
	return n >= plen && memcmp(c, prefix, plen) == 0;
}

double
gcode_named_value(const struct gcode_line *gl, const char *key)
{
	size_t n = strlen(key);

	for (size_t i = 0; i + n < gl->args_len; i++) {
		const char *a = gl->args + i;
		double v;
		size_t used;

		if ((i == 0 || words_blank(a[-1])) &&
		    strncasecmp(a, key, n) == 0 && a[n] == '=')
			return num_gcode(a + n + 1, gl->args_len - i - n - 1,
			    &v, &used) == NUM_OK ? v : NAN;
	}
	return NAN;
}

bool
gcode_named(const struct gcode_line *gl, const char *name)
{
	return gl->name_len == strlen(name) &&
	    strncasecmp(gl->name, name, gl->name_len) == 0;
}

const char *
gcode_code_text(const struct gcode_line *gl, char *buf, size_t size)
{
	const char *s = gl->text, *end = s + gl->len;

	if (gl->comment != NULL && gl->comment > s && gl->comment <= end)
		end = gl->comment - 1;
	while (s < end && (words_blank(*s) || *s == '\r'))
		s++;
	while (end > s && (words_blank(end[-1]) || end[-1] == '\r'))
		end--;
	if (end - s > 60)
		snprintf(buf, size, "%.57s...", s);
	else
		snprintf(buf, size, "%.*s", (int)(end - s), s);
	return buf;
}

const char *
gcode_render(const struct gcode_line *gl, char *buf, size_t size)
{
	size_t n = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (gl->reject >= 0)
		snprintf(buf, size, "not executed");
	else if (gl->kind != GCODE_CODE)
		snprintf(buf, size, "ignored");
	if (gl->reject >= 0 || gl->kind != GCODE_CODE)
		return buf;
	if (gl->code >= 0)
		n = (size_t)snprintf(buf, size, "%c%d", gl->letter, gl->code);
	else
		n = (size_t)snprintf(buf, size, "%c%s", gl->letter,
		    gl->tform == '-' ? "-1" : gl->tform == '?' ? "?" :
		    gl->tform == 'x' ? "x" : gl->tform == 'c' ? "c" : "");
	for (int l = 0; l < 26 && n < size; l++) {
		uint32_t bit = (uint32_t)1 << l;

		if (!(gl->words & bit))
			continue;
		if (gl->valued & bit)
			n += (size_t)snprintf(buf + n, size - n, " %c%.6g",
			    'A' + l, gl->value[l]);
		else
			n += (size_t)snprintf(buf + n, size - n, " %c",
			    'A' + l);
	}
	return buf;
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
		return "unexpected control or non-UTF-8 byte (binary data?)";
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
