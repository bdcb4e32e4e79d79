/*
 * preview.c: the rewrite in a thread, the picture in this one.
 *
 * A thread runs rewrite_fd() into a pipe and closes its end when done;
 * this thread scans the pipe with a tracker of its own, configured as the
 * rewrite's, and feeds the toolpath's beads to the scene.  The pipe is
 * the only thing they share until the thread is joined, after which the
 * rewrite's report and status are read.  Should the reading side stop
 * early (a frame cannot be written), it closes the pipe: the rewrite then
 * fails on EPIPE (SIGPIPE is ignored by main) and ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "errbuf.h"
#include "job.h"
#include "preview.h"
#include "replace.h"
#include "frames/frames.h"
#include "frames/jpeg.h"
#include "gcode/scan.h"
#include "gcode/toolpath.h"
#include "plan/marker.h"
#include "scene/scene.h"
#include "scene/view.h"

#define PIPE_ROOM (1024 * 1024)	/* bytes, Linux's default limit */
#define DEFAULT_BED 220.0	/* mm, for the default camera of a file
				   whose bed nobody told */

/* The rewrite's side. */
struct writer {
	int in, out;
	const struct profile *p;
	const struct slicer_settings *s;
	struct rewrite_report *rep;
	const struct rewrite_hooks *hooks;
	int rc;
	char err[1024];
};

/* The picture's side. */
struct reader {
	struct scene *scene;
	struct toolpath tp;
	struct preview_report *prev;
	const char *dir;
	const char *custom;		/* the profile's marker line, or NULL */
	bool frame_failed;		/* err is about a frame */
	char err[1024];
};

void
preview_report_init(struct preview_report *r)
{
	memset(r, 0, sizeof *r);
}

void
preview_report_free(struct preview_report *r)
{
	free(r->in_picture);
	r->in_picture = NULL;
	r->frames = r->cap = 0;
}

static void *
writer_main(void *arg)
{
	struct writer *w = arg;

	if (w->rep->already_processed) {
		w->rc = replace_copy(w->in, w->out);
		if (w->rc == -1)
			errbuf_set(w->err, sizeof w->err, "%s",
			    strerror(errno));
	} else {
		w->rc = rewrite_fd(w->in, w->out, w->p, w->s, w->rep, w->hooks,
		    w->err, sizeof w->err);
	}
	close(w->out);
	return NULL;
}

/* The picture now, with the head at the nozzle, as frame n. */
static int
write_frame(struct reader *r, const struct machine *m, char *err,
    size_t errlen)
{
	struct preview_report *prev = r->prev;
	const struct raster *pic;
	unsigned char *jpeg = NULL;
	size_t len = 0;
	double head[3];
	bool known = toolpath_nozzle(m, head);
	char path[4096];
	int rc;

	if (prev->frames == prev->cap) {
		size_t cap = prev->cap ? prev->cap * 2 : 256;
		bool *a = realloc(prev->in_picture, cap * sizeof *a);

		if (a == NULL)
			return errbuf_set(err, errlen, "out of memory");
		prev->in_picture = a;
		prev->cap = cap;
	}
	prev->in_picture[prev->frames++] = known &&
	    scene_head_in_picture(r->scene, head);
	pic = scene_frame(r->scene, known ? head : NULL);
	if (frames_path(path, sizeof path, r->dir, NULL,
	    (unsigned)prev->frames) == -1)
		return errbuf_set(err, errlen, "%s: path too long", r->dir);
	if (jpeg_encode((const unsigned char *)pic->pixels, pic->width,
	    pic->height, (size_t)pic->width * 4, JPEG_PIX_WORD,
	    PREVIEW_QUALITY, &jpeg, &len, err, errlen) == -1)
		return -1;
	rc = frames_store(path, jpeg, len, err, errlen);
	jpeg_free(jpeg);
	return rc;
}

