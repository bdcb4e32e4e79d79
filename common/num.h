/*
 * num.h: the one careful conversion from text to numbers.
 *
 * Every number read from a G-code file or a configuration file goes through
 * here: the syntax is checked, overflow, NaN and infinity are refused, and
 * nothing depends on the locale.
 */
#ifndef NUM_H
#define NUM_H

#include <stddef.h>

enum num_status {
	NUM_OK = 0,
	NUM_EMPTY,		/* no digits at all */
	NUM_SYNTAX,		/* not a number, or junk after it */
	NUM_RANGE,		/* out of the allowed range, inf or NaN */
};

/* Largest magnitude accepted in G-code: a kilometre in µm is plenty. */
#define NUM_GCODE_MAX 1e12

/*
 * G-code number at s (at most len bytes): [+-]digits[.digits], no exponent
 * (in G-code "1e3" is the word 1 followed by the word E3, as firmware reads
 * it).  Stores the value and the number of bytes used.  Fast path exact for
 * up to 15 significant digits; longer ones are converted correctly too.
 */
enum num_status num_gcode(const char *s, size_t len, double *value,
    size_t *used);

/*
 * Whole NUL-terminated string as a finite number within [min, max]
 * (exponents allowed, surrounding blanks allowed): for configuration.
 */
enum num_status num_config(const char *s, double min, double max,
    double *value);

/* Whole string as an integer within [min, max]. */
enum num_status num_config_long(const char *s, long min, long max,
    long *value);

/* A short English phrase for a status ("not a number", ...). */
const char *num_strerror(enum num_status);

#endif
