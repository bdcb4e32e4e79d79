/*
 * test_render_cli.c: "capture-agent render" through render_command(), and
 * the background render_child_start()/render_child_reaped() pair.
 *
 * With arguments it is a driver instead: "test_render_cli render SEQ ..."
 * runs render_command() like capture-agent would, so the end-to-end
 * scripts can test the command before main.c dispatches to it.
 * Renders need ffmpeg; without it they are reported as skipped.
 */
#include <sys/wait.h>

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test_render_frames.h"
#include "t.h"
#include "render/ffmpeg.h"
#include "render/render_child.h"
#include "render/render_cmd.h"

static int
run(int argc, char **argv)
{
	fflush(stdout);
	return render_command(argc, argv);
}

#define RUN(...) run(sizeof((char *[]){ __VA_ARGS__ }) / sizeof(char *), \
	(char *[]){ __VA_ARGS__, NULL })

static void
test_usage(char *seq)
{
	T_EQ_INT(RUN("render"), 2, "no SEQUENCE_DIR: usage error");
	T_EQ_INT(RUN("render", seq, "--bogus", "1"), 2, "unknown option: 2");
	T_EQ_INT(RUN("render", seq, "--fps"), 2, "option without value: 2");
	T_EQ_INT(RUN("render", seq, "--fps", "0"), 2, "bad value: 2");
	T_EQ_INT(RUN("render", seq, "--fps=10", "--length-s=20"), 2,
	    "fps with length_s: 2");
	T_EQ_INT(RUN("render", seq, "--auto", "yes"), 2,
	    "auto is not a command-line option");
	T_EQ_INT(RUN("render", seq, seq), 2, "two sequences: 2");
	T_EQ_INT(RUN("render", seq, "-o", "x.gif", "--codec", "h264"), 2,
	    "h264 in a .gif: 2");
	T_EQ_INT(RUN("render", seq, "--contact-sheet", "--columns", "99"), 2,
	    "99 columns: 2");
	T_EQ_INT(RUN("render", "--help"), 0, "--help: 0");
	T_EQ_INT(RUN("capture-agent", "render", "--help"), 0,
	    "whole argv accepted");
	T_EQ_INT(RUN("render", "/nonexistent/seq", "--contact-sheet"), 1,
	    "missing sequence: 1");
}

static void
test_no_ffmpeg(char *top, char *seq)
{
	char *path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
	char out[600];

	snprintf(out, sizeof(out), "%s/none.mp4", top);
	setenv("PATH", top, 1);		/* no ffmpeg in there */
	T_EQ_INT(RUN("render", seq, "-o", out), 1, "no ffmpeg: status 1");
	T_OK(!tf_exists(out), "no ffmpeg: no file");
	if (path != NULL)
		setenv("PATH", path, 1);
	else
		unsetenv("PATH");
	free(path);
}

static void
test_render(char *top, char *seq)
{
	char out[600], bad[600], pattern[600], jpg[700];
	int i;

	snprintf(out, sizeof(out), "%s/v.mp4", top);
	T_EQ_INT(RUN("render", "-q", seq, "-o", out, "--fps", "5",
	    "--preroll-s", "1", "--hwaccel", "none"), 0, "mp4 rendered");
	T_OK(tf_exists(out), "video written");
	T_EQ_INT(tf_count_names(top, ".part"), 0, "no .part left");
	T_EQ_INT(tf_count_names(top, ".gl-"), 0,
	    "no temporary file of replace.h left");

	snprintf(out, sizeof(out), "%s/v.gif", top);
	T_EQ_INT(RUN("render", "-q", seq, "-o", out, "--fps", "2"), 0,
	    "gif from the -o extension");
	T_OK(tf_exists(out), "gif written");

	snprintf(bad, sizeof(bad), "%s/bad.mp4", top);
	T_EQ_INT(RUN("render", "-q", seq, "-o", bad, "--bitrate", "1000M",
	    "--codec", "h265", "--crf", "0"), 2, "crf and bitrate: 2");
	snprintf(bad, sizeof(bad), "%s/nofolder/bad.mp4", top);
	T_EQ_INT(RUN("render", "-q", seq, "-o", bad), 1,
	    "missing output folder: 1");
	T_OK(!tf_exists(bad), "nothing under the final name");

	/* frames from another tool: NNNNNN.jpg, any case */
	snprintf(bad, sizeof(bad), "%s/jpg", top);
	mkdir(bad, 0755);
	for (i = 1; i <= 3; i++) {
		snprintf(jpg, sizeof(jpg), "%s/%06d.%s", bad, i,
		    i == 2 ? "JPG" : "jpg");
		tf_write_jpeg(jpg, 160, 120, i, -1);
	}
	snprintf(out, sizeof(out), "%s/jpg.mp4", top);
	T_EQ_INT(RUN("render", "-q", bad, "-o", out, "--fps", "5",
	    "--hwaccel", "none"), 0, "a sequence of .jpg frames renders");
	T_OK(tf_exists(out), "video of .jpg frames written");

	snprintf(pattern, sizeof(pattern), "%s/{sequence}-c.{ext}", top);
	T_EQ_INT(RUN("render", "-q", seq, "--contact-sheet", "-o", pattern),
	    0, "contact sheet from the command");
	snprintf(out, sizeof(out), "%s/seq-c.jpeg", top);
	T_OK(tf_exists(out), "contact sheet at %s", out);
}

