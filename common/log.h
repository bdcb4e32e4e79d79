/*
 * log.h: leveled logging to stderr or syslog, in the manner of ntpd.
 *
 * For main programs and daemon loops only; library code returns errors with
 * a message buffer and lets its caller decide.  log_warn() appends
 * strerror(errno), log_warnx() does not; fatal() and fatalx() log and exit
 * with status 1.  Until log_init() is called, messages go to stderr and
 * debug messages are dropped.
 */
#ifndef LOG_H
#define LOG_H

#include <stdarg.h>

/* to_syslog: send to syslog(3) as ident instead of stderr; debug: also
 * log_debug() messages. */
void	log_init(const char *ident, int to_syslog, int debug);
void	log_close(void);

void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
