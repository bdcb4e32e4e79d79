/*
 * camera_pool.c: the cameras' worker processes, and firing them all at
 * once with a deadline each.
 *
 * Each enabled camera has a worker: a child process, leader of its own
 * process group, holding the device open between shots.  The agent sends
 * it one request per frame over a SOCK_SEQPACKET socket pair (one send is
 * one message, no framing, MSG_NOSIGNAL so a dead worker is an error and
 * not a SIGPIPE) and waits for every worker's reply with poll().  A worker
 * that misses its deadline is killed with its group (the exec camera's
 * command goes with it) and a fresh one is forked to re-open the device.
 * Invariant: camera_pool_fire returns by the latest deadline plus the
 * margin, whatever the devices do; and a camera given up on (dead, see
 * camera_pool.h) costs it nothing: its shot is sent but not waited for,
 * and its answer, or its deadline, is seen at the next fire.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "errbuf.h"
#include "proc.h"
#include "camera/camera_config.h"
#include "camera/camera_pool.h"
#include "camera/camera_type.h"
#include "camera/camera_worker.h"
#include "frames/frames.h"

#define MARGIN_MS 200		/* beyond a deadline, for the kill */
#define REAP_MS 500		/* how long a killed worker may take to go */
#define TERM_MS 50		/* for a worker to go on SIGTERM */
#define ORPHANS_MAX 32

/* One camera's worker, agent side. */
struct cam {
	const struct camera_config *cfg;
	pid_t pid;
	int sock;
	uint32_t seq;		/* of the last request sent */
	uint32_t busy_seq;	/* early-acked request still running, or 0 */
	int opened;		/* CAMERA_REP_OPENED seen: 1 ok, -1 failed */
	char open_error[CAMERA_ERR_MAX];
	char late[CAMERA_ERR_MAX];	/* loss of an early-acked frame */
	char want[CAMERA_PATH_MAX];	/* path of the shot under way */
	/* the shot under way */
	bool waiting;
	long long deadline;
	struct camera_result r;
	/* given up on: see CAMERA_DEAD_AFTER */
	unsigned fails;		/* shots failed in a row */
	bool dead;
	bool background;	/* a shot of the dead camera is out */
	bool back;		/* ... and came back good */
};

struct camera_pool {
	struct cam *cam;
	size_t n;
	size_t enabled;
	pid_t orphans[ORPHANS_MAX];	/* killed workers not yet reaped */
};

struct camera_pool *
camera_pool_new(const struct camera_config *cfg, size_t n)
{
	struct camera_pool *cs;
	size_t i;

	if ((cs = calloc(1, sizeof *cs)) == NULL)
		return NULL;
	if ((cs->cam = calloc(n > 0 ? n : 1, sizeof *cs->cam)) == NULL) {
		free(cs);
		return NULL;
	}
	cs->n = n;
	for (i = 0; i < n; i++) {
		cs->cam[i].cfg = &cfg[i];
		cs->cam[i].pid = -1;
		cs->cam[i].sock = -1;
		if (cfg[i].c.enabled)
			cs->enabled++;
	}
	return cs;
}

static void
reap_orphans(struct camera_pool *cs, int block_ms)
{
	long long until = clock_ms() + block_ms;
	size_t i;
	int left;

	do {
		left = 0;
		for (i = 0; i < ORPHANS_MAX; i++) {
			if (cs->orphans[i] <= 0)
				continue;
			if (waitpid(cs->orphans[i], NULL, WNOHANG) != 0)
				cs->orphans[i] = 0;
			else
				left++;
		}
		if (left > 0 && block_ms > 0)
			clock_sleep_ms(10);
	} while (left > 0 && clock_ms() < until);
}

/* Wait a little for pid; if it will not go, remember it for later. */
static void
reap(struct camera_pool *cs, pid_t pid, int *status)
{
	long long until = clock_ms() + REAP_MS;
	size_t i;
	pid_t r;

	*status = 0;
	for (;;) {
		r = waitpid(pid, status, WNOHANG);
		if (r == pid || (r == -1 && errno != EINTR))
			return;
		if (clock_ms() >= until)
			break;
		clock_sleep_ms(2);
	}
	for (i = 0; i < ORPHANS_MAX; i++)
		if (cs->orphans[i] <= 0) {
			cs->orphans[i] = pid;
			return;
		}
}