/* Does the line ask for a frame, in any dialect gcode-lapse writes? */
static bool
is_capture(const struct reader *r, const struct line *ln)
{
	const char *t = ln->text;
	size_t n = ln->len;
	bool capture;

	if (ln->flags & (LINE_PARTIAL | LINE_CONT))
		return false;
	while (n > 0 && (*t == ' ' || *t == '\t')) {
		t++;
		n--;
	}
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	return marker_is(t, n, r->custom, &capture) && capture;
}

static int
on_line(void *ctx, struct machine *m, const struct scan_line *sl, char *err,
    size_t errlen)
{
	struct reader *r = ctx;
	const struct line *ln = sl->line;

	if (sl->gl == NULL)
		return 0;
	toolpath_line(&r->tp, m, sl->gl, sl->events, toolpath_draw, r->scene);
	if (is_capture(r, ln) &&
	    write_frame(r, m, r->err, sizeof r->err) == -1) {
		r->frame_failed = true;
		return errbuf_set(err, errlen, "%s", r->err);
	}
	return 0;
}

/* The camera: the profile's, else in front of the bed. */
static int
make_view(struct view *v, const struct profile *p,
    const struct slicer_settings *s, double bed[4], bool *have_bed,
    struct preview_report *prev, char *err, size_t errlen)
{
	const struct bed *b = p->bed.set ? &p->bed : s->bed.set ? &s->bed :
	    NULL;

	*have_bed = b != NULL;
	bed[0] = b ? b->x0 : 0;
	bed[1] = b ? b->y0 : 0;
	bed[2] = b ? b->x1 : DEFAULT_BED;
	bed[3] = b ? b->y1 : DEFAULT_BED;
	if (view_from_settings(v, &p->view, bed, p->width, p->height, err,
	    errlen) == -1)
		return -1;
	for (int i = 0; i < 3; i++) {
		prev->eye[i] = v->eye[i];
		prev->at[i] = v->at[i];
	}
	prev->fov = v->fov;
	prev->width = v->width;
	prev->height = v->height;
	return 0;
}

int
preview_run(const char *in, const struct profile *p, const char *dir,
    struct rewrite_report *rep, struct preview_report *prev,
    const struct rewrite_hooks *hooks, char *err, size_t errlen)
{
	struct slicer_settings s;
	struct machine *m = NULL;
	struct writer w;
	struct reader r;
	struct scan_hooks sh = { on_line, NULL, NULL };
	struct view v;
	pthread_t th;
	char msg[1024];
	double bed[4];
	bool have_bed;
	mode_t mode;
	int fd, pipefd[2], rc = -1, e;

	memset(&r, 0, sizeof r);
	if ((fd = job_open(in, &s, &mode, rep, NULL, err, errlen)) == -1)
		return -1;
	if (slicer_check(&s.filament_diameter, LIM_FILAMENT, err,
	    errlen) == -1 ||
	    make_view(&v, p, &s, bed, &have_bed, prev, err, errlen) == -1 ||
	    (r.scene = scene_new(&v, have_bed ? bed : NULL, err,
	    errlen)) == NULL)
		goto out;
	if ((m = malloc(sizeof *m)) == NULL) {
		errbuf_set(err, errlen, "out of memory");
		goto out;
	}
	slicer_machine_init(m, &s, p->firmware);
	toolpath_init(&r.tp, s.filament_diameter.set ?
	    s.filament_diameter.v : 0);
	r.prev = prev;
	r.dir = dir;
	r.custom = p->marker == MARK_CUSTOM ? p->marker_line : NULL;
	if (pipe(pipefd) == -1) {
		errbuf_set(err, errlen, "pipe: %s", strerror(errno));
		goto out;
	}
	/* room for one output buffer: fewer wake-ups on both sides */
	(void)fcntl(pipefd[1], F_SETPIPE_SZ, PIPE_ROOM);
	w = (struct writer){ fd, pipefd[1], p, &s, rep, hooks, 0, "" };
	if ((e = pthread_create(&th, NULL, writer_main, &w)) != 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		errbuf_set(err, errlen, "thread: %s", strerror(e));
		goto out;
	}
	sh.ctx = &r;
	rc = scan_fd(pipefd[0], m, &sh, msg, sizeof msg);
	close(pipefd[0]);
	pthread_join(th, NULL);
	/* a frame that cannot be written stops both; else the rewrite's
	 * failure is the cause, and a scan error is ours */
	if (r.frame_failed)
		rc = errbuf_set(err, errlen, "%s", r.err);
	else if (w.rc == -1)
		rc = errbuf_set(err, errlen, "%s", w.err);
	else if (rc == -1)
		errbuf_set(err, errlen, "the rewritten G-code: %s", msg);
	else if (hooks != NULL && hooks->progress != NULL)
		hooks->progress(hooks->ctx, rep->bytes_in);	/* all read */
out:
	scene_free(r.scene);
	free(m);
	close(fd);
	return rc;
}

