/*
 * render.c: a sequence to video files with ffmpeg, the caller waiting.
 *
 * A render lists the frames of a folder (frames.h), drops the ones that
 * are not complete JPEG files, and makes a private folder of symbolic links
 * 00000001.jpeg, 00000002.jpeg, ... to them, the first and last repeated
 * for the pre-roll and post-roll.  ffmpeg then reads a gapless image2
 * sequence at an exact frame rate, so the frame count of the video is the
 * link count and its duration count / fps.  ffmpeg writes the temporary
 * file replace_begin made in the final folder (replace.h: created new, so
 * no link planted there redirects it); it replaces NAME only when ffmpeg
 * succeeded and is removed otherwise.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
#include "replace.h"
#include "frames/frames.h"
#include "frames/jpeg.h"
#include "render/ffmpeg.h"
#include "render/render.h"

#define VIDEO_MODE	0644

/* One render: what every camera of a sequence shares. */
struct run {
	const struct render_options	*o;
	const struct render_hooks	*hooks;
	const volatile sig_atomic_t	*stop;
	const struct render_container	*ct;
	const struct render_codec	*cd;
	const char			*camera;
	long				 frames;	/* to encode */
	char				 ffmpeg[PATH_MAX];
};

__attribute__((format(printf, 2, 3)))
static void
note(const struct run *r, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (r->hooks == NULL || r->hooks->note == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->hooks->note(r->hooks->arg, msg);
}

static void
on_progress(void *arg, long frame)
{
	const struct run *r = arg;

	if (r->hooks != NULL && r->hooks->progress != NULL)
		r->hooks->progress(r->hooks->arg, r->camera, frame, r->frames);
}

/* Whether a device node exists (the hardware behind an encoder). */
static bool
have_device(const char *path)
{
	return access(path, F_OK) == 0;
}

/*
 * The encoder: a hardware one when asked for (or, with auto, when its
 * device is there) and listed by ffmpeg; software otherwise.  *hw tells.
 */
static const char *
pick_encoder(const struct run *r, bool *hw)
{
	const struct render_codec *cd = r->cd;
	enum render_hwaccel want = r->o->hwaccel;
	const char *enc = NULL, *name = NULL;
	char err[256];

	*hw = false;
	if (want == RENDER_HW_NONE)
		return cd->software;
	if (want == RENDER_HW_AUTO) {
		if (cd->nvenc && have_device("/dev/nvidiactl"))
			want = RENDER_HW_NVENC;
		else if (cd->v4l2m2m && have_device("/dev/video11"))
			want = RENDER_HW_V4L2M2M;	/* a Pi's encoder */
		else
			return cd->software;
	}
	name = render_hwaccel_name(want);
	enc = want == RENDER_HW_NVENC ? cd->nvenc : cd->v4l2m2m;
	if (enc == NULL) {
		note(r, "no %s encoder for %s: encoding in software (%s)",
		    name, cd->name, cd->software);
		return cd->software;
	}
	switch (ffmpeg_has_encoder(r->ffmpeg, enc, err, sizeof err)) {
	case 1:
		*hw = true;
		return enc;
	case 0:
		note(r, "%s is not in this ffmpeg: encoding in software (%s)",
		    enc, cd->software);
		return cd->software;
	default:
		note(r, "%s: encoding in software (%s)", err, cd->software);
		return cd->software;
	}
}

/* Width and height of a JPEG file, from its header. */
static int
frame_size(const char *path, int *w, int *h, char *err, size_t errlen)
{
	unsigned char *buf;
	size_t len;
	char e[256];
	int rc;

	if (frames_load(path, &buf, &len, err, errlen) == -1)
		return -1;
	if ((rc = jpeg_size(buf, len, w, h, e, sizeof e)) == -1)
		errbuf_set(err, errlen, "%s: %s", path, e);
	free(buf);
	return rc;
}

/* Remove the link folder made by make_links (count links). */
static void
remove_links(const char *dir, long count)
{
	char path[PATH_MAX + 32];
	long i;

	for (i = 1; i <= count; i++) {
		snprintf(path, sizeof path, "%s/%08ld.jpeg", dir, i);
		unlink(path);
	}
	rmdir(dir);
}

/*
 * dir (from mkdtemp) gets links 1..pre+n+post to the frames ok[0..n),
 * the first and last repeated for the rolls.  Returns 0 or -1.
 */
static int
make_links(const char *dir, const struct frames *fl, const size_t *ok,
    long n, long pre, long post, char *err, size_t errlen)
{
	char path[PATH_MAX + 32];
	long i, k, total = pre + n + post;

	for (i = 0; i < total; i++) {
		k = i < pre ? 0 : i - pre >= n ? n - 1 : i - pre;
		snprintf(path, sizeof path, "%s/%08ld.jpeg", dir, i + 1);
		if (symlink(frames_file(fl, ok[k]), path) == -1) {
			errbuf_set(err, errlen, "%s: %s", path,
			    strerror(errno));
			remove_links(dir, i);
			return -1;
		}
	}
	return 0;
}

/* The encoder's quality arguments appended to argv at *ac. */
static void
quality_args(const struct run *r, const char *enc, bool hw, char **argv,
    int *ac, char *q, size_t qlen)
{
	const struct render_codec *cd = r->cd;
	int crf = r->o->crf >= 0 ? r->o->crf : cd->crf_default;

	if (cd->crf_max == 0)
		return;
	if (r->o->bitrate > 0 || strstr(enc, "v4l2m2m") != NULL) {
		/* v4l2m2m has no constant-quality mode */
		snprintf(q, qlen, "%ld", r->o->bitrate > 0 ? r->o->bitrate :
		    8000000L);
		argv[(*ac)++] = "-b:v";
		argv[(*ac)++] = q;
		return;
	}
	snprintf(q, qlen, "%d", crf);
	argv[(*ac)++] = hw ? "-cq" : "-crf";
	argv[(*ac)++] = q;
	if (strcmp(enc, "libvpx-vp9") == 0) {
		argv[(*ac)++] = "-b:v";		/* constant quality */
		argv[(*ac)++] = "0";
	}
}

/*
 * Run ffmpeg on the link folder into tmp with encoder enc.  tmp has no
 * extension to go by: the container is named with -f.
 */
static int
encode(struct run *r, const char *links, double fps, int w, int h,
    const char *enc, bool hw, const char *tmp, char *err, size_t errlen)
{
	char *argv[48], rate[32], input[PATH_MAX + 32], filter[256], q[32];
	int ac = 0;
	bool gif = strcmp(r->cd->name, "gif") == 0;

	snprintf(rate, sizeof rate, "%ld/1000", lround(fps * 1000));
	snprintf(input, sizeof input, "%s/%%08d.jpeg", links);
	if (gif)
		snprintf(filter, sizeof filter, "scale=%d:%d:flags=lanczos,"
		    "split[a][b];[a]palettegen[p];[b][p]paletteuse", w, h);
	else
		snprintf(filter, sizeof filter, "scale=%d:%d,format=yuv420p",
		    w & ~1, h & ~1);
	argv[ac++] = r->ffmpeg;
	argv[ac++] = "-nostdin";
	argv[ac++] = "-hide_banner";
	argv[ac++] = "-loglevel";
	argv[ac++] = "error";
	argv[ac++] = "-y";
	argv[ac++] = "-progress";
	argv[ac++] = "pipe:1";
	argv[ac++] = "-framerate";
	argv[ac++] = rate;
	argv[ac++] = "-start_number";
	argv[ac++] = "1";
	argv[ac++] = "-i";
	argv[ac++] = input;
	argv[ac++] = "-vf";
	argv[ac++] = filter;
	argv[ac++] = "-c:v";
	argv[ac++] = (char *)enc;
	quality_args(r, enc, hw, argv, &ac, q, sizeof q);
	if (strcmp(enc, "libx265") == 0) {
		argv[ac++] = "-x265-params";
		argv[ac++] = "log-level=error";
	}
	if (strcmp(r->cd->name, "h265") == 0 &&
	    (strcmp(r->ct->name, "mp4") == 0 ||
	    strcmp(r->ct->name, "mov") == 0)) {
		argv[ac++] = "-tag:v";		/* plays on Apple devices */
		argv[ac++] = "hvc1";
	}
	if (strcmp(r->ct->name, "mp4") == 0 ||
	    strcmp(r->ct->name, "mov") == 0) {
		argv[ac++] = "-movflags";
		argv[ac++] = "+faststart";
	}
	argv[ac++] = "-f";
	argv[ac++] = (char *)r->ct->format;
	argv[ac++] = (char *)tmp;
	argv[ac] = NULL;
	return ffmpeg_run(argv, r->o->nice, on_progress, r, r->stop, err,
	    errlen);
}

/* Frames of folder dir (absolute) to the video out. */
static int
render_folder(struct run *r, const char *dir, const char *out, char *err,
    size_t errlen)
{
	struct frames *fl = NULL;
	struct replace video;
	char links[PATH_MAX], why[PATH_MAX + 64];
	char first_why[PATH_MAX + 64] = "";
	const char *tmpdir, *enc;
	size_t *ok = NULL, i, count;
	long n = 0, pre, post, skipped = 0;
	double fps;
	int w, h, rc = -1;
	bool hw;
	bool linked = false, pending = true;

	if (replace_begin(&video, out, err, errlen) == -1)
		return -1;
	if (frames_read(dir, &fl, err, errlen) == -1)
		goto out;
	count = frames_count(fl);
	if ((ok = calloc(count ? count : 1, sizeof *ok)) == NULL) {
		errbuf_set(err, errlen, "%s: out of memory", dir);
		goto out;
	}
	for (i = 0; i < count; i++) {
		if (frames_complete(frames_file(fl, i), why,
		    sizeof why))
			ok[n++] = i;
		else if (skipped++ == 0)
			snprintf(first_why, sizeof first_why, "%s", why);
	}
	if (skipped > 0)
		note(r, "%ld frame%s skipped (%s)", skipped,
		    skipped > 1 ? "s" : "", first_why);
	if (n == 0) {
		errbuf_set(err, errlen, "%s: no frames (NNNNNN.jpeg) to render",
		    dir);
		goto out;
	}
	if (frame_size(frames_file(fl, ok[0]), &w, &h, err, errlen) == -1)
		goto out;
	if (w < 2 || h < 2) {
		errbuf_set(err, errlen, "%s: frame of %dx%d pixels is too "
		    "small", frames_file(fl, ok[0]), w, h);
		goto out;
	}
	fps = render_fps(r->o, n);
	pre = render_roll_frames(r->o->preroll_s, fps);
	post = render_roll_frames(r->o->postroll_s, fps);
	r->frames = pre + n + post;
	if ((tmpdir = getenv("TMPDIR")) == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	snprintf(links, sizeof links, "%s/capture-agent-render.XXXXXX",
	    tmpdir);
	if (mkdtemp(links) == NULL) {
		errbuf_set(err, errlen, "%s: %s", links, strerror(errno));
		goto out;
	}
	if (make_links(links, fl, ok, n, pre, post, err, errlen) == -1) {
		rmdir(links);
		goto out;
	}
	linked = true;
	enc = pick_encoder(r, &hw);
	rc = encode(r, links, fps, w, h, enc, hw, video.tmp, err, errlen);
	if (rc == -1 && hw && !(r->stop && *r->stop)) {
		note(r, "%s failed (%s): encoding in software (%s)", enc, err,
		    r->cd->software);
		rc = encode(r, links, fps, w, h, r->cd->software, false,
		    video.tmp, err, errlen);
	}
	if (rc == 0) {
		/* ffmpeg wrote the temporary file by its name; commit syncs
		 * it through our descriptor, and aborts on a failure */
		pending = false;
		rc = replace_commit(&video, VIDEO_MODE, err, errlen);
	}
	if (rc == 0 && r->hooks != NULL && r->hooks->done != NULL)
		r->hooks->done(r->hooks->arg, out);
out:
	if (pending)
		replace_abort(&video);
	if (linked)
		remove_links(links, pre + n + post);
	free(ok);
	frames_free(fl);
	return rc;
}

int
render_video(const struct render_options *o, const char *sequence_dir,
    const char *out_path, const struct render_hooks *hooks, char *err,
    size_t errlen)
{
	const volatile sig_atomic_t *stop = hooks != NULL ? hooks->stop : NULL;
	struct run r;
	char real[PATH_MAX], dir[PATH_MAX + NAME_MAX + 2], out[PATH_MAX];
	char e[1024], **cameras = NULL, **cam;
	int rc = 0;
	bool root_frames;

	memset(&r, 0, sizeof r);
	r.o = o;
	r.hooks = hooks;
	r.stop = stop;
	if (render_options_check(o, err, errlen) == -1)
		return -1;
	r.ct = render_options_container(o);
	r.cd = render_options_codec(o);
	if (realpath(sequence_dir, real) == NULL)
		return errbuf_set(err, errlen, "%s: %s", sequence_dir,
		    strerror(errno));
	if (ffmpeg_find("ffmpeg", r.ffmpeg, sizeof r.ffmpeg, err,
	    errlen) == -1)
		return -1;
	if (frames_cameras(real, &cameras, err, errlen) == -1)
		return -1;
	root_frames = frames_exist(real);
	if (!root_frames && cameras[0] == NULL) {
		errbuf_set(err, errlen, "%s: no frames (NNNNNN.jpeg or "
		    "CAMERA/NNNNNN.jpeg)", sequence_dir);
		frames_cameras_free(cameras);
		return -1;
	}
	if (root_frames) {
		r.camera = "";
		if (render_output_path(o, out_path, real, "", out,
		    sizeof out, err, errlen) == -1 ||
		    render_folder(&r, real, out, err, errlen) == -1)
			rc = -1;
	}
	for (cam = cameras; *cam != NULL; cam++) {
		if (stop != NULL && *stop)
			break;
		r.camera = *cam;
		snprintf(dir, sizeof dir, "%s/%s", real, *cam);
		if (render_output_path(o, out_path, real, *cam, out,
		    sizeof out, e, sizeof e) == 0 &&
		    render_folder(&r, dir, out, e, sizeof e) == 0)
			continue;
		if (rc == 0)	/* the first failure is the message */
			errbuf_set(err, errlen, "camera %s: %s", *cam, e);
		rc = -1;
	}
	frames_cameras_free(cameras);
	return rc;
}