static void
worker_kill(struct camera_pool *cs, struct cam *k)
{
	int status, i;

	if (k->pid > 0) {
		/* SIGTERM first: the worker takes its command's group along
		 * (camera_worker_group); what will not go is killed */
		kill(k->pid, SIGTERM);
		for (i = 0; i < TERM_MS && waitpid(k->pid, &status,
		    WNOHANG) == 0; i++)
			clock_sleep_ms(1);
		kill(-k->pid, SIGKILL);
		kill(k->pid, SIGKILL);
		if (i == TERM_MS || waitpid(k->pid, &status, WNOHANG) == 0)
			reap(cs, k->pid, &status);
	}
	if (k->sock != -1)
		close(k->sock);
	k->pid = -1;
	k->sock = -1;
	k->busy_seq = 0;
}

void
camera_pool_free(struct camera_pool *cs)
{
	long long until;
	size_t i;
	int st, left;

	if (cs == NULL)
		return;
	/*
	 * End of file for each worker: it finishes what it is doing (an
	 * early-acked download) and exits; the stubborn ones are killed.
	 */
	until = clock_ms();
	for (i = 0; i < cs->n; i++) {
		struct cam *k = &cs->cam[i];

		if (k->pid <= 0)
			continue;
		shutdown(k->sock, SHUT_WR);
		if ((k->busy_seq != 0 || k->background) && k->deadline > until)
			until = k->deadline;
	}
	until += MARGIN_MS;
	do {
		left = 0;
		for (i = 0; i < cs->n; i++) {
			struct cam *k = &cs->cam[i];

			if (k->pid <= 0)
				continue;
			if (waitpid(k->pid, &st, WNOHANG) == 0) {
				left++;
				continue;
			}
			close(k->sock);
			k->pid = -1;
			k->sock = -1;
		}
		if (left > 0)
			clock_sleep_ms(5);
	} while (left > 0 && clock_ms() < until);
	for (i = 0; i < cs->n; i++)
		worker_kill(cs, &cs->cam[i]);
	reap_orphans(cs, REAP_MS);
	free(cs->cam);
	free(cs);
}

static int
worker_spawn(struct cam *k, char *err, size_t errlen)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1)
		return errbuf_set(err, errlen, "camera %s: socketpair: %s",
		    k->cfg->c.name, strerror(errno));
	fflush(NULL);
	if ((pid = fork()) == -1) {
		errbuf_set(err, errlen, "camera %s: fork: %s", k->cfg->c.name,
		    strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		/*
		 * The worker holds nothing of the agent's: not the printer's
		 * socket, not the captures folder's lock, not another
		 * worker's socket; sv[1] is moved to 3 and the rest closed.
		 */
		if (sv[1] != 3) {
			if (dup2(sv[1], 3) == -1)
				_exit(1);
			close(sv[1]);
			sv[1] = 3;
		}
		(void)close_range(4, ~0U, 0);
		camera_worker_main(k->cfg->type, k->cfg->conf, &k->cfg->c,
		    sv[1]);
	}
	setpgid(pid, pid);	/* also done by the child: no race */
	close(sv[1]);
	k->pid = pid;
	k->sock = sv[0];
	k->seq = 0;
	k->busy_seq = 0;
	k->opened = 0;
	return 0;
}

int
camera_pool_start(struct camera_pool *cs, char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (cs->cam[i].cfg->c.enabled &&
		    worker_spawn(&cs->cam[i], err, errlen) == -1)
			return -1;
	return 0;
}

/* ---- the agent side of a shot ---- */

/* The worker died under us: say so, clean up, fork another. */
static void
worker_lost(struct camera_pool *cs, struct cam *k)
{
	char how[64], e[CAMERA_ERR_MAX];
	int status;

	reap(cs, k->pid, &status);
	proc_status_text(status, how, sizeof how);
	close(k->sock);
	k->pid = -1;
	k->sock = -1;
	k->busy_seq = 0;
	k->background = false;
	if (k->waiting) {
		k->waiting = false;
		k->r.ok = false;
		errbuf_set(k->r.error, sizeof k->r.error, "camera worker %s",
		    how);
	}
	(void)worker_spawn(k, e, sizeof e);
}

static void
handle_reply(struct camera_pool *cs, struct cam *k, long long t0)
{
	struct camera_rep rep;
	ssize_t n;

	n = recv(k->sock, &rep, sizeof rep, MSG_DONTWAIT);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n != (ssize_t)sizeof rep) {
		worker_lost(cs, k);
		return;
	}
	rep.path[sizeof rep.path - 1] = '\0';
	rep.error[sizeof rep.error - 1] = '\0';
	if (rep.kind == CAMERA_REP_OPENED) {
		k->opened = rep.ok ? 1 : -1;
		snprintf(k->open_error, sizeof k->open_error, "%s",
		    rep.error);
		return;
	}
	if (k->background && rep.seq == k->seq && rep.kind == CAMERA_REP_DONE) {
		/* the shot a dead camera was sent in the background */
		k->background = false;
		k->back = rep.ok;
		return;
	}
	if (rep.seq == k->busy_seq && rep.kind == CAMERA_REP_DONE) {
		/* The end of an early-acked shot. */
		k->busy_seq = 0;
		if (!rep.ok)
			snprintf(k->late, sizeof k->late, "%s", rep.error);
	}
	if (!k->waiting || rep.seq != k->seq)
		return;
	k->r.ms = (long)(clock_ms() - t0);
	if (rep.kind == CAMERA_REP_EXPOSED) {
		k->busy_seq = rep.seq;
		k->r.ok = true;
		snprintf(k->r.path, sizeof k->r.path, "%s", k->want);
		k->waiting = false;
		return;
	}
	k->waiting = false;
	k->r.ok = rep.ok;
	if (rep.ok)
		snprintf(k->r.path, sizeof k->r.path, "%s", rep.path);
	else
		snprintf(k->r.error, sizeof k->r.error, "%s", rep.error);
}

