/*
 * render.h: a timelapse sequence to a video file with ffmpeg(1).
 *
 * Frames are SEQUENCE_DIR/NNNNNN.jpeg, or SEQUENCE_DIR/CAMNAME/NNNNNN.jpeg
 * with several cameras (one video per camera).  Gaps in the numbering and
 * truncated frames are skipped.  The frame rate is fixed, or follows from a
 * fixed length clamped to [min_fps, max_fps]; the first and last frames can
 * be held for a pre-roll and a post-roll.  A video is written under a
 * temporary name in its final folder and renamed when ffmpeg succeeded, so
 * a failed render never leaves a half file under the final name.
 *
 * The blocking render_video() is for the command line; render_start() runs
 * the same work in a child process at low priority and returns at once, so
 * a daemon never waits for a render.  The options are in render_options.h.
 */
#ifndef RENDER_H
#define RENDER_H

#include <sys/types.h>

#include <stddef.h>

#include "render/render_options.h"

/* Progress of a render, for a terminal. */
struct render_hooks {
	/* camera "" for a single camera; frames is the total to encode */
	void	(*progress)(void *arg, const char *camera, long frame,
		    long frames);
	/* something the user should know (software fallback, skipped frame) */
	void	(*note)(void *arg, const char *msg);
	/* called with each file written */
	void	(*done)(void *arg, const char *path);
	void	 *arg;
};

/*
 * Render sequence_dir (one video per camera) and wait.  out_path as in
 * render_output_path.  Returns 0, or -1 with a message.
 */
int render_video(const struct render_options *, const char *sequence_dir,
    const char *out_path, char *err, size_t errlen);
/* The same with hooks (may be NULL). */
int render_video_hooks(const struct render_options *,
    const char *sequence_dir, const char *out_path,
    const struct render_hooks *, char *err, size_t errlen);

/*
 * Render in the background: forks a child in its own process group, at
 * the configured niceness, SCHED_IDLE and idle I/O priority, and returns its
 * pid at once (or -1 with a message).  The caller reaps the pid with
 * waitpid() (kill(-pid, SIGTERM) stops it; the child then removes its
 * temporary files) and passes the status and *msgfd to render_reaped().
 */
pid_t render_start(const struct render_options *, const char *sequence_dir,
    const char *out_path, int *msgfd, char *err, size_t errlen);

/*
 * After waitpid() returned the status of a render_start() child: reads and
 * closes msgfd; msg gets the files written (one per line) or the error.
 * Returns 0 when the render succeeded, -1 when it failed.
 */
int render_reaped(int wstatus, int msgfd, char *msg, size_t msglen);

#endif
