/*
 * daemon.h: one configuration as the agent runs it: its settings, the
 * printer, the cameras and the captures folder's lock.
 *
 * Invariants: every secret of a configuration (the printer's password,
 * the password in its URL, the cameras' credentials) is registered with
 * the log (log.h) as the file is read, before anything can be logged
 * about it, whether the file turns out good or not; a file with more
 * secrets than the log can hide is refused.  A reload takes the new
 * configuration whole or leaves the running one as it was.
 */
#ifndef DAEMON_H
#define DAEMON_H

#include <stddef.h>

#include "config.h"
#include "camera/camera_set.h"
#include "printer/printer.h"

struct daemon {
	struct config cfg;
	struct printer *printer;	/* NULL until opened */
	struct camera_set *cameras;	/* started */
	int lock;			/* the captures folder's, -1 none */
};

/* The configuration at path and its cameras, started, into *d (no
 * printer, no lock yet).  0, or -1 with err. */
int	daemon_load(struct daemon *d, const char *path, char *err,
	    size_t errlen);

/* Closes what d holds; d is empty after it. */
void	daemon_unload(struct daemon *d);

/*
 * Replace *running with the configuration at path when it is good: the
 * cameras anew, the printer (and its session) kept when its settings are
 * the same, the lock moved when the captures folder changed.  0, or -1
 * with err and *running as it was.
 */
int	daemon_reload(struct daemon *running, const char *path, char *err,
	    size_t errlen);

/* Warn when the file at path, which holds the printer's password, is
 * readable by every user. */
void	daemon_check_permissions(const char *path);

#endif