static int
send_req(struct cam *k, const struct camera_req *req)
{
	ssize_t n;

	do
		n = send(k->sock, req, sizeof *req, MSG_NOSIGNAL |
		    MSG_DONTWAIT);
	while (n == -1 && errno == EINTR);
	return n == (ssize_t)sizeof *req ? 0 : -1;
}

static void
start_shot(struct camera_pool *cs, struct cam *k, const char *dir,
    unsigned frame, bool one, long long t0)
{
	struct camera_req req;
	char e[CAMERA_ERR_MAX];

	memset(&k->r, 0, sizeof k->r);
	snprintf(k->r.name, sizeof k->r.name, "%s", k->cfg->c.name);
	k->deadline = t0 + k->cfg->c.delay_ms + k->cfg->c.timeout_ms;
	memset(&req, 0, sizeof req);
	req.frame = frame;
	snprintf(req.dir, sizeof req.dir, "%s", dir);
	if (frames_path(req.path, sizeof req.path, dir,
	    one ? NULL : k->cfg->c.name, frame) == -1 ||
	    strlen(dir) >= sizeof req.dir) {
		errbuf_set(k->r.error, sizeof k->r.error, "path too long");
		return;
	}
	snprintf(k->want, sizeof k->want, "%s", req.path);
	if (k->pid <= 0 && worker_spawn(k, e, sizeof e) != 0) {
		snprintf(k->r.error, sizeof k->r.error, "%s", e);
		return;
	}
	req.seq = ++k->seq;
	if (send_req(k, &req) == -1) {
		/* Dead worker: one fresh try. */
		worker_kill(cs, k);
		if (worker_spawn(k, e, sizeof e) == -1) {
			snprintf(k->r.error, sizeof k->r.error, "%s", e);
			return;
		}
		req.seq = ++k->seq;
		if (send_req(k, &req) == -1) {
			errbuf_set(k->r.error, sizeof k->r.error, "cannot "
			    "reach camera worker: %s", strerror(errno));
			return;
		}
	}
	k->waiting = true;
}

/*
 * Before a fire: what the dead camera's background shot gave.  A good one
 * has it waited for again; one past its deadline is a hung worker, ended.
 */
static void
background_check(struct camera_pool *cs, struct cam *k, long long now)
{
	char e[CAMERA_ERR_MAX];

	if (k->background)
		handle_reply(cs, k, now);
	if (k->background && now >= k->deadline + MARGIN_MS) {
		worker_kill(cs, k);
		(void)worker_spawn(k, e, sizeof e);
		k->background = false;
	}
}

/* After a fire: the camera's record of failures, and its health. */
static void
health_after(struct cam *k, bool was_dead)
{
	if (was_dead) {
		k->r.health = CAMERA_NOT_WAITED;
		k->r.fails = k->fails;
		return;
	}
	if (k->r.ok) {
		k->r.health = k->back ? CAMERA_BACK : CAMERA_WAITED;
		k->fails = 0;
	} else if (++k->fails >= CAMERA_DEAD_AFTER) {
		k->r.health = CAMERA_GIVEN_UP;
		k->dead = true;
	}
	k->back = false;
	k->r.fails = k->fails;
}

int
camera_pool_fire(struct camera_pool *cs, const char *dir, unsigned frame,
    struct camera_result *res, size_t n)
{
	bool was_dead[64];
	char e[CAMERA_ERR_MAX];
	struct pollfd *pfd;
	struct cam **who;
	long long t0 = clock_ms(), now, next;
	size_t i, j, npfd, nen = cs->enabled;
	int stored = 0;