/* The render_child_start child killed half way: no file, no .part. */
static void
test_background(char *top, char *seq)
{
	struct render_options o;
	char out[600], err[1024], msg[4096];
	pid_t pid;
	int fd, status;

	render_options_init(&o);
	snprintf(out, sizeof(out), "%s/bg.mp4", top);
	pid = render_child_start(&o, seq, out, &fd, err, sizeof(err));
	T_OK(pid > 0, "render_child_start returns a pid (%s)",
	    pid > 0 ? "" : err);
	if (pid <= 0)
		return;
	T_OK(waitpid(pid, &status, 0) == pid, "child reaped");
	T_EQ_INT(render_child_reaped(status, fd, msg, sizeof(msg)), 0,
	    "background render succeeded: %s", msg);
	T_OK(strstr(msg, "wrote ") != NULL && strstr(msg, "bg.mp4") != NULL,
	    "message names the file: %s", msg);
	T_OK(tf_exists(out), "background video written");

	render_options_init(&o);
	render_options_set(&o, "container", "webm", err, sizeof(err));
	render_options_set(&o, "fps", "0.5", err, sizeof(err));
	render_options_set(&o, "postroll_s", "3600", err, sizeof(err));
	snprintf(out, sizeof(out), "%s/killed.webm", top);
	pid = render_child_start(&o, seq, out, &fd, err, sizeof(err));
	T_OK(pid > 0, "long render started");
	if (pid <= 0)
		return;
	usleep(300 * 1000);
	kill(-pid, SIGTERM);
	T_OK(waitpid(pid, &status, 0) == pid, "killed child reaped");
	T_EQ_INT(render_child_reaped(status, fd, msg, sizeof(msg)), -1,
	    "killed render failed: %s", msg);
	T_OK(!tf_exists(out), "no file under the final name");
	T_EQ_INT(tf_count_names(top, ".part"), 0, "no .part left");
	T_EQ_INT(tf_count_names(top, ".gl-"), 0,
	    "no temporary file of replace.h left");

	render_options_init(&o);
	render_options_set(&o, "fps", "10", err, sizeof(err));
	render_options_set(&o, "length_s", "10", err, sizeof(err));
	T_EQ_INT(render_child_start(&o, seq, out, &fd, err, sizeof(err)), -1,
	    "bad options refused before forking");
	T_EQ_INT(render_child_reaped(1 << 8, -1, msg, sizeof(msg)), -1,
	    "status 1 is a failure");
	T_OK(strstr(msg, "status 1") != NULL, "says the status: %s", msg);
}

int
main(int argc, char *argv[])
{
	char top[256], seq[512], path[600], ff[PATH_MAX], err[256];
	int i;

	if (argc > 1)
		return render_command(argc - 1, argv + 1);
	if (tf_tempdir(top, sizeof(top), "render-cli") == -1) {
		printf("not ok - mkdtemp\n");
		return 1;
	}
	snprintf(seq, sizeof(seq), "%s/seq", top);
	mkdir(seq, 0755);
	for (i = 1; i <= 8; i++) {
		if (i == 4)
			continue;	/* a gap */
		snprintf(path, sizeof(path), "%s/%06d.jpeg", seq, i);
		tf_write_jpeg(path, 160, 120, i, -1);
	}
	test_usage(seq);
	if (ffmpeg_find("ffmpeg", ff, sizeof(ff), err, sizeof(err)) == -1) {
		printf("ok - skipped: renders need ffmpeg (%s)\n", err);
	} else {
		test_no_ffmpeg(top, seq);
		test_render(top, seq);
		test_background(top, seq);
	}
	tf_rmtree(top);
	return t_done();
}
