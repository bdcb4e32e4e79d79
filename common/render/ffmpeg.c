/*
 * ffmpeg.c: fork/exec of ffmpeg with two pipes read by poll(2): stdout for
 * the progress reports (key=value lines ending with "progress=..."), stderr
 * for errors, of which the last 1 KB is kept.  Between fork and exec the
 * child only calls async-signal-safe functions, so this works from a
 * multi-threaded daemon too.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
#include "proc.h"
#include "render/ffmpeg.h"

#define TAIL_MAX	1024	/* bytes of stderr kept for the message */
#define LINE_MAX_PROG	256	/* longest progress line we look at */

int
ffmpeg_find(const char *program, char *path, size_t pathlen, char *err,
    size_t errlen)
{
	const char *dirs, *p, *end;
	struct stat st;
	int n;

	if (strchr(program, '/') != NULL) {
		if (access(program, X_OK) == 0) {
			snprintf(path, pathlen, "%s", program);
			return 0;
		}
		return errbuf_set(err, errlen, "%s: %s", program,
		    strerror(errno));
	}
	if ((dirs = getenv("PATH")) == NULL)
		dirs = "/usr/local/bin:/usr/bin:/bin";
	for (p = dirs; ; p = end + 1) {
		if ((end = strchr(p, ':')) == NULL)
			end = p + strlen(p);
		if (end > p) {
			n = snprintf(path, pathlen, "%.*s/%s", (int)(end - p),
			    p, program);
			if (n > 0 && (size_t)n < pathlen &&
			    stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
			    access(path, X_OK) == 0)
				return 0;
		}
		if (*end == '\0')
			break;
	}
	return errbuf_set(err, errlen, "%s not found in PATH: install the "
	    "Debian package ffmpeg (apt-get install ffmpeg)", program);
}

/* In the child: never returns.  fds[0..2] become stdin, stdout, stderr. */
static void
child_exec(char *const argv[], int niceness, int out, int errfd, int report)
{
	ssize_t n;
	int devnull, e;

	if ((devnull = open("/dev/null", O_RDONLY)) == -1 ||
	    dup2(devnull, 0) == -1 || dup2(out, 1) == -1 ||
	    dup2(errfd, 2) == -1)
		goto fail;
	/* Nothing the parent holds open (sockets of a daemon) leaks in. */
	(void)close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
	errno = 0;
	if (setpriority(PRIO_PROCESS, 0, niceness) == -1 && errno != EACCES &&
	    errno != EPERM)
		goto fail;
	execv(argv[0], argv);
fail:
	e = errno;
	/* if even this fails, the parent still sees the exit */
	n = write(report, &e, sizeof e);
	(void)n;
	_exit(127);
}

/*
 * Start argv with stdout and stderr on pipes; *out and *errfd are the
 * read ends.  Returns the pid, or -1 with a message.
 */
