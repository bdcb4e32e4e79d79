/*
 * render_child.c: see render_child.h.  The child resets every signal,
 * takes SIGTERM as the render's stop flag, closes what the daemon holds
 * open (on exec), lowers its CPU and I/O priority and runs render_video;
 * its notes and the files it wrote, or its error, go back to the parent
 * through a pipe in one write at the end, short enough (MSG_MAX) never to
 * block.
 */
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "errbuf.h"
#include "proc.h"
#include "render/render.h"
#include "render/render_child.h"

#define MSG_MAX		4000	/* fits a pipe: the child never blocks */

/* Set only by the SIGTERM handler of the child. */
static volatile sig_atomic_t render_stop;

#define PROGRESS_MS	250	/* at most this often on the progress pipe */

/* Messages of the child, sent to the parent at the end, and its progress,
 * sent as it goes. */
struct child_msg {
	char	text[MSG_MAX];
	int	progressfd;		/* -1: nobody watches */
	long long sent_at;		/* clock_ms() of the last record */
};

static void
child_append(struct child_msg *m, const char *prefix, const char *s)
{
	size_t used = strlen(m->text);

	snprintf(m->text + used, sizeof m->text - used, "%s%s\n", prefix, s);
}

static void
child_note(void *arg, const char *msg)
{
	child_append(arg, "note: ", msg);
}

static void
child_done(void *arg, const char *path)
{
	child_append(arg, "wrote ", path);
}

/* One record per PROGRESS_MS, and the last frame; a record is smaller
 * than PIPE_BUF, so it is written whole or not at all (a full pipe: the
 * parent is busy, and the next record will do). */
static void
child_progress(void *arg, const char *camera, long frame, long frames)
{
	struct child_msg *m = arg;
	struct render_progress p;
	long long now = clock_ms();

	if (m->progressfd == -1 ||
	    (now - m->sent_at < PROGRESS_MS && frame < frames))
		return;
	memset(&p, 0, sizeof p);
	p.frame = frame;
	p.frames = frames;
	snprintf(p.camera, sizeof p.camera, "%s", camera);
	if (write(m->progressfd, &p, sizeof p) == (ssize_t)sizeof p)
		m->sent_at = now;
}

static void
on_term(int sig)
{
	(void)sig;
	render_stop = 1;
}

/* In the child: lowest priorities, own signals; never returns. */
static void
child_render(const struct render_options *o, const char *sequence_dir,
    const char *out_path, int msgfd, int progressfd)
{
	struct render_hooks hooks = { child_progress, child_note, child_done,
	    NULL, &render_stop };
	struct sched_param sp = { 0 };
	struct sigaction sa;
	struct child_msg m, out;
	sigset_t none;
	char err[1024];
	size_t len;
	ssize_t n;
	int rc, sig;

	m.text[0] = '\0';
	m.progressfd = progressfd;
	m.sent_at = 0;
	hooks.arg = &m;
	(void)setpgid(0, 0);
	/* the web page's sockets are the daemon's: a render that outlives
	 * it must not keep its port bound */
	proc_close_net();
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			(void)sigaction(sig, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	(void)sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_term;	/* no SA_RESTART: waits return */
	(void)sigaction(SIGTERM, &sa, NULL);
	(void)sigaction(SIGINT, &sa, NULL);
	(void)sigaction(SIGHUP, &sa, NULL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	(void)close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
	(void)setpriority(PRIO_PROCESS, 0, o->nice);
	(void)sched_setscheduler(0, SCHED_IDLE, &sp);
	/* ioprio_set(IOPRIO_WHO_PROCESS, self, IOPRIO_CLASS_IDLE << 13) */
	(void)syscall(SYS_ioprio_set, 1, 0, 3 << 13);
	rc = render_video(o, sequence_dir, out_path, &hooks, err, sizeof err);
	if (rc == -1) {	/* the error first, then the notes */
		/* both bounded so the whole fits: the error first */
		snprintf(out.text, sizeof out.text, "%.*s\n%.*s",
		    (int)sizeof out.text / 4, err,
		    (int)sizeof out.text * 3 / 4 - 2, m.text);
		memcpy(m.text, out.text, sizeof m.text);
	}
	len = strlen(m.text);
	while ((n = write(msgfd, m.text, len)) == -1 && errno == EINTR)
		;
	_exit(rc == 0 ? 0 : 1);
}

pid_t
render_child_start(const struct render_options *o, const char *sequence_dir,
    const char *out_path, int *msgfd, char *err, size_t errlen)
{
	return render_child_start_watched(o, sequence_dir, out_path, msgfd,
	    NULL, err, errlen);
}

pid_t
render_child_start_watched(const struct render_options *o,
    const char *sequence_dir, const char *out_path, int *msgfd,
    int *progressfd, char *err, size_t errlen)
{
	int p[2], q[2] = { -1, -1 };
	pid_t pid;

	*msgfd = -1;
	if (progressfd != NULL)
		*progressfd = -1;
	if (render_options_check(o, err, errlen) == -1)
		return -1;
	if (pipe2(p, O_CLOEXEC) == -1)
		return errbuf_set(err, errlen, "pipe: %s", strerror(errno));
	if (progressfd != NULL && pipe2(q, O_CLOEXEC | O_NONBLOCK) == -1) {
		close(p[0]);
		close(p[1]);
		return errbuf_set(err, errlen, "pipe: %s", strerror(errno));
	}
	if ((pid = fork()) == -1) {
		errbuf_set(err, errlen, "fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		if (q[0] != -1) {
			close(q[0]);
			close(q[1]);
		}
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		if (q[0] != -1)
			close(q[0]);
		child_render(o, sequence_dir, out_path, p[1], q[1]);
	}
	close(p[1]);
	if (q[1] != -1)
		close(q[1]);
	(void)setpgid(pid, pid);	/* also here: no race with kill(-pid) */
	*msgfd = p[0];
	if (progressfd != NULL)
		*progressfd = q[0];
	return pid;
}

bool
render_child_progress(int progressfd, struct render_progress *latest)
{
	struct render_progress p;
	bool got = false;

	while (progressfd != -1 &&
	    read(progressfd, &p, sizeof p) == (ssize_t)sizeof p) {
		*latest = p;
		got = true;
	}
	return got;
}

int
render_child_reaped(int wstatus, int msgfd, char *msg, size_t msglen)
{
	char how[64];
	size_t got = 0;
	ssize_t n;

	if (msglen == 0)
		return -1;
	while (msgfd != -1 && got + 1 < msglen) {
		n = read(msgfd, msg + got, msglen - 1 - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	if (msgfd != -1)
		close(msgfd);
	while (got > 0 && msg[got - 1] == '\n')
		got--;
	msg[got] = '\0';
	if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)
		return 0;
	if (got == 0)
		errbuf_set(msg, msglen, "render %s", proc_status_text(wstatus,
		    how, sizeof how));
	return -1;
}
