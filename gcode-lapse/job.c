/*
 * job.c: open the input (spool a stream), read the slicer's settings,
 * choose the target, rewrite into it, commit.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errbuf.h"
#include "job.h"
#include "replace.h"
#include "verify.h"
#include "gcode/scan.h"
#include "settings/slicer.h"
#include "write/spool.h"
#include "write/target.h"

struct job {
	const char *in;
	const char *out;		/* the target's name */
	bool in_place;			/* out is the input */
	const struct profile *p;
	unsigned flags;
	struct rewrite_report *rep;
	const struct rewrite_hooks *hooks;

	int fd;				/* the input, or its spool */
	const char *stream;		/* "a FIFO"...: a stream input */
	off_t size;
	mode_t mode;			/* a new file's */
	struct target t;

	enum job_failure why;
	char *err;
	size_t errlen;
};

static int
fail(struct job *j, enum job_failure why)
{
	j->why = why;
	return -1;
}

/* A stream read to its end into a spool: j->fd. */
static int
spool_input(struct job *j, int from, const char *what)
{
	struct stat st;
	mode_t um;
	int r;

	if ((j->fd = spool_new(j->err, j->errlen)) == -1)
		return fail(j, JOB_SYSTEM);
	if ((r = spool_fill(j->fd, from, j->err, j->errlen)) != 0)
		return fail(j, r == 1 ? JOB_INPUT : JOB_SYSTEM);
	if (fstat(j->fd, &st) == -1) {
		errbuf_set(j->err, j->errlen, "%s", strerror(errno));
		return fail(j, JOB_SYSTEM);
	}
	j->stream = what;
	j->size = st.st_size;
	um = umask(0);
	umask(um);
	j->mode = 0666 & ~um;	/* a new file, as a shell would make it */
	return 0;
}

static int
open_input(struct job *j)
{
	struct stat st;
	int fd, r;

	j->fd = -1;
	if (strcmp(j->in, "-") == 0)
		return spool_input(j, STDIN_FILENO, "standard input");
	if ((fd = open(j->in, O_RDONLY | O_CLOEXEC)) == -1) {
		errbuf_set(j->err, j->errlen, "%s", strerror(errno));
		return fail(j, JOB_INPUT);
	}
	if (fstat(fd, &st) == -1) {
		errbuf_set(j->err, j->errlen, "%s", strerror(errno));
		close(fd);
		return fail(j, JOB_SYSTEM);
	}
	if (S_ISREG(st.st_mode)) {
		j->fd = fd;
		j->size = st.st_size;
		j->mode = st.st_mode;
		return 0;
	}
	if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
		r = spool_input(j, fd, S_ISFIFO(st.st_mode) ? "a FIFO" :
		    "a device");
		close(fd);
		return r;
	}
	close(fd);
	errbuf_set(j->err, j->errlen, "not a regular file");
	return fail(j, JOB_INPUT);
}

/*
 * A file that is no G-code at all (UTF-16 text, binary G-code, an image):
 * said before the settings, which a byte-wise reader cannot find in it,
 * are missed (scan.h says what it is).
 */
static int
not_gcode(struct job *j)
{
	char b[64];
	ssize_t n = pread(j->fd, b, sizeof b, 0);
	const char *what;

	if (n <= 0 || (what = scan_not_gcode(b, (size_t)n)) == NULL)
		return 0;
	errbuf_set(j->err, j->errlen, "line 1: %s", what);
	return fail(j, JOB_INPUT);
}

/* The target's warnings: named when the target is not the input. */
static void
target_warn(void *ctx, const char *msg)
{
	struct job *j = ctx;
	char full[600];

	if (j->hooks == NULL || j->hooks->warn == NULL)
		return;
	if (j->in_place) {
		j->hooks->warn(j->hooks->ctx, msg);
		return;
	}
	snprintf(full, sizeof full, "%s: %s", j->out, msg);
	j->hooks->warn(j->hooks->ctx, full);
}