static pid_t
spawn(char *const argv[], int niceness, int *out, int *errfd, char *err,
    size_t errlen)
{
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, pr[2] = { -1, -1 };
	int e = 0;
	ssize_t n;
	pid_t pid;

	if (pipe2(po, O_CLOEXEC) == -1 || pipe2(pe, O_CLOEXEC) == -1 ||
	    pipe2(pr, O_CLOEXEC) == -1) {
		errbuf_set(err, errlen, "pipe: %s", strerror(errno));
		goto fail;
	}
	if ((pid = fork()) == -1) {
		errbuf_set(err, errlen, "fork: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0)
		child_exec(argv, niceness, po[1], pe[1], pr[1]);
	close(po[1]);
	close(pe[1]);
	close(pr[1]);
	while ((n = read(pr[0], &e, sizeof e)) == -1 && errno == EINTR)
		;
	close(pr[0]);
	if (n == sizeof e) {
		while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
			;
		close(po[0]);
		close(pe[0]);
		return errbuf_set(err, errlen, "%s: %s", argv[0], strerror(e));
	}
	*out = po[0];
	*errfd = pe[0];
	return pid;
fail:
	e = errno;
	if (po[0] != -1) { close(po[0]); close(po[1]); }
	if (pe[0] != -1) { close(pe[0]); close(pe[1]); }
	if (pr[0] != -1) { close(pr[0]); close(pr[1]); }
	errno = e;
	return -1;
}

/* Wait for pid; returns its wait status, or -1. */
static int
reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	return status;
}

int
ffmpeg_has_encoder(const char *ffmpeg_path, const char *encoder, char *err,
    size_t errlen)
{
	char *argv[] = { (char *)ffmpeg_path, "-hide_banner", "-encoders",
	    NULL };
	char line[512], *p, *name;
	FILE *fp;
	pid_t pid;
	int out, errfd, status;
	bool found = false;

	if ((pid = spawn(argv, 0, &out, &errfd, err, errlen)) == -1)
		return -1;
	close(errfd);		/* "-encoders" writes nothing useful there */
	if ((fp = fdopen(out, "r")) == NULL) {
		close(out);
		reap(pid);
		return errbuf_set(err, errlen, "fdopen: %s", strerror(errno));
	}
	/* Lines look like " V....D libx264   libx264 H.264 / AVC ..." */
	while (fgets(line, sizeof line, fp) != NULL) {
		p = line + strspn(line, " ");
		p += strcspn(p, " ");
		name = p + strspn(p, " ");
		p = name + strcspn(name, " \n");
		if ((size_t)(p - name) == strlen(encoder) &&
		    strncmp(name, encoder, p - name) == 0)
			found = true;
	}
	fclose(fp);
	status = reap(pid);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return errbuf_set(err, errlen, "%s -encoders failed",
		    ffmpeg_path);
	return found;
}

/* Progress lines in buf[0..*len): report frames, keep any partial line. */
static void
progress_lines(char *buf, size_t *len, long *frame,
    ffmpeg_progress_fn *progress, void *arg)
{
	char *start = buf, *nl;
	size_t rest;

	while ((nl = memchr(start, '\n', *len - (start - buf))) != NULL) {
		*nl = '\0';
		if (strncmp(start, "frame=", 6) == 0)
			*frame = strtol(start + 6, NULL, 10);
		else if (strncmp(start, "progress=", 9) == 0 && progress)
			progress(arg, *frame);
		start = nl + 1;
	}
	rest = *len - (start - buf);
	if (rest == LINE_MAX_PROG)	/* absurd line: drop it */
		rest = 0;
	memmove(buf, start, rest);
	*len = rest;
}

/* The tail's last non-empty line, or how the process ended. */
static void
failure_message(char *tail, size_t len, int status, char *err, size_t errlen)
{
	char *line, *end, how[64];

	tail[len] = '\0';
	while (len > 0 && (tail[len - 1] == '\n' || tail[len - 1] == '\r' ||
	    tail[len - 1] == ' '))
		tail[--len] = '\0';
	line = (end = strrchr(tail, '\n')) != NULL ? end + 1 : tail;
	if (*line != '\0')
		errbuf_set(err, errlen, "ffmpeg: %s", line);
	else if (status != -1)
		errbuf_set(err, errlen, "ffmpeg %s", proc_status_text(status,
		    how, sizeof how));
	else
		errbuf_set(err, errlen, "ffmpeg: lost track of the process");
}

int
ffmpeg_run(char *const argv[], int niceness, ffmpeg_progress_fn *progress,
    void *arg, const volatile sig_atomic_t *stop, char *err, size_t errlen)
{
	struct pollfd pfd[2];
	char prog[LINE_MAX_PROG], tail[TAIL_MAX + 1], chunk[TAIL_MAX / 2];
	size_t plen = 0, tlen = 0, keep;
	long frame = 0;
	ssize_t n;
	pid_t pid;
	int status, open_fds = 2, i;
	bool stopped = false;

	if ((pid = spawn(argv, niceness, &pfd[0].fd, &pfd[1].fd, err,
	    errlen)) == -1)
		return -1;
	pfd[0].events = pfd[1].events = POLLIN;
	while (open_fds > 0) {
		if (stop != NULL && *stop && !stopped) {
			kill(pid, SIGTERM);
			stopped = true;
		}
		if (poll(pfd, 2, 1000) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < 2; i++) {
			if (pfd[i].fd == -1 || pfd[i].revents == 0)
				continue;
			if (i == 0)
				n = read(pfd[0].fd, prog + plen,
				    sizeof prog - plen);
			else
				n = read(pfd[1].fd, chunk, sizeof chunk);
			if (n == -1 && errno == EINTR)
				continue;
			if (n <= 0) {
				close(pfd[i].fd);
				pfd[i].fd = -1;
				open_fds--;
				continue;
			}
			if (i == 0) {
				plen += n;
				progress_lines(prog, &plen, &frame, progress,
				    arg);
				continue;
			}
			/* keep the last TAIL_MAX bytes (chunk < TAIL_MAX) */
			keep = tlen + (size_t)n > TAIL_MAX ?
			    TAIL_MAX - (size_t)n : tlen;
			memmove(tail, tail + tlen - keep, keep);
			memcpy(tail + keep, chunk, n);
			tlen = keep + n;
		}
	}
	for (i = 0; i < 2; i++)
		if (pfd[i].fd != -1)
			close(pfd[i].fd);
	status = reap(pid);
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	    !stopped)
		return 0;
	if (stopped)
		errbuf_set(err, errlen, "ffmpeg stopped on request");
	else
		failure_message(tail, tlen, status, err, errlen);
	return -1;
}
