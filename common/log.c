/*
 * log.c: see log.h.  The three settings below are configuration, set once
 * by main (and again on a configuration reload), never by library code.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "log.h"

static const char *log_ident = "";
static int log_to_syslog;
static int log_debug_on;

static void log_vwrite(int, const char *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

void
log_init(const char *ident, int to_syslog, int debug)
{
	if (log_to_syslog)
		closelog();
	log_ident = ident != NULL ? ident : "";
	log_to_syslog = to_syslog;
	log_debug_on = debug;
	if (log_to_syslog)
		openlog(log_ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void
log_close(void)
{
	if (log_to_syslog)
		closelog();
	log_to_syslog = 0;
}

/* One message: fmt, then ": suffix" when suffix is not NULL. */
static void
log_vwrite(int pri, const char *fmt, const char *suffix, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (log_to_syslog) {
		if (suffix != NULL)
			syslog(pri, "%s: %s", msg, suffix);
		else
			syslog(pri, "%s", msg);
		return;
	}
	if (*log_ident != '\0')
		fprintf(stderr, "%s: ", log_ident);
	if (suffix != NULL)
		fprintf(stderr, "%s: %s\n", msg, suffix);
	else
		fprintf(stderr, "%s\n", msg);
	fflush(stderr);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	const char *e = strerror(errno);

	va_start(ap, fmt);
	log_vwrite(LOG_ERR, fmt, e, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(LOG_ERR, fmt, NULL, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(LOG_INFO, fmt, NULL, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (!log_debug_on)
		return;
	va_start(ap, fmt);
	log_vwrite(LOG_DEBUG, fmt, NULL, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	const char *e = strerror(errno);

	va_start(ap, fmt);
	log_vwrite(LOG_CRIT, fmt, e, ap);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(LOG_CRIT, fmt, NULL, ap);
	va_end(ap);
	exit(1);
}
