/*
 * camera_exec.c: an external command takes the picture (Octolapse's
 * script camera).  Run without a shell: `command` is the program, `args`
 * its arguments split on blanks (quotes group words), with {placeholders}
 * replaced; without `args` the arguments are Octolapse's seven.  The same
 * facts go in the environment.  The command writes the JPEG to the path it
 * is given, in a scratch folder made new (mkdtemp, 0700) beside the frame
 * for this one shot, so that nothing planted in a captures folder others
 * may write can redirect it; the result is read without following a link.
 * Its exit status, its output (the last line is quoted in errors) and the
 * timeout are honoured, and what it wrote must be a whole JPEG before it
 * becomes a frame.
 *
 * The command runs in a process group of its own and inherits no
 * descriptor but 0, 1 and 2 (close_range on exec: not the agent's socket
 * to the printer, not a camera's).  The worker reads its output until the
 * command itself has exited, never until the pipe's end: a background
 * child that keeps stdout open costs nothing.  Then, or at the deadline,
 * the whole group is ended: SIGTERM, and SIGKILL for what is left after
 * EXEC_GRACE_MS.  The worker is the subreaper of what the command starts,
 * so it reaps them, and knows when the group is gone.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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
#include "camera/camera_type.h"
#include "camera/camera_worker.h"

#define EXEC_MAX_ARGS 32
#define EXEC_ARG_MAX 256
#define EXEC_MAX_BYTES (256L * 1024 * 1024)
/*
 * The command has the timeout less EXEC_MARGIN_MS, then SIGTERM; SIGKILL
 * EXEC_GRACE_MS later: done 50 ms past the timeout at worst, well within
 * the 200 ms the agent gives a worker past its deadline (camera_pool.c).
 */
#define EXEC_GRACE_MS 150
#define EXEC_MARGIN_MS 100

static const char octolapse_args[] = "{frame} {delay_s} {data_dir} "
    "{snapshot_dir} {file_name} {path} {camera}";

struct exec_conf {
	char command[1024];
	char args[1024];	/* empty: Octolapse's order */
	const struct camera_common *c;
};

static void *
exec_conf_new(void)
{
	return calloc(1, sizeof(struct exec_conf));
}

/*
 * Split s into words (blanks separate, "..." and '...' group); fills up to
 * max words of EXEC_ARG_MAX bytes.  Returns the count or -1.
 */
static int
split_words(const char *s, char words[][EXEC_ARG_MAX], int max, char *err,
    size_t errlen)
{
	int n = 0;
	size_t len;
	char q;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			return n;
		if (n == max)
			return errbuf_set(err, errlen, "args: more than %d "
			    "words", max);
		len = 0;
		q = 0;
		while (*s != '\0' && (q != 0 || (*s != ' ' && *s != '\t'))) {
			if (q == 0 && (*s == '"' || *s == '\'')) {
				q = *s++;
				continue;
			}
			if (q != 0 && *s == q) {
				q = 0;
				s++;
				continue;
			}
			if (len + 1 >= EXEC_ARG_MAX)
				return errbuf_set(err, errlen, "args: a word "
				    "is longer than %d bytes", EXEC_ARG_MAX -
				    1);
			words[n][len++] = *s++;
		}
		if (q != 0)
			return errbuf_set(err, errlen, "args: unbalanced quote "
			    "%c", q);
		words[n++][len] = '\0';
	}
}

static const char *const placeholders[] = {
	"{frame}", "{delay_s}", "{data_dir}", "{snapshot_dir}",
	"{file_name}", "{path}", "{camera}", "{final_path}", NULL,
};

static int
check_placeholders(const char *word, char *err, size_t errlen)
{
	const char *p = word, *end;
	size_t i;

	while ((p = strchr(p, '{')) != NULL) {
		if ((end = strchr(p, '}')) == NULL)
			break;
		for (i = 0; placeholders[i] != NULL; i++)
			if (strncmp(p, placeholders[i], (size_t)(end - p + 1))
			    == 0 && strlen(placeholders[i]) ==
			    (size_t)(end - p + 1))
				break;
		if (placeholders[i] == NULL)
			return errbuf_set(err, errlen, "args: unknown "
			    "placeholder %.*s ({frame}, {delay_s}, {data_dir}, "
			    "{snapshot_dir}, {file_name}, {path}, {camera}, "
			    "{final_path})", (int)(end - p + 1), p);
		p = end + 1;
	}
	return 0;
}

