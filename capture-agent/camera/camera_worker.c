/*
 * camera_worker.c: one camera's worker process.
 *
 * Runs in a child forked by camera_pool.c, leader of its own process group
 * so the agent can kill it with whatever it started, holding no
 * descriptor of the agent's but its socket (camera_pool.c closes them),
 * and the subreaper of its camera's processes (an exec camera's command
 * has a group of its own, camera_exec.c).  Keeps the device open between
 * shots and re-opens it after a failed shot; the open happens at start
 * (so the first marker does not pay for it) and again lazily.  Frames are checked, transformed and stored
 * here, so a slow fsync never holds the agent either.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "errbuf.h"
#include "proc.h"
#include "camera/camera_type.h"
#include "camera/camera_worker.h"
#include "frames/frames.h"

/* The command group to take along (camera_worker_group); the one
 * piece of state a signal handler needs. */
static volatile sig_atomic_t worker_group;

void
camera_worker_group(int pgid)
{
	worker_group = pgid;
}

static void
on_term(int sig)
{
	(void)sig;
	if (worker_group > 0)
		kill(-(pid_t)worker_group, SIGKILL);
	_exit(1);
}

struct dev_ctx {
	const struct camera_type *type;
	const void *conf;
	const struct camera_common *c;
};


struct worker_ctx {
	int sock;
	uint32_t seq;
	bool early_ack;
};

static void
worker_send(int sock, uint32_t seq, int kind, bool ok, const char *path,
    const char *error)
{
	struct camera_rep rep;

	memset(&rep, 0, sizeof rep);
	rep.seq = seq;
	rep.kind = kind;
	rep.ok = ok;
	snprintf(rep.path, sizeof rep.path, "%s", path != NULL ? path : "");
	snprintf(rep.error, sizeof rep.error, "%s",
	    error != NULL ? error : "");
	while (send(sock, &rep, sizeof rep, MSG_NOSIGNAL) == -1 &&
	    errno == EINTR)
		;
}

static void
worker_exposed(void *arg)
{
	struct worker_ctx *w = arg;

	if (w->early_ack)
		worker_send(w->sock, w->seq, CAMERA_REP_EXPOSED, true, NULL,
		    NULL);
}

/*
 * mkdir the frame's folder if it is missing (one level).  One that is
 * there must be a real folder of this user's: in a captures folder others
 * may write, a link planted as SEQUENCE/CAMERA would send the frames
 * elsewhere.
 */
static int
make_parent(const char *path, char *err, size_t errlen)
{
	char dir[CAMERA_PATH_MAX];
	struct stat st;
	char *slash;

	snprintf(dir, sizeof dir, "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL || slash == dir)
		return 0;
	*slash = '\0';
	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		errbuf_set(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (lstat(dir, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != geteuid())
		return errbuf_set(err, errlen, "%s: not a folder of this "
		    "user's (a link, or made by another user): frame not "
		    "stored", dir);
	return 0;
}

static void
frame_free(struct camera_frame *f)
{
	if (f->data_tj)
		jpeg_free(f->data);
	else
		free(f->data);
	f->data = NULL;
}

/* Check, transform and store what a shot produced.  0 ok, -1 err. */
static int
worker_store(const struct camera_common *c, const struct camera_req *req,
    struct camera_frame *f, char *path, size_t pathlen, char *err,
    size_t errlen)
{
	unsigned char *out = NULL;
	size_t outlen = 0;
	int rc;

	if (f->elsewhere[0] != '\0') {
		snprintf(path, pathlen, "%s", f->elsewhere);
		return 0;
	}
	if (f->data == NULL)
		return errbuf_set(err, errlen, "camera gave no image");
	if (!f->skip_check && jpeg_check(f->data, f->len, JPEG_CHECK_MARKERS,
	    NULL, NULL, err, errlen) == -1)
		return -1;
	if (make_parent(req->path, err, errlen) == -1)
		return -1;
	if (c->rotate == 0 && c->flip == JPEG_FLIP_NONE)
		rc = frames_store(req->path, f->data, f->len, err, errlen);
	else {
		if (jpeg_transform(f->data, f->len, c->rotate, c->flip, &out,
		    &outlen, err, errlen) == -1)
			return -1;
		rc = frames_store(req->path, out, outlen, err, errlen);
		jpeg_free(out);
	}
	if (rc == 0)
		snprintf(path, pathlen, "%s", req->path);
	return rc;
}

static void *
worker_open(const struct dev_ctx *k, char *err, size_t errlen)
{
	void *dev;

	if ((dev = k->type->open(k->conf, k->c, err, errlen)) == NULL)
		return NULL;
	if (k->c->warmup_s > 0)
		clock_sleep_ms(k->c->warmup_s * 1000);
	return dev;
}

static void
worker_shoot(const struct dev_ctx *k, void **devp, const struct camera_req *req,
    struct worker_ctx *w)
{
	struct camera_frame f;
	struct camera_shot shot;
	char err[CAMERA_ERR_MAX], e[CAMERA_ERR_MAX];
	char path[CAMERA_PATH_MAX];
	long long t0 = clock_ms();
	bool ok = false;

	path[0] = '\0';
	err[0] = '\0';
	if (*devp == NULL &&
	    (*devp = worker_open(k, e, sizeof e)) == NULL) {
		errbuf_set(err, sizeof err, "cannot open: %s", e);
		goto out;
	}
	if (k->c->delay_ms > 0)
		clock_sleep_ms(k->c->delay_ms);
	memset(&f, 0, sizeof f);
	memset(&shot, 0, sizeof shot);
	shot.frame = req->frame;
	shot.dir = req->dir;
	shot.path = req->path;
	shot.timeout_ms = k->c->timeout_ms - (clock_ms() - t0);
	shot.exposed = worker_exposed;
	shot.exposed_arg = w;
	if (make_parent(req->path, err, sizeof err) == -1)
		goto out;
	if (k->type->shoot(*devp, &shot, &f, err, sizeof err) == -1) {
		/* The session may be gone: start afresh next time. */
		k->type->close(*devp);
		*devp = NULL;
		frame_free(&f);
		goto out;
	}
	ok = worker_store(k->c, req, &f, path, sizeof path, err,
	    sizeof err) == 0;
	frame_free(&f);
out:
	worker_send(w->sock, req->seq, CAMERA_REP_DONE, ok, path,
	    ok ? NULL : err);
}

void
camera_worker_main(const struct camera_type *type, const void *conf,
    const struct camera_common *c, int sock)
{
	struct dev_ctx kc = { type, conf, c }, *k = &kc;
	struct camera_req req;
	struct worker_ctx w;
	char err[CAMERA_ERR_MAX];
	void *dev;
	ssize_t n;

	setpgid(0, 0);
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* what an exec camera's command starts is reaped here */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
	proc_close_net();	/* the web page's sockets are not ours */
	signal(SIGTERM, on_term);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	w.sock = sock;
	w.early_ack = k->c->early_ack;
	w.seq = 0;
	err[0] = '\0';
	dev = worker_open(k, err, sizeof err);
	worker_send(sock, 0, CAMERA_REP_OPENED, dev != NULL, NULL,
	    dev != NULL ? NULL : err);
	for (;;) {
		n = recv(sock, &req, sizeof req, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof req)
			break;		/* agent gone or closed: done */
		req.dir[sizeof req.dir - 1] = '\0';
		req.path[sizeof req.path - 1] = '\0';
		w.seq = req.seq;
		worker_shoot(k, &dev, &req, &w);
	}
	if (dev != NULL)
		k->type->close(dev);
	_exit(0);
}

