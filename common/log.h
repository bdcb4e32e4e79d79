/*
 * log.h: leveled logging to stderr or syslog, in the manner of ntpd.
 *
 * For main programs and daemon loops only; library code returns errors with
 * a message buffer and lets its caller decide.  log_warn() appends
 * strerror(errno), log_warnx() does not; fatal() and fatalx() log and exit
 * with status 1.  Until log_init() is called, messages go to stderr and
 * debug messages are dropped.
 *
 * Every message goes through one function before it is written, which
 * keeps two promises whatever the caller put in it: no secret registered
 * with log_secret() appears (each is replaced by "***"), and no control
 * character reaches the log (a newline is written "\n", any other byte
 * below 0x20 and 0x7f as "\xHH"), so a printer's message box or a peer's
 * error text can neither forge log lines nor hide in them.
 */
#ifndef LOG_H
#define LOG_H

#include <stdarg.h>

#define LOG_SECRETS_MAX	32

/* to_syslog: send to syslog(3) as ident instead of stderr; debug: also
 * log_debug() messages. */
void	log_init(const char *ident, int to_syslog, int debug);
void	log_close(void);

/*
 * Hide s (copied) in every later message.  Empty strings are ignored; 0,
 * or -1 when LOG_SECRETS_MAX are registered already or s is too long
 * (the caller should then not log what holds it).
 */
int	log_secret(const char *s);

/* msg with the secrets hidden and control characters escaped, into out
 * (always terminated, cut to outlen).  What every message goes through. */
void	log_clean(const char *msg, char *out, size_t outlen);

void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
