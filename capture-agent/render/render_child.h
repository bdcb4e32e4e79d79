/*
 * render_child.h: a render in the background, for the daemon.
 *
 * render_child_start runs render_video in a child process, leader of its
 * own process group, at the configured niceness, SCHED_IDLE and idle I/O
 * priority, and returns its pid at once, so the agent never waits for a
 * render and a render never delays a marker.  Invariant: a child stopped
 * with SIGTERM (kill(-pid, SIGTERM)) stops ffmpeg and removes its
 * temporary files before it exits; nothing is left under the final name.
 */
#ifndef RENDER_CHILD_H
#define RENDER_CHILD_H

#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>

#include "render/render_options.h"

/*
 * Start the child for sequence_dir (out_path as in render_output_path).
 * Returns its pid, or -1 with a message (the options are checked first).
 * The caller reaps the pid with waitpid() and passes the status and
 * *msgfd to render_child_reaped().
 */
pid_t render_child_start(const struct render_options *,
    const char *sequence_dir, const char *out_path, int *msgfd, char *err,
    size_t errlen);

/* How far a render is: frame of frames encoded, for camera ("" for a
 * single one). */
struct render_progress {
	long	frame, frames;
	char	camera[64];
};

/*
 * The same, watched: *progressfd (non-blocking; the caller closes it)
 * gets a struct render_progress at most every 250 ms as ffmpeg moves on.
 * A record the parent has no room for is dropped, so the child never
 * waits for it.
 */
pid_t render_child_start_watched(const struct render_options *,
    const char *sequence_dir, const char *out_path, int *msgfd,
    int *progressfd, char *err, size_t errlen);

/* Reads every record waiting on progressfd; true with the latest in
 * *latest when there was one. */
bool render_child_progress(int progressfd, struct render_progress *latest);

/*
 * After waitpid() returned the status of the child: reads and closes
 * msgfd; msg gets the files written (one per line) or the error.  Returns
 * 0 when the render succeeded, -1 when it failed.
 */
int render_child_reaped(int wstatus, int msgfd, char *msg, size_t msglen);

#endif
