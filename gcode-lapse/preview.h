/*
 * preview.h: what a print's timelapse will look like, before printing it.
 *
 * The preview runs the rewrite with the same profile (so what is
 * previewed is what will be printed) into a pipe, and reads the rewritten
 * G-code back as the printer will execute it: every bead is drawn into a
 * scene (common/scene) as it is laid, and at every capture marker one
 * frame is written, the head where the block parked it.  For each frame
 * the preview also says whether the head shows in the picture.
 * Streaming from end to end: what is held is the pipe, the rewrite's
 * buffers and the pictures, whatever the file's size.  A file that
 * gcode-lapse already processed is previewed as it is.
 */
#ifndef PREVIEW_H
#define PREVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "rewrite.h"
#include "render/render.h"
#include "settings/profile.h"

#define PREVIEW_QUALITY 90

/* What a preview did, besides the rewrite's report. */
struct preview_report {
	size_t frames;
	bool *in_picture;		/* per frame: the head shows */
	size_t cap;
	double eye[3], at[3];		/* the camera used */
	double fov;
	int width, height;
};

void preview_report_init(struct preview_report *);
void preview_report_free(struct preview_report *);

/*
 * Preview in with profile p: frames NNNNNN.jpeg (from 000001) into the
 * folder dir, which must exist.  rep gets the rewrite's report, prev the
 * preview's.  The caller ignores SIGPIPE: when a frame cannot be written
 * the rewrite's pipe is closed under it.  Returns 0, or -1 with err about the input (not naming it,
 * as job_rewrite()) or naming the file it is about.
 */
int preview_run(const char *in, const struct profile *p, const char *dir,
    struct rewrite_report *rep, struct preview_report *prev,
    const struct rewrite_hooks *hooks, char *err, size_t errlen);

/*
 * The same made into the video out with ffmpeg, as capture-agent renders
 * a sequence (render.h, the profile's [render] options; out's extension,
 * when it names a container, is the container): the frames go to a
 * temporary folder beside out, removed afterwards whatever happens.
 * Returns 0, or -1 with err as preview_run().
 */
int preview_video(const char *in, const struct profile *p, const char *out,
    struct rewrite_report *rep, struct preview_report *prev,
    const struct rewrite_hooks *hooks, const struct render_hooks *rhooks,
    char *err, size_t errlen);

/*
 * The render options of the video out: the profile's, with out's
 * extension as the container when it names one; checked (0, or -1 with
 * err).
 */
int preview_video_options(const struct profile *, const char *out,
    struct render_options *o, char *err, size_t errlen);

/*
 * The video's name when the user gives none: beside in, its extension
 * (.gcode, .gco, .g) replaced by ".preview.mp4" (the container's).
 * 0, or -1 when it does not fit.
 */
int preview_default_output(const char *in, const struct profile *p,
    char *out, size_t outlen);

#endif
