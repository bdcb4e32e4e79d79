/*
 * captures.h: the captures folder as a whole, which one agent owns.
 *
 * Two agents on one captures folder (one from rc.local, one from systemd)
 * would number the same frames and silently lose them, so an agent holds
 * an exclusive flock(2) on DIRECTORY/.capture-agent.lock for as long as it
 * uses the folder, with its pid written in the file to name it to the
 * second one.  The lock goes with the process (a SIGKILL frees it); the
 * descriptor is close-on-exec and the camera workers close it.
 */
#ifndef CAPTURES_H
#define CAPTURES_H

#include <stdbool.h>
#include <stddef.h>

#define CAPTURES_LOCK	".capture-agent.lock"

/* mkdir -p dir (0755).  0, or -1 with err. */
int	captures_make(const char *dir, char *err, size_t errlen);

/*
 * Make dir and take its lock.  Returns the lock's descriptor,
 * or -1 with err ("DIR is used by another capture-agent (pid N)", or why
 * the folder cannot be made or locked).
 */
int	captures_lock(const char *dir, char *err, size_t errlen);

/*
 * Whether this process could store frames under dir: the folder, or the
 * nearest part of its path that exists, is a folder it may write to.
 * 0, or -1 with err.
 */
int	captures_check(const char *dir, char *err, size_t errlen);

#endif