static int
exec_set(void *conf, const char *key, const char *value, char *err,
    size_t errlen)
{
	struct exec_conf *x = conf;
	char words[EXEC_MAX_ARGS][EXEC_ARG_MAX];
	int i, n;

	if (strcmp(key, "command") == 0) {
		if (strchr(value, ' ') != NULL && access(value, X_OK) != 0)
			return errbuf_set(err, errlen, "command: '%s' has "
			    "blanks: the program goes in command, its "
			    "arguments in args (no shell is used)", value);
		return camera_type_string(key, value, x->command,
		    sizeof x->command, err, errlen);
	}
	if (strcmp(key, "args") == 0) {
		if ((n = split_words(value, words, EXEC_MAX_ARGS - 2, err,
		    errlen)) == -1)
			return -1;
		for (i = 0; i < n; i++)
			if (check_placeholders(words[i], err, errlen) == -1)
				return -1;
		return camera_type_string(key, value, x->args, sizeof x->args,
		    err, errlen);
	}
	return 1;
}

static int
exec_check(void *conf, const struct camera_common *c, char *err,
    size_t errlen)
{
	struct exec_conf *x = conf;

	if (x->command[0] == '\0')
		return errbuf_set(err, errlen, "exec camera without command");
	if (strchr(x->command, '/') != NULL && access(x->command, X_OK) != 0)
		return errbuf_set(err, errlen, "command %s: %s", x->command,
		    strerror(errno));
	x->c = c;
	return 0;
}

struct exec_vars {
	char frame[16], delay_s[16], data_dir[CAMERA_PATH_MAX],
	    snapshot_dir[CAMERA_PATH_MAX], file_name[256],
	    path[CAMERA_PATH_MAX + 8], camera[CAMERA_NAME_MAX],
	    final_path[CAMERA_PATH_MAX];
};

static const char *
var_value(const struct exec_vars *v, size_t i)
{
	const char *vals[] = { v->frame, v->delay_s, v->data_dir,
	    v->snapshot_dir, v->file_name, v->path, v->camera, v->final_path };

	return vals[i];
}

/* word with placeholders replaced, into out; -1 if too long. */
static int
expand(const char *word, const struct exec_vars *v, char *out, size_t outlen)
{
	size_t o = 0, i, plen, vlen;
	const char *val;

	while (*word != '\0') {
		for (i = 0; placeholders[i] != NULL; i++) {
			plen = strlen(placeholders[i]);
			if (strncmp(word, placeholders[i], plen) == 0)
				break;
		}
		if (placeholders[i] != NULL) {
			val = var_value(v, i);
			vlen = strlen(val);
			if (o + vlen >= outlen)
				return -1;
			memcpy(out + o, val, vlen);
			o += vlen;
			word += plen;
		} else {
			if (o + 1 >= outlen)
				return -1;
			out[o++] = *word++;
		}
	}
	out[o] = '\0';
	return 0;
}

static void __attribute__((noreturn))
exec_child(const struct exec_conf *x, const struct exec_vars *v,
    char *const argv[], int out)
{
	int fd;

	setpgid(0, 0);
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
	if ((fd = open("/dev/null", O_RDONLY)) != -1) {
		dup2(fd, 0);
		close(fd);
	}
	dup2(out, 1);
	dup2(out, 2);
	if (out > 2)
		close(out);
	/* Nothing the agent or the worker holds open leaks in. */
	(void)close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
	setenv("GL_FRAME", v->frame, 1);
	setenv("GL_FRAME_PATH", v->path, 1);
	setenv("GL_FINAL_PATH", v->final_path, 1);
	setenv("GL_SEQUENCE_DIR", v->data_dir, 1);
	setenv("GL_SNAPSHOT_DIR", v->snapshot_dir, 1);
	setenv("GL_FILE_NAME", v->file_name, 1);
	setenv("GL_CAMERA", v->camera, 1);
	signal(SIGPIPE, SIG_DFL);
	execvp(x->command, argv);
	dprintf(1, "cannot run %s: %s\n", x->command, strerror(errno));
	_exit(127);
}

/* The last non-empty line of out, for an error message. */
static const char *
last_line(char *out, size_t len)
{
	char *p;

	while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	out[len] = '\0';
	p = strrchr(out, '\n');
	return p != NULL ? p + 1 : out;
}

