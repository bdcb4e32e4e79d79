/*
 * gcode.h: one line of G-code -> command and words, without allocation.
 *
 * Understands what slicers and firmwares write: a command letter and
 * number (G1, M291, T0, G29.1), words with or without values (X10.5, X),
 * RepRapFirmware string parameters (P"text" with "" for a quote) and
 * {expressions}, ';' and '( )' comments, N line numbers and *checksums,
 * lower-case letters, blanks anywhere, Klipper extended commands
 * (SET_PRESSURE_ADVANCE ADVANCE=0.1) and RepRapFirmware meta commands (if,
 * var, echo...), whose arguments are kept as text.  The parsed line points
 * into the caller's text: it is valid as long as that text is.
 */
#ifndef GCODE_H
#define GCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GCODE_MAX_STRINGS 4

enum gcode_kind {
	GCODE_EMPTY,		/* blank or comment only */
	GCODE_CODE,		/* letter + number: G1, M104, T1 */
	GCODE_EXTENDED,		/* Klipper-style NAME KEY=value */
	GCODE_META,		/* RepRapFirmware if/while/var/set/echo... */
};

enum gcode_error {
	GCODE_OK = 0,
	GCODE_E_NUL,		/* a NUL byte */
	GCODE_E_BINARY,		/* control or non-ASCII byte outside text */
	GCODE_E_NUMBER,		/* malformed number */
	GCODE_E_RANGE,		/* number too large */
	GCODE_E_STRING,		/* unterminated "string" */
	GCODE_E_COMMENT,	/* unterminated ( comment */
	GCODE_E_EXPR,		/* unterminated {expression} */
	GCODE_E_CHECKSUM,	/* *checksum does not match */
	GCODE_E_DUPLICATE,	/* a word given twice */
	GCODE_E_SYNTAX,		/* anything else */
};

struct gcode_string {
	char letter;
	const char *text;	/* between the quotes, "" not unescaped */
	size_t len;
};

struct gcode_line {
	enum gcode_kind kind;
	char letter;		/* 'G', 'M', 'T'... for GCODE_CODE */
	int code;		/* number after the letter; -1 for a bare T */
	int subcode;		/* after a '.', or -1 */
	uint32_t words;		/* bit (letter - 'A') for each word present */
	uint32_t valued;	/* ... that has a number */
	uint32_t exprs;		/* ... whose value is a {expression} */
	uint32_t glued_e;	/* ... whose number was followed by 'e' */
	double value[26];	/* meaningful only where valued */
	struct gcode_string str[GCODE_MAX_STRINGS];
	int nstr;
	const char *comment;	/* after ';', without it; NULL if none */
	size_t comment_len;
	const char *name;	/* extended/meta command name */
	size_t name_len;
	const char *args;	/* text after the command for text commands */
	size_t args_len;	/* (M117, M118, M23..., extended, meta) */
	long n;			/* N line number, -1 if none */
	bool checksum;		/* a *checksum was present and right */
	size_t error_column;	/* 1-based, when an error is returned */
};

/*
 * Parse len bytes of text (no line terminator) into *gl.  Returns
 * GCODE_OK or the first error; on error gl->error_column says where.
 */
enum gcode_error gcode_parse(const char *text, size_t len,
    struct gcode_line *gl);

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

/* Does the comment start with prefix (case-sensitive, after blanks)? */
bool gcode_comment_is(const struct gcode_line *, const char *prefix);

#endif