/* The folder of path ("." when it has none) into dir. */
static int
folder_of(const char *path, char *dir, size_t dirlen)
{
	const char *slash = strrchr(path, '/');
	int n;

	if (slash == NULL)
		n = snprintf(dir, dirlen, ".");
	else if (slash == path)
		n = snprintf(dir, dirlen, "/");
	else
		n = snprintf(dir, dirlen, "%.*s", (int)(slash - path), path);
	return n < 0 || (size_t)n >= dirlen ? -1 : 0;
}

int
preview_video_options(const struct profile *p, const char *out,
    struct render_options *o, char *err, size_t errlen)
{
	const char *dot = strrchr(out, '.'), *slash = strrchr(out, '/');
	struct render_options try = p->render;

	*o = p->render;
	if (dot != NULL && (slash == NULL || dot > slash) &&
	    strlen(dot + 1) < sizeof try.container) {
		snprintf(try.container, sizeof try.container, "%s", dot + 1);
		for (char *c = try.container; *c != '\0'; c++)
			*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' :
			    *c);
		if (render_options_container(&try) != NULL)
			*o = try;
	}
	return render_options_check(o, err, errlen);
}

/* Remove the frames 1..n of dir, and dir. */
static void
remove_frames(const char *dir, size_t n)
{
	char path[PATH_MAX];

	for (size_t i = 1; i <= n; i++)
		if (frames_path(path, sizeof path, dir, NULL, (unsigned)i) == 0)
			unlink(path);
	rmdir(dir);
}

int
preview_video(const char *in, const struct profile *p, const char *out,
    struct rewrite_report *rep, struct preview_report *prev,
    const struct rewrite_hooks *hooks, const struct render_hooks *rhooks,
    char *err, size_t errlen)
{
	struct render_options o;
	char dir[PATH_MAX], tmp[PATH_MAX + 32];
	int rc;

	if (preview_video_options(p, out, &o, err, errlen) == -1)
		return -1;
	if (folder_of(out, dir, sizeof dir) == -1)
		return errbuf_set(err, errlen, "%s: path too long", out);
	snprintf(tmp, sizeof tmp, "%s/.gcode-lapse-preview.XXXXXX", dir);
	if (mkdtemp(tmp) == NULL)
		return errbuf_set(err, errlen, "%s: %s", dir, strerror(errno));
	rc = preview_run(in, p, tmp, rep, prev, hooks, err, errlen);
	if (rc == 0 && prev->frames == 0)
		rc = errbuf_set(err, errlen, "no snapshot in the file: no "
		    "frames to make a video of");
	if (rc == 0 && render_video(&o, tmp, out, rhooks, err, errlen) == -1)
		rc = -1;
	remove_frames(tmp, prev->frames);
	return rc;
}

int
preview_default_output(const char *in, const struct profile *p, char *out,
    size_t outlen)
{
	static const char *const exts[] = { ".gcode", ".gco", ".g" };
	size_t n = strlen(in);
	int r;

	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t e = strlen(exts[i]);

		if (n > e && strcasecmp(in + n - e, exts[i]) == 0 &&
		    in[n - e - 1] != '/') {
			n -= e;
			break;
		}
	}
	r = snprintf(out, outlen, "%.*s.preview.%s", (int)n, in,
	    p->render.container);
	return r < 0 || (size_t)r >= outlen ? -1 : 0;
}
