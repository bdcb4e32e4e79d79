/*
 * words.h: the words of a line after its command, as one firmware's
 * reading splits them, for gcode.c.
 *
 * Numbers (signs, points, an exponent where the reading has one, a
 * decimal comma), blanks between a letter and its value, strings,
 * {expressions}, parentheses, stray numbers, lower case, duplicates,
 * checksums: each rule the text touches is noted in the line's odd, and a
 * line the firmware would not run is marked rejected.  The parse keeps the
 * worst problem found and where; nothing is allocated.
 */
#ifndef WORDS_H
#define WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "gcode/gcode.h"

/* A parse in progress: the text, how it is read, the result so far. */
struct words {
	const char *s;
	size_t len;
	const struct gcode_reading *rd;
	struct gcode_line *gl;
	enum gcode_error err;		/* the worst problem so far */
};

static inline bool
words_blank(char c)
{
	return c == ' ' || c == '\t';
}

static inline bool
words_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool
words_letter(char c)
{
	return words_upper(c) || (c >= 'a' && c <= 'z');
}

static inline bool
words_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline char
words_to_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Read the words from i to the end (or to a second command, RRF). */
void words_parse(struct words *, size_t i);

/* A problem at i (0-based); a NUL or control byte outranks the others. */
void words_problem(struct words *, enum gcode_error, size_t i);

/* The firmware does not run the line, by rule r (and aborts a print). */
void words_reject(struct words *, enum rule r, bool abort);

/* The comment starts at s[i] (the ';'). */
void words_comment(struct gcode_line *, const char *s, size_t i, size_t len);

/* Is s[0, len) text (UTF-8 without NUL and control bytes)? *bad: where. */
enum gcode_error words_check_text(const char *s, size_t len, size_t *bad);

/* Past a number that is no word's value; is there a number at i? */
size_t words_skip_number(const char *s, size_t i, size_t len);
bool words_number_at(const char *s, size_t i, size_t len);

#endif
