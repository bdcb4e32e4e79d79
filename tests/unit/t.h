/*
 * t.h: the smallest test harness that can work.  Each check prints
 * "ok - what" or "not ok - what (file:line)"; tests/run.sh counts them.
 * A test program returns t_done(), non-zero when a check failed.
 */
#ifndef T_H
#define T_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int t_failures;

#define T_OK(cond, ...) t_report((cond) != 0, __FILE__, __LINE__, __VA_ARGS__)
#define T_EQ_INT(a, b, ...) t_report_int((long long)(a), (long long)(b), \
	__FILE__, __LINE__, __VA_ARGS__)
#define T_EQ_DBL(a, b, eps, ...) t_report_dbl((a), (b), (eps), \
	__FILE__, __LINE__, __VA_ARGS__)
#define T_EQ_STR(a, b, ...) t_report_str((a), (b), __FILE__, __LINE__, \
	__VA_ARGS__)

__attribute__((format(printf, 4, 5)))
static inline int
t_report(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%s - ", ok ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok) {
		printf(" (%s:%d)", file, line);
		t_failures++;
	}
	printf("\n");
	fflush(stdout);
	return ok;
}

#define T_VREPORT(ok, file, line, fmt, detailfmt, ...) do {		\
	va_list ap;							\
	printf("%s - ", (ok) ? "ok" : "not ok");			\
	va_start(ap, fmt);						\
	vprintf(fmt, ap);						\
	va_end(ap);							\
	if (!(ok)) {							\
		printf(" (%s:%d: " detailfmt ")", file, line, __VA_ARGS__); \
		t_failures++;						\
	}								\
	printf("\n");							\
	fflush(stdout);							\
} while (0)

__attribute__((format(printf, 5, 6)))
static inline int
t_report_int(long long a, long long b, const char *file, int line,
    const char *fmt, ...)
{
	T_VREPORT(a == b, file, line, fmt, "got %lld, want %lld", a, b);
	return a == b;
}

__attribute__((format(printf, 6, 7)))
static inline int
t_report_dbl(double a, double b, double eps, const char *file, int line,
    const char *fmt, ...)
{
	int ok = fabs(a - b) <= eps || (isnan(a) && isnan(b));

	T_VREPORT(ok, file, line, fmt, "got %.9g, want %.9g", a, b);
	return ok;
}

__attribute__((format(printf, 5, 6)))
static inline int
t_report_str(const char *a, const char *b, const char *file, int line,
    const char *fmt, ...)
{
	int ok = a != NULL && b != NULL && strcmp(a, b) == 0;

	T_VREPORT(ok, file, line, fmt, "got \"%s\", want \"%s\"",
	    a ? a : "(null)", b ? b : "(null)");
	return ok;
}

static inline int
t_done(void)
{
	return t_failures != 0;
}

#endif