/* Keep the last taillen - 1 bytes of the output in tail. */
static void
keep_tail(char *tail, size_t taillen, size_t *used, const char *buf,
    size_t n)
{
	size_t keep;

	if (n >= taillen - 1) {
		memcpy(tail, buf + n - (taillen - 1), taillen - 1);
		*used = taillen - 1;
	} else {
		keep = *used + n > taillen - 1 ? taillen - 1 - n : *used;
		memmove(tail, tail + *used - keep, keep);
		memcpy(tail + keep, buf, n);
		*used = keep + n;
	}
	tail[*used] = '\0';
}

/*
 * Wait for pid until deadline, keeping the tail of its output from fd (non
 * blocking).  0 with *status when pid exited, -1 at the deadline.  What is
 * in the pipe when it exits is read; a child that holds the pipe open is
 * not waited for.
 */
static int
run_wait(pid_t pid, int fd, long long deadline, char *tail, size_t taillen,
    int *status)
{
	struct pollfd pfd;
	char buf[512];
	size_t used = 0;
	ssize_t n;
	bool open_fd = true, exited = false;

	tail[0] = '\0';
	while (!exited) {
		if (waitpid(pid, status, WNOHANG) == pid)
			exited = true;	/* one last read below */
		else if (clock_ms() >= deadline)
			return -1;
		else if (!open_fd) {
			clock_sleep_ms(5);
			continue;
		} else {
			pfd.fd = fd;
			pfd.events = POLLIN;
			if (poll(&pfd, 1, 20) <= 0)
				continue;
		}
		while (open_fd && (n = read(fd, buf, sizeof buf)) != 0) {
			if (n == -1) {
				open_fd = errno == EINTR || errno == EAGAIN;
				if (errno != EINTR)
					break;
				continue;
			}
			keep_tail(tail, taillen, &used, buf, (size_t)n);
		}
		if (n == 0)
			open_fd = false;
	}
	return 0;
}

/* Whether anything of process group pgid is left; reaps what ended. */
static bool
group_alive(pid_t pgid)
{
	while (waitpid(-pgid, NULL, WNOHANG) > 0)
		continue;
	return kill(-pgid, 0) == 0;
}

/* End the command's group: SIGTERM, then SIGKILL after grace_ms. */
static void
end_group(pid_t pgid, long grace_ms)
{
	long long until;

	if (!group_alive(pgid))
		return;
	kill(-pgid, SIGTERM);
	until = clock_ms() + grace_ms;
	while (group_alive(pgid)) {
		if (clock_ms() >= until) {
			kill(-pgid, SIGKILL);
			until = clock_ms() + 100;	/* to reap them */
			while (group_alive(pgid) && clock_ms() < until)
				clock_sleep_ms(2);
			return;
		}
		clock_sleep_ms(2);
	}
}

/* Remove the scratch folder of a shot and what the command left in it. */
static void
scratch_remove(const char *dir)
{
	struct dirent *e;
	char path[CAMERA_PATH_MAX + 300];
	DIR *d;

	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 &&
			    strcmp(e->d_name, "..") != 0 &&
			    snprintf(path, sizeof path, "%s/%s", dir,
			    e->d_name) < (int)sizeof path)
				(void)unlink(path);
		closedir(d);
	}
	(void)rmdir(dir);
}

static int
read_file(const char *path, struct camera_frame *f, char *err, size_t errlen)
{
	struct stat st;
	size_t off = 0;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || st.st_size == 0) {
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (st.st_size > EXEC_MAX_BYTES ||
	    (f->data = malloc((size_t)st.st_size)) == NULL) {
		close(fd);
		errbuf_set(err, errlen, "%s: %lld bytes, too large", path,
		    (long long)st.st_size);
		return -2;
	}
	while (off < (size_t)st.st_size &&
	    (n = read(fd, f->data + off, (size_t)st.st_size - off)) > 0)
		off += (size_t)n;
	close(fd);
	f->len = off;
	f->data_tj = false;
	return 0;
}

/*
 * Run argv (the command with the scratch path in v) until it exits or the
 * deadline; its group is ended either way.  0 with its status and output's
 * tail, -1 with err when it was too late (or could not start).
 */
