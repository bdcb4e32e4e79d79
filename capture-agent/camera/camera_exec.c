/*
 * camera_exec.c: an external command takes the picture (Octolapse's
 * script camera).  Run without a shell: `command` is the program, `args`
 * its arguments split on blanks (quotes group words), with {placeholders}
 * replaced; without `args` the arguments are Octolapse's seven.  The same
 * facts go in the environment.  The command writes the JPEG to the path it
 * is given (a scratch name); its exit status, its output (the last line is
 * quoted in errors) and the timeout are honoured, and what it wrote must be
 * a whole JPEG before it becomes a frame.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

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

#define EXEC_MAX_ARGS 32
#define EXEC_ARG_MAX 256
#define EXEC_MAX_BYTES (256L * 1024 * 1024)

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

	if ((fd = open("/dev/null", O_RDONLY)) != -1) {
		dup2(fd, 0);
		close(fd);
	}
	dup2(out, 1);
	dup2(out, 2);
	if (out > 2)
		close(out);
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

/* Wait for pid until deadline, keeping the tail of its output. */
static int
run_wait(pid_t pid, int fd, long long deadline, char *tail, size_t taillen,
    int *status)
{
	struct pollfd pfd;
	char buf[512];
	size_t used = 0, keep;
	ssize_t n;
	bool open_fd = true;
	long long now;

	tail[0] = '\0';
	for (;;) {
		if (waitpid(pid, status, WNOHANG) == pid)
			break;
		if ((now = clock_ms()) >= deadline)
			return -1;
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (!open_fd || poll(&pfd, 1, 20) <= 0) {
			if (!open_fd)
				clock_sleep_ms(5);
			continue;
		}
		if ((n = read(fd, buf, sizeof buf)) <= 0) {
			open_fd = n == -1 && errno == EINTR;
			continue;
		}
		/* Keep the last taillen - 1 bytes. */
		if ((size_t)n >= taillen - 1) {
			memcpy(tail, buf + n - (taillen - 1), taillen - 1);
			used = taillen - 1;
		} else {
			keep = used + (size_t)n > taillen - 1 ?
			    taillen - 1 - (size_t)n : used;
			memmove(tail, tail + used - keep, keep);
			memcpy(tail + keep, buf, (size_t)n);
			used = keep + (size_t)n;
		}
		tail[used] = '\0';
	}
	/* Drain what is left without waiting for grandchildren. */
	while (open_fd && used < taillen - 1 &&
	    (n = read(fd, tail + used, taillen - 1 - used)) > 0)
		used += (size_t)n;
	tail[used] = '\0';
	return 0;
}

static int
read_file(const char *path, struct camera_frame *f, char *err, size_t errlen)
{
	struct stat st;
	size_t off = 0;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1 || st.st_size == 0) {
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

static int
exec_shoot(void *dev, const struct camera_shot *shot, struct camera_frame *f,
    char *err, size_t errlen)
{
	const struct exec_conf *x = dev;
	char words[EXEC_MAX_ARGS][EXEC_ARG_MAX];
	char expanded[EXEC_MAX_ARGS][CAMERA_PATH_MAX + 64];
	char *argv[EXEC_MAX_ARGS + 1], tail[200], how[64], *slash;
	struct exec_vars v;
	pid_t pid;
	int pipefd[2], n, i, status = 0, rc;

	memset(&v, 0, sizeof v);
	snprintf(v.frame, sizeof v.frame, "%u", shot->frame);
	snprintf(v.delay_s, sizeof v.delay_s, "0");
	snprintf(v.data_dir, sizeof v.data_dir, "%s", shot->dir);
	snprintf(v.final_path, sizeof v.final_path, "%s", shot->path);
	snprintf(v.snapshot_dir, sizeof v.snapshot_dir, "%s", shot->path);
	if ((slash = strrchr(v.snapshot_dir, '/')) != NULL)
		*slash = '\0';
	snprintf(v.path, sizeof v.path, "%s", shot->tmp);
	snprintf(v.file_name, sizeof v.file_name, "%s",
	    (slash = strrchr(shot->tmp, '/')) != NULL ? slash + 1 : shot->tmp);
	snprintf(v.camera, sizeof v.camera, "%s", x->c->name);
	unlink(shot->tmp);

	n = split_words(x->args[0] != '\0' ? x->args : octolapse_args, words,
	    EXEC_MAX_ARGS - 2, err, errlen);
	if (n < 0)
		return -1;
	argv[0] = (char *)(uintptr_t)x->command;
	for (i = 0; i < n; i++) {
		if (expand(words[i], &v, expanded[i], sizeof expanded[i])
		    != 0)
			return errbuf_set(err, errlen, "argument %d too long", i
			    + 1);
		argv[i + 1] = expanded[i];
	}
	argv[n + 1] = NULL;

	if (pipe(pipefd) == -1)
		return errbuf_set(err, errlen, "pipe: %s", strerror(errno));
	if ((pid = fork()) == -1) {
		errbuf_set(err, errlen, "fork: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0) {
		close(pipefd[0]);
		exec_child(x, &v, argv, pipefd[1]);
	}
	close(pipefd[1]);
	fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
	rc = run_wait(pid, pipefd[0], clock_ms() + shot->timeout_ms - 100,
	    tail, sizeof tail, &status);
	close(pipefd[0]);
	if (rc != 0) {
		/*
		 * Too late: end the command and whatever it started (they
		 * share this worker's process group; the worker ignores the
		 * signal for the moment).
		 */
		signal(SIGTERM, SIG_IGN);
		kill(0, SIGTERM);
		signal(SIGTERM, SIG_DFL);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return errbuf_set(err, errlen, "%s: no result within %ld ms, "
		    "killed", x->command, shot->timeout_ms - 100);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		/* "exit status N", as capture-agent.conf(5) says it */
		if (WIFEXITED(status))
			snprintf(how, sizeof how, "exit status %d",
			    WEXITSTATUS(status));
		else
			proc_status_text(status, how, sizeof how);
		return errbuf_set(err, errlen, "%s: %s%s%s", x->command, how,
		    tail[0] ? ": " : "", last_line(tail, strlen(tail)));
	}
	if ((rc = read_file(shot->tmp, f, err, errlen)) == -1) {
		errbuf_set(err, errlen, "%s: exit status 0 but nothing "
		    "written to %s", x->command, shot->tmp);
		return -1;
	}
	if (rc != 0)
		return -1;
	if (shot->exposed != NULL)
		shot->exposed(shot->exposed_arg);
	return 0;
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
