/*
 * gcode.h: one line of G-code -> command and words, as one firmware reads
 * it, without allocation.
 *
 * Understands what slicers and firmwares write: a command letter and
 * number (G1, M291, T0, G29.1), words with or without values (X10.5, X),
 * RepRapFirmware string parameters (P"text" with "" for a quote) and
 * {expressions}, ';' comments, N line numbers and *checksums, Klipper
 * extended commands (SET_PRESSURE_ADVANCE ADVANCE=0.1), RepRapFirmware meta
 * commands (if, var, echo...) and text commands (M117, M486, Bambu's
 * M1002), whose arguments are kept as text, and host commands (@pause).
 *
 * Where firmwares split a line differently (a blank between a letter and
 * its value, an exponent, a decimal comma, a stray number, parentheses,
 * lower case...: the reading rules of dialect.h), the line is split as the
 * reading given says, the rules the line touched are noted in odd, and a
 * line the firmware would not execute is marked rejected.  So no line is
 * an error but one that is not text: a NUL or a control byte.
 * The parsed line points into the caller's text: it is valid as long as
 * that text is.
 */
#ifndef GCODE_H
#define GCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gcode/dialect.h"

#define GCODE_MAX_STRINGS 4

/* Word bits of gcode_line.words: GCODE_BIT('X'). */
#define GCODE_BIT(l) ((uint32_t)1 << ((l) - 'A'))
#define GCODE_XYZ (GCODE_BIT('X') | GCODE_BIT('Y') | GCODE_BIT('Z'))
#define GCODE_XYZE (GCODE_XYZ | GCODE_BIT('E'))
/* ... that need a value on a move or G92 */
#define GCODE_VALUE_WORDS (GCODE_XYZE | GCODE_BIT('F'))

enum gcode_kind {
	GCODE_EMPTY,		/* blank or comment only */
	GCODE_CODE,		/* letter + number: G1, M104, T1 */
	GCODE_EXTENDED,		/* Klipper-style NAME KEY=value */
	GCODE_META,		/* RepRapFirmware if/while/var/set/echo... */
	GCODE_HOST,		/* @command: for the host, not the printer */
	GCODE_JUNK,		/* not a command at all: every firmware
				   ignores it */
};

/*
 * The worst thing about the line.  Only GCODE_E_NUL and GCODE_E_BINARY
 * leave *gl unusable; with the others the line is parsed as the firmware
 * reads it.
 */
enum gcode_error {
	GCODE_OK = 0,
	GCODE_E_NUL,		/* a NUL byte */
	GCODE_E_BINARY,		/* a control byte */
	GCODE_E_NUMBER,		/* malformed number */
	GCODE_E_RANGE,		/* number too large */
	GCODE_E_STRING,		/* unterminated "string" */
	GCODE_E_COMMENT,	/* unterminated ( comment */
	GCODE_E_EXPR,		/* unterminated {expression} */
	GCODE_E_CHECKSUM,	/* *checksum does not match */
	GCODE_E_DUPLICATE,	/* a word given twice */
	GCODE_E_SYNTAX,		/* junk characters */
};

/* How one firmware splits lines: the values of dialect.h's reading rules. */
struct gcode_reading {
	signed char v[RULE_READING_END];
};

/* Bits of gcode_line.odd past the rules: junk no firmware reads. */
#define GCODE_ODD_JUNK (1ul << RULE_N)		/* junk characters */
#define GCODE_ODD_RANGE (1ul << (RULE_N + 1))	/* a number too large */
#define GCODE_ODD_OPEN (1ul << (RULE_N + 2))	/* unterminated " { ( */

struct gcode_string {
	char letter;
	const char *text;	/* between the quotes, "" not unescaped */
	size_t len;
};

struct gcode_line {
	enum gcode_kind kind;
	char letter;		/* 'G', 'M', 'T'... for GCODE_CODE */
	char tform;		/* T's non-number: '?', 'x', 'c', '-', 0 */
	signed char reject;	/* -1, or the rule by which the firmware
				   does not execute the line */
	bool abort;		/* ... and aborts the print (RRF) */
	int code;		/* number after the letter; -1 for none */
	int subcode;		/* after a '.', or -1 */
	uint32_t words;		/* bit (letter - 'A') for each word present */
	uint32_t valued;	/* ... that has a number */
	uint32_t exprs;		/* ... whose value is a {expression} */
	int nstr;
	unsigned long odd;	/* bit (1 << rule) for each rule the line
				   touched, GCODE_ODD_* */
	const char *comment;	/* after ';' (or inside a line's leading
				   parentheses), without it; NULL if none */
	size_t comment_len;
	const char *name;	/* extended/meta command name */
	size_t name_len;
	const char *args;	/* text after the command for text commands */
	size_t args_len;	/* (M117, M118, M23..., extended, meta) */
	long n;			/* N line number, -1 if none */
	bool checksum;		/* a *checksum was present and right */
	size_t next;		/* > 0: a second command starts here (RRF) */
	const char *text;	/* the line as given */
	size_t len;
	size_t error_column;	/* 1-based, when an error is returned */

	double value[26];	/* meaningful only where valued */
	struct gcode_string str[GCODE_MAX_STRINGS];
};

/* The reading rules of firmware f. */
void gcode_reading(struct gcode_reading *, enum firmware f);

/*
 * Parse len bytes of text (no line terminator) into *gl as reading rd
 * (NULL: Marlin 2's) splits it.  Returns GCODE_OK or the worst problem;
 * gl->error_column says where.
 */
enum gcode_error gcode_parse(const char *text, size_t len,
    const struct gcode_reading *rd, struct gcode_line *gl);

/* "NUL byte", "malformed number"... */
const char *gcode_strerror(enum gcode_error);

static inline bool
gcode_has(const struct gcode_line *gl, char letter)
{
	return (gl->words >> (letter - 'A')) & 1;
}

static inline bool
gcode_has_value(const struct gcode_line *gl, char letter)
{
	return (gl->valued >> (letter - 'A')) & 1;
}

static inline double
gcode_value(const struct gcode_line *gl, char letter)
{
	return gl->value[letter - 'A'];
}

static inline bool
gcode_is(const struct gcode_line *gl, char letter, int code)
{
	return gl->kind == GCODE_CODE && gl->letter == letter &&
	    gl->code == code;
}

/* The string parameter for letter, or NULL. */
const struct gcode_string *gcode_string(const struct gcode_line *,
    char letter);

/* Is an extended command (Klipper's) this one, case ignored? */
bool gcode_named(const struct gcode_line *, const char *name);

/* The number after KEY= in its arguments (case ignored), or NAN. */
double gcode_named_value(const struct gcode_line *, const char *key);

/* Does the comment start with prefix (case-sensitive, after blanks)? */
bool gcode_comment_is(const struct gcode_line *, const char *prefix);

/* The line's code, blanks and comment cut, at most 60 bytes: for messages. */
const char *gcode_code_text(const struct gcode_line *, char *buf,
    size_t size);

/*
 * What the line does as parsed, for messages: "G1 X-18 Y95 F1000", "not
 * executed", "ignored".  Words other than A-Z values are left out.
 */
const char *gcode_render(const struct gcode_line *, char *buf, size_t size);

#endif