/* NAME.test.gcode beside in: "x.gcode", "x.GCO" and "x" give "x.test.gcode". */
static int
dry_run_name(struct job *j)
{
	static const char *const ext[] = { ".gcode", ".gco", ".g" };
	size_t n = strlen(j->in);
	const char *slash = strrchr(j->in, '/');
	const char *base = slash != NULL ? slash + 1 : j->in;

	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		size_t k = strlen(ext[i]);

		if (strlen(base) > k &&
		    strcasecmp(j->in + n - k, ext[i]) == 0) {
			n -= k;
			break;
		}
	}
	if (snprintf(j->rep->dry_run, sizeof j->rep->dry_run,
	    "%.*s.test.gcode", (int)n, j->in) >= (int)sizeof j->rep->dry_run) {
		errbuf_set(j->err, j->errlen, "name too long");
		return fail(j, JOB_INPUT);
	}
	j->out = j->rep->dry_run;
	return 0;
}

/* A dry run never replaces its input: is out the input's file? */
static int
not_the_input(struct job *j)
{
	struct stat in, out;

	if (strcmp(j->out, "-") == 0 || stat(j->out, &out) == -1 ||
	    fstat(j->fd, &in) == -1 || in.st_dev != out.st_dev ||
	    in.st_ino != out.st_ino || j->stream != NULL)
		return 0;
	errbuf_set(j->err, j->errlen, "%s: --test-mode never replaces its "
	    "input (a dry run does not print): give another -o", j->out);
	return fail(j, JOB_TARGET);
}

/* Where the rewrite goes: j->out, j->in_place. */
static int
choose_target(struct job *j, const char *out)
{
	if (out != NULL) {
		j->out = out;
	} else if (strcmp(j->in, "-") == 0) {
		j->out = "-";		/* a filter */
	} else if (j->stream != NULL) {
		errbuf_set(j->err, j->errlen, "%s cannot be rewritten in "
		    "place: give -o FILE (or -o - for standard output)",
		    j->stream);
		return fail(j, JOB_INPUT);
	} else if (j->p->test_mode) {
		if (dry_run_name(j) == -1)
			return -1;
	} else {
		j->out = j->in;
		j->in_place = true;
	}
	return j->p->test_mode ? not_the_input(j) : 0;
}

static int
open_target(struct job *j)
{
	char msg[1024];

	if (target_open(&j->t, j->out, j->mode, (j->flags & JOB_FORCE) != 0,
	    target_warn, j, msg, sizeof msg) == -1) {
		if (j->in_place)
			errbuf_set(j->err, j->errlen, "%s", msg);
		else
			errbuf_set(j->err, j->errlen, "%s: %s", j->out, msg);
		return fail(j, j->t.refused ? JOB_TARGET : JOB_SYSTEM);
	}
	if (j->flags & JOB_FAULT_STALL)
		for (;;)
			pause();	/* until a signal ends the process */
	return 0;
}

/* GCODE_LAPSE_FAULT=proof: a line the input does not have, at the end. */
static void
damage(struct job *j)
{
	static const char line[] = "G1 X0 E5\n";
	int fd = target_fd(&j->t);

	if (lseek(fd, 0, SEEK_END) != -1)
		(void)replace_write_all(fd, line, sizeof line - 1);
}

/* Does the rewrite print like its input?  The verifier, on both. */
static int
prove(struct job *j)
{
	struct verify_result *res;
	char msg[512];
	int fd = target_fd(&j->t), r = 0;

	if (j->flags & JOB_FAULT_PROOF)
		damage(j);
	if ((res = malloc(sizeof *res)) == NULL) {
		errbuf_set(j->err, j->errlen, "out of memory");
		return fail(j, JOB_SYSTEM);
	}
	if (lseek(j->fd, 0, SEEK_SET) == -1 || lseek(fd, 0, SEEK_SET) == -1) {
		r = errbuf_set(j->err, j->errlen, "%s", strerror(errno));
		j->why = JOB_SYSTEM;
	} else if (verify_fds(j->fd, fd, j->p, res, msg, sizeof msg) == -1) {
		r = errbuf_set(j->err, j->errlen, "the rewrite could not be "
		    "proven, so nothing was written: %s", msg);
		j->why = strcmp(msg, "out of memory") == 0 ||
		    strncmp(msg, "read error", 10) == 0 ? JOB_SYSTEM :
		    JOB_UNPROVEN;
	} else if (res->problems > 0) {
		r = errbuf_set(j->err, j->errlen, "the rewrite does not print "
		    "like the input, so nothing was written (a bug of "
		    "gcode-lapse's: please report it)\n  %s%s%s%s",
		    res->first[0], res->problems > 1 ? "\n  " : "",
		    res->problems > 1 ? res->first[1] : "",
		    res->problems > 2 ? "\n  ..." : "");
		j->why = JOB_UNPROVEN;
	}
	free(res);
	return r;
}

