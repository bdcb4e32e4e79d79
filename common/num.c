/*
 * num.c: text to numbers, one careful way.
 *
 * The G-code path is hot (every word of every line), so the usual case, at
 * most 15 significant digits, is done with integer arithmetic and one exact
 * division by a power of ten, which IEEE 754 rounds correctly.  Anything
 * longer falls back to strtod on a bounded copy.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "errbuf.h"
#include "num.h"

const double num_pow10[16] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15,
};

/* Correctly rounded conversion of a bounded copy, for the rare long ones. */
static enum num_status
slow_path(const char *s, size_t n, double *v)
{
	char buf[80];
	char *end;

	if (n >= sizeof buf)
		return NUM_RANGE;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	*v = strtod(buf, &end);
	if (errno == ERANGE || !isfinite(*v))
		return NUM_RANGE;
	return NUM_OK;
}

enum num_status
num_gcode_slow(const char *s, size_t n, int neg, double *value)
{
	enum num_status st;
	double v;

	if ((st = slow_path(s, n, &v)) != NUM_OK)
		return st;
	v = fabs(v);
	if (v > NUM_GCODE_MAX)
		return NUM_RANGE;
	*value = neg ? -v : v;
	return NUM_OK;
}

enum num_status
num_config(const char *s, double min, double max, double *value)
{
	char *end;
	double v;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return NUM_EMPTY;
	/* strtod would accept "nan", "inf" and hex: G-code people mean none. */
	for (const char *p = s; *p != '\0'; p++)
		if (isalpha((unsigned char)*p) && *p != 'e' && *p != 'E')
			return NUM_SYNTAX;
	errno = 0;
	v = strtod(s, &end);
	if (end == s)
		return NUM_SYNTAX;
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		return NUM_SYNTAX;
	if (errno == ERANGE || !isfinite(v) || v < min || v > max)
		return NUM_RANGE;
	*value = v;
	return NUM_OK;
}

enum num_status
num_config_long(const char *s, long min, long max, long *value)
{
	char *end;
	long v;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return NUM_EMPTY;
	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s)
		return NUM_SYNTAX;
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		return NUM_SYNTAX;
	if (errno == ERANGE || v < min || v > max)
		return NUM_RANGE;
	*value = v;
	return NUM_OK;
}

enum num_status
num_config_bool(const char *s, bool *value)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*value = true;
			return NUM_OK;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*value = false;
			return NUM_OK;
		}
	}
	return *s == '\0' ? NUM_EMPTY : NUM_SYNTAX;
}

const char *
num_strerror(enum num_status st)
{
	switch (st) {
	case NUM_OK:
		return "no error";
	case NUM_EMPTY:
		return "number missing";
	case NUM_SYNTAX:
		return "not a number";
	case NUM_RANGE:
		return "number out of range";
	}
	return "unknown number error";
}

int
num_key_double(const char *key, const char *value, double min, double max,
    double *out, char *err, size_t errlen)
{
	enum num_status st;

	if ((st = num_config(value, min, max, out)) != NUM_OK)
		return errbuf_set(err, errlen, "%s: '%s': %s (a number from %g "
		    "to %g)", key, value, num_strerror(st), min, max);
	return 0;
}

int
num_key_long(const char *key, const char *value, long min, long max,
    long *out, char *err, size_t errlen)
{
	enum num_status st;

	if ((st = num_config_long(value, min, max, out)) != NUM_OK)
		return errbuf_set(err, errlen, "%s: '%s': %s (a whole number "
		    "from %ld to %ld)", key, value, num_strerror(st), min, max);
	return 0;
}

int
num_key_bool(const char *key, const char *value, bool *out, char *err,
    size_t errlen)
{
	if (num_config_bool(value, out) != NUM_OK)
		return errbuf_set(err, errlen, "%s: '%s' is not yes or no", key,
		    value);
	return 0;
}
