/*
 * num.h: the one careful conversion from text to numbers.
 *
 * Every number read from a G-code file or a configuration file goes through
 * here: the syntax is checked, overflow, NaN and infinity are refused, and
 * nothing depends on the locale.
 */
#ifndef NUM_H
#define NUM_H

#include <stdbool.h>
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
 * it).  Stores the value and the number of bytes used.  Correctly rounded:
 * up to 15 digits with one exact division (inline: it runs for every word
 * of every line), longer ones through strtod on a bounded copy.
 */
static inline enum num_status num_gcode(const char *s, size_t len,
    double *value, size_t *used);

/* The rare long numbers; only num_gcode calls it. */
enum num_status num_gcode_slow(const char *s, size_t n, int neg,
    double *value);

extern const double num_pow10[16];

/*
 * Whole NUL-terminated string as a finite number within [min, max]
 * (exponents allowed, surrounding blanks allowed): for configuration.
 */
enum num_status num_config(const char *s, double min, double max,
    double *value);

/* Whole string as an integer within [min, max]. */
enum num_status num_config_long(const char *s, long min, long max,
    long *value);

/* Whole string as yes or no: yes, true, on, 1 / no, false, off, 0, in
 * any case. */
enum num_status num_config_bool(const char *s, bool *value);

/*
 * A configuration setting "key = value" through the conversions above, for
 * every reader of settings (command line, INI files): 0, or -1 with err
 * saying which key, what was wrong and what is allowed:
 * "timeout_ms: 'abc': not a number (a whole number from 1 to 600000)".
 */
int num_key_double(const char *key, const char *value, double min,
    double max, double *out, char *err, size_t errlen);
int num_key_long(const char *key, const char *value, long min, long max,
    long *out, char *err, size_t errlen);
int num_key_bool(const char *key, const char *value, bool *out, char *err,
    size_t errlen);

/* A short English phrase for a status ("not a number", ...). */
const char *num_strerror(enum num_status);

static inline enum num_status
num_gcode(const char *s, size_t len, double *value, size_t *used)
{
	const char *p = s, *end = s + len;
	unsigned long long mant = 0;
	unsigned ndigits = 0, nfrac = 0, d;
	int neg = 0;

	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	while (p < end && (d = (unsigned)(*p - '0')) < 10) {
		mant = mant * 10 + d;
		ndigits++;
		p++;
	}
	if (p < end && *p == '.') {
		p++;
		while (p < end && (d = (unsigned)(*p - '0')) < 10) {
			mant = mant * 10 + d;
			nfrac++;
			p++;
		}
		ndigits += nfrac;
	}
	if (ndigits == 0)
		return NUM_SYNTAX;
	*used = (size_t)(p - s);
	/* mant is exact below 16 digits; at most 12 of them before the
	 * point keeps it under NUM_GCODE_MAX without waiting on the result */
	if (ndigits <= 15 && ndigits - nfrac <= 12) {
		double v = (double)mant / num_pow10[nfrac];

		*value = neg ? -v : v;
		return NUM_OK;
	}
	return num_gcode_slow(s, *used, neg, value);
}

#endif
