/*
 * render.h: a timelapse sequence to a video file with ffmpeg(1).
 *
 * Frames are SEQUENCE_DIR/NNNNNN.jpeg, or SEQUENCE_DIR/CAMNAME/NNNNNN.jpeg
 * with several cameras (one video per camera), as frames.h reads them.
 * Gaps in the numbering and truncated frames are skipped.  The frame rate
 * is fixed, or follows from a fixed length clamped to [min_fps, max_fps];
 * the first and last frames can be held for a pre-roll and a post-roll.  A
 * video is written under a temporary name in its final folder and renamed
 * when ffmpeg succeeded, so a failed render never leaves a half file under
 * the final name.
 *
 * render_video() blocks, for the command lines (capture-agent render,
 * gcode-lapse --preview); capture-agent's render_child.h runs it in the
 * background for the daemon.  The options are in render_options.h.
 */
#ifndef RENDER_H
#define RENDER_H

#include <signal.h>
#include <stddef.h>

#include "render/render_options.h"

/* What the caller of a render watches; every member may be NULL. */
struct render_hooks {
	/* camera "" for a single camera; frames is the total to encode */
	void	(*progress)(void *arg, const char *camera, long frame,
		    long frames);
	/* something the user should know (software fallback, skipped frame) */
	void	(*note)(void *arg, const char *msg);
	/* called with each file written */
	void	(*done)(void *arg, const char *path);
	void	 *arg;
	/* a signal handler's flag: when it becomes non-zero, ffmpeg is
	 * stopped and the render fails, leaving no temporary file */
	const volatile sig_atomic_t *stop;
};

/*
 * Render sequence_dir (one video per camera) and wait.  out_path as in
 * render_output_path; hooks may be NULL.  Returns 0, or -1 with a message.
 */
int render_video(const struct render_options *, const char *sequence_dir,
    const char *out_path, const struct render_hooks *, char *err,
    size_t errlen);

#endif
