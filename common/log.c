/*
 * log.c: see log.h.  The settings below are configuration, set by main
 * (and again on a configuration reload), never by library code: the ident,
 * where to, debug, and the secrets.  A message is formatted whole (with
 * the strerror suffix), then log_clean() hides the secrets in it, longest
 * first so that one secret inside another leaves no part behind, and
 * escapes its control characters; only then is it written.
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
static char log_secrets[LOG_SECRETS_MAX][256];
static size_t log_nsecrets;

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

int
log_secret(const char *s)
{
	size_t i, j, len = strlen(s);

	if (len == 0)
		return 0;
	if (len >= sizeof log_secrets[0])
		return -1;
	for (i = 0; i < log_nsecrets; i++)
		if (strcmp(log_secrets[i], s) == 0)
			return 0;
	if (log_nsecrets == LOG_SECRETS_MAX)
		return -1;
	/* keep them longest first */
	for (i = 0; i < log_nsecrets && strlen(log_secrets[i]) >= len; i++)
		continue;
	for (j = log_nsecrets; j > i; j--)
		memcpy(log_secrets[j], log_secrets[j - 1],
		    sizeof log_secrets[j]);
	memcpy(log_secrets[i], s, len + 1);
	log_nsecrets++;
	return 0;
}

/* The registered secret that msg starts with, or NULL. */
static const char *
secret_at(const char *msg)
{
	size_t i;

	for (i = 0; i < log_nsecrets; i++)
		if (strncmp(msg, log_secrets[i], strlen(log_secrets[i])) == 0)
			return log_secrets[i];
	return NULL;
}

void
log_clean(const char *msg, char *out, size_t outlen)
{
	static const char hex[] = "0123456789abcdef";
	const char *s, *rep;
	char esc[5];
	size_t o = 0, n;
	unsigned char c;

	if (outlen == 0)
		return;
	while (*msg != '\0') {
		if ((s = secret_at(msg)) != NULL) {
			rep = "***";
			msg += strlen(s);
		} else {
			c = (unsigned char)*msg++;
			esc[0] = (char)c;
			esc[1] = '\0';
			if (c == '\n')
				memcpy(esc, "\\n", 3);
			else if (c < 0x20 || c == 0x7f) {
				esc[0] = '\\';
				esc[1] = 'x';
				esc[2] = hex[c >> 4];
				esc[3] = hex[c & 15];
				esc[4] = '\0';
			}
			rep = esc;
		}
		n = strlen(rep);
		if (o + n >= outlen)
			break;
		memcpy(out + o, rep, n);
		o += n;
	}
	out[o] = '\0';
}

/* One message: fmt, then ": suffix" when suffix is not NULL. */
static void
log_vwrite(int pri, const char *fmt, const char *suffix, va_list ap)
{
	char msg[1024], line[2048];
	int n;

	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	if (suffix != NULL && n >= 0 && (size_t)n < sizeof msg)
		snprintf(msg + n, sizeof msg - (size_t)n, ": %s", suffix);
	log_clean(msg, line, sizeof line);
	if (log_to_syslog) {
		syslog(pri, "%s", line);
		return;
	}
	if (*log_ident != '\0')
		fprintf(stderr, "%s: %s\n", log_ident, line);
	else
		fprintf(stderr, "%s\n", line);
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