static int
exec_run(const struct exec_conf *x, const struct exec_vars *v,
    char *const argv[], long timeout_ms, char *tail, size_t taillen,
    int *status, char *err, size_t errlen)
{
	long grace = EXEC_GRACE_MS;
	long budget = timeout_ms - EXEC_MARGIN_MS;
	pid_t pid;
	int pipefd[2], rc;

	if (pipe2(pipefd, O_CLOEXEC) == -1)
		return errbuf_set(err, errlen, "pipe: %s", strerror(errno));
	if ((pid = fork()) == -1) {
		errbuf_set(err, errlen, "fork: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0)
		exec_child(x, v, argv, pipefd[1]);
	setpgid(pid, pid);	/* also done by the child: no race */
	camera_worker_group(pid);
	close(pipefd[1]);
	(void)fcntl(pipefd[0], F_SETFL, O_NONBLOCK);
	rc = run_wait(pid, pipefd[0], clock_ms() + (budget > 0 ? budget : 0),
	    tail, taillen, status);
	close(pipefd[0]);
	end_group(pid, grace);
	camera_worker_group(0);
	if (rc == -1) {
		while (waitpid(pid, status, WNOHANG) == -1 && errno == EINTR)
			continue;
		return errbuf_set(err, errlen, "%s: no result within %ld ms, "
		    "killed", x->command, budget);
	}
	return 0;
}

static int
exec_shoot(void *dev, const struct camera_shot *shot, struct camera_frame *f,
    char *err, size_t errlen)
{
	const struct exec_conf *x = dev;
	char words[EXEC_MAX_ARGS][EXEC_ARG_MAX];
	char expanded[EXEC_MAX_ARGS][CAMERA_PATH_MAX + 64];
	char *argv[EXEC_MAX_ARGS + 1], tail[200], how[64], *slash;
	char scratch[CAMERA_PATH_MAX];
	const char *base;
	struct exec_vars v;
	int n, i, status = 0, rc;

	memset(&v, 0, sizeof v);
	base = (slash = strrchr(shot->path, '/')) != NULL ? slash + 1 :
	    shot->path;
	if (snprintf(scratch, sizeof scratch, "%.*s/.%s.gl-XXXXXX",
	    slash != NULL ? (int)(slash - shot->path) : 1,
	    slash != NULL ? shot->path : ".", base) >= (int)sizeof scratch)
		return errbuf_set(err, errlen, "path too long");
	if (mkdtemp(scratch) == NULL)
		return errbuf_set(err, errlen, "%s: %s", scratch,
		    strerror(errno));
	snprintf(v.frame, sizeof v.frame, "%u", shot->frame);
	snprintf(v.delay_s, sizeof v.delay_s, "0");
	snprintf(v.data_dir, sizeof v.data_dir, "%s", shot->dir);
	snprintf(v.final_path, sizeof v.final_path, "%s", shot->path);
	snprintf(v.snapshot_dir, sizeof v.snapshot_dir, "%s", scratch);
	snprintf(v.file_name, sizeof v.file_name, "%s", base);
	snprintf(v.path, sizeof v.path, "%s/%s", scratch, base);
	snprintf(v.camera, sizeof v.camera, "%s", x->c->name);

	rc = -1;
	n = split_words(x->args[0] != '\0' ? x->args : octolapse_args, words,
	    EXEC_MAX_ARGS - 2, err, errlen);
	if (n < 0)
		goto out;
	argv[0] = (char *)(uintptr_t)x->command;
	for (i = 0; i < n; i++) {
		if (expand(words[i], &v, expanded[i], sizeof expanded[i])
		    != 0) {
			errbuf_set(err, errlen, "argument %d too long", i + 1);
			goto out;
		}
		argv[i + 1] = expanded[i];
	}
	argv[n + 1] = NULL;
	if (exec_run(x, &v, argv, shot->timeout_ms, tail, sizeof tail, &status,
	    err, errlen) == -1)
		goto out;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		/* "exit status N", as capture-agent.conf(5) says it */
		if (WIFEXITED(status))
			snprintf(how, sizeof how, "exit status %d",
			    WEXITSTATUS(status));
		else
			proc_status_text(status, how, sizeof how);
		errbuf_set(err, errlen, "%s: %s%s%s", x->command, how,
		    tail[0] ? ": " : "", last_line(tail, strlen(tail)));
		goto out;
	}
	if ((rc = read_file(v.path, f, err, errlen)) == -1)
		errbuf_set(err, errlen, "%s: exit status 0 but nothing "
		    "written to %s", x->command, v.path);
	if (rc != 0) {
		rc = -1;
		goto out;
	}
	if (shot->exposed != NULL)
		shot->exposed(shot->exposed_arg);
out:
	scratch_remove(scratch);
	return rc;
}

const struct camera_type camera_type_exec = {
	.name = "exec",
	.conf_new = exec_conf_new,
	.conf_free = free,
	.set = exec_set,
	.check = exec_check,
	.open = camera_type_open_config,
	.shoot = exec_shoot,
	.close = camera_type_close_nothing,
	.default_timeout_ms = 10000,
	.keys = "command, args",
};