/* The bytes into the target, proven, then in place. */
static int
write_target(struct job *j, const struct slicer_settings *s)
{
	if (s->already_processed) {
		/* a copy: nothing to prove */
		if (replace_copy(j->fd, target_fd(&j->t)) == -1) {
			errbuf_set(j->err, j->errlen, "%s: %s", j->out,
			    strerror(errno));
			return fail(j, JOB_SYSTEM);
		}
	} else if (rewrite_fd(j->fd, target_fd(&j->t), j->p, s, j->rep,
	    j->hooks, j->err, j->errlen) == -1) {
		return fail(j, j->rep->system_error ? JOB_SYSTEM : JOB_INPUT);
	} else if (prove(j) == -1) {
		return -1;
	}
	if (target_commit(&j->t, j->err, j->errlen) == -1)
		return fail(j, JOB_SYSTEM);
	return 0;
}

/*
 * The input open in j->fd, its settings read into s.  Messages about the
 * input do not name it: the caller does.
 */
static int
open_and_scan(struct job *j, struct slicer_settings *s)
{
	if (open_input(j) == -1)
		return -1;
	j->rep->bytes_in = (unsigned long long)j->size;
	slicer_init(s);
	if (j->size == 0) {
		errbuf_set(j->err, j->errlen, "empty file: no G-code in it");
		return fail(j, JOB_INPUT);
	}
	if (not_gcode(j) == -1)
		return -1;
	if (slicer_scan(s, j->fd) == -1) {
		errbuf_set(j->err, j->errlen, "%s", strerror(errno));
		return fail(j, JOB_SYSTEM);
	}
	j->rep->already_processed = s->already_processed;
	return 0;
}

int
job_open(const char *in, struct slicer_settings *s, mode_t *mode,
    struct rewrite_report *rep, enum job_failure *why, char *err,
    size_t errlen)
{
	struct job j = { .in = in, .rep = rep, .err = err, .errlen = errlen };

	if (open_and_scan(&j, s) == -1) {
		if (j.fd != -1)
			close(j.fd);
		if (why != NULL)
			*why = j.why;
		return -1;
	}
	*mode = j.mode;
	return j.fd;
}

int
job_rewrite(const char *in, const char *out, const struct profile *p,
    unsigned flags, struct rewrite_report *rep,
    const struct rewrite_hooks *hooks, enum job_failure *why, char *err,
    size_t errlen)
{
	struct job j = { .in = in, .p = p, .flags = flags, .rep = rep,
	    .hooks = hooks, .err = err, .errlen = errlen };
	struct slicer_settings s;
	int r = -1;

	if (open_and_scan(&j, &s) == -1)
		goto out;
	if (s.already_processed && p->test_mode) {
		/* a copy of it would heat and extrude: no dry run */
		errbuf_set(err, errlen, "already processed: --test-mode makes "
		    "its dry run from the slicer's file, before the rewrite");
		fail(&j, JOB_INPUT);
		goto out;
	}
	if (choose_target(&j, out) == -1)
		goto out;
	if (s.already_processed && j.in_place) {
		r = 0;
		goto out;
	}
	if (open_target(&j) == -1)
		goto out;
	if ((r = write_target(&j, &s)) == -1)
		target_abort(&j.t);
out:
	if (j.fd != -1)
		close(j.fd);
	*why = r == 0 ? JOB_OK : j.why;
	return r;
}
