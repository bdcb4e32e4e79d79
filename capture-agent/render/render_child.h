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

/*
 * After waitpid() returned the status of the child: reads and closes
 * msgfd; msg gets the files written (one per line) or the error.  Returns
 * 0 when the render succeeded, -1 when it failed.
 */
int render_child_reaped(int wstatus, int msgfd, char *msg, size_t msglen);

#endif