	if (nen == 0)
		return 0;
	reap_orphans(cs, 0);
	pfd = calloc(cs->n, sizeof *pfd);
	who = calloc(cs->n, sizeof *who);
	for (i = 0; i < cs->n; i++) {
		struct cam *k = &cs->cam[i];
		bool dead;

		if (!k->cfg->c.enabled)
			continue;
		if (k->dead) {
			background_check(cs, k, t0);
			if (k->back) {
				k->dead = false;	/* waited for again */
				k->fails = 0;
			}
		}
		dead = k->dead;
		if (i < sizeof was_dead / sizeof was_dead[0])
			was_dead[i] = dead;
		if (dead && k->background) {
			/* its last shot is still out: this frame is lost */
			memset(&k->r, 0, sizeof k->r);
			snprintf(k->r.name, sizeof k->r.name, "%s",
			    k->cfg->c.name);
			errbuf_set(k->r.error, sizeof k->r.error, "not waited "
			    "for after %u failed shots in a row; its last shot "
			    "is still out", k->fails);
			continue;
		}
		start_shot(cs, k, dir, frame, nen == 1, t0);
		if (dead && k->waiting) {
			k->waiting = false;	/* not waited for */
			k->background = true;
		}
		if (dead)
			errbuf_set(k->r.error, sizeof k->r.error, "not waited "
			    "for after %u failed shots in a row; tried in the "
			    "background", k->fails);
	}
	for (;;) {
		now = clock_ms();
		next = -1;
		npfd = 0;
		for (i = 0; i < cs->n; i++) {
			struct cam *k = &cs->cam[i];

			if (!k->cfg->c.enabled || !k->waiting)
				continue;
			if (now >= k->deadline + MARGIN_MS) {
				k->waiting = false;
				k->r.ok = false;
				k->r.ms = (long)(now - t0);
				errbuf_set(k->r.error, sizeof k->r.error,
				    "no frame within %ld ms: camera worker "
				    "killed, the camera will be re-opened",
				    k->cfg->c.delay_ms + k->cfg->c.timeout_ms);
				worker_kill(cs, k);
				(void)worker_spawn(k, e, sizeof e);
				continue;
			}
			if (next == -1 || k->deadline + MARGIN_MS < next)
				next = k->deadline + MARGIN_MS;
			if (pfd != NULL && who != NULL) {
				pfd[npfd].fd = k->sock;
				pfd[npfd].events = POLLIN;
				who[npfd++] = k;
			}
		}
		if (next == -1)
			break;
		if (pfd == NULL || who == NULL) {
			/* out of memory: degrade, not hang */
			clock_sleep_ms(10);
			continue;
		}
		if (poll(pfd, npfd, (int)(next - now)) == -1 &&
		    errno != EINTR)
			clock_sleep_ms(10);
		for (j = 0; j < npfd; j++)
			if (pfd[j].revents != 0)
				handle_reply(cs, who[j], t0);
	}
	free(pfd);
	free(who);
	for (i = 0, j = 0; i < cs->n; i++) {
		struct cam *k = &cs->cam[i];

		if (!k->cfg->c.enabled)
			continue;
		if (k->late[0] != '\0' && k->r.error[0] == '\0')
			errbuf_set(k->r.error, sizeof k->r.error, "an earlier "
			    "early-acknowledged frame was lost: %s", k->late);
		k->late[0] = '\0';
		health_after(k, i < sizeof was_dead / sizeof was_dead[0] &&
		    was_dead[i]);
		if (k->r.ok)
			stored++;
		if (j < n)
			res[j++] = k->r;
	}
	return stored;
}

int
camera_pool_probe(struct camera_pool *cs, long wait_ms,
    struct camera_result *res, size_t n)
{
	struct pollfd pfd;
	long long t0 = clock_ms(), until = t0 + wait_ms, now;
	size_t i, j;
	int ready = 0;

	for (i = 0; i < cs->n; i++) {
		struct cam *k = &cs->cam[i];

		while (k->cfg->c.enabled && k->pid > 0 && k->opened == 0 &&
		    (now = clock_ms()) < until) {
			pfd.fd = k->sock;
			pfd.events = POLLIN;
			if (poll(&pfd, 1, (int)(until - now)) > 0)
				handle_reply(cs, k, t0);
		}
	}
	for (i = 0, j = 0; i < cs->n; i++) {
		struct cam *k = &cs->cam[i];
		struct camera_result r;

		if (!k->cfg->c.enabled)
			continue;
		memset(&r, 0, sizeof r);
		snprintf(r.name, sizeof r.name, "%s", k->cfg->c.name);
		r.ok = k->opened == 1;
		if (k->opened == 0)
			errbuf_set(r.error, sizeof r.error, "still opening "
			    "after %ld ms", wait_ms);
		else if (k->opened == -1)
			snprintf(r.error, sizeof r.error, "%s",
			    k->open_error);
		r.ms = (long)(clock_ms() - t0);
		ready += r.ok;
		if (j < n)
			res[j++] = r;
	}
	return ready;
}
