/*
 * test_camera_fire.c: camera_set_fire end to end, without the agent core.
 *
 * Without arguments (as a unit test): exec cameras running scripts that
 * succeed, fail, hang, write nothing or write garbage, and several cameras
 * at once with one hanging.  With arguments, the scenarios the scripts in
 * tests/e2e/ run against the loopback simulators:
 *
 *   test_camera_fire http HOST:PORT LOG      tests/sim/httpcam.py
 *   test_camera_fire gphoto2 PORT            tests/sim/ptpipsim.py
 *   test_camera_fire gphoto2-keep PORT
 *   test_camera_fire gphoto2-drop PORT       (sim run with --drop-after 2)
 *   test_camera_fire gphoto2-hang PORT       (sim run with --hang-capture 2)
 *   test_camera_fire gphoto2-early PORT      (sim with --slow-download-ms)
 *   test_camera_fire gphoto2-config PORT     (sim with --max-sessions 3)
 *   test_camera_fire gphoto2-refuse PORT     (sim with --refuse-setprop)
 *   test_camera_fire gphoto2-noprops PORT    (sim with --no-props)
 *   test_camera_fire mixed PTPPORT HTTPHOST:PORT
 *
 * Every scenario is bounded by the cameras' own timeouts.
 */
#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "t.h"
#include "camera/camera_set.h"
#include "camera/camera_type.h"
#include "frames/frames.h"
#include "frames/jpeg.h"

#define MAXCAM 12

static char top[512];		/* scratch folder of this run */

static struct camera_set *
start(const char *conf[][3], long probe_ms)
{
	struct camera_result r[MAXCAM];
	struct camera_set *cs = camera_set_new();
	char err[256];
	size_t i;

	for (i = 0; conf[i][0] != NULL; i++)
		if (camera_set_key(cs, conf[i][0], conf[i][1], conf[i][2], err,
		    sizeof(err)) != 0) {
			T_OK(0, "configure: %s", err);
			camera_set_free(cs);
			return NULL;
		}
	if (camera_set_start(cs, err, sizeof(err)) != 0) {
		T_OK(0, "start: %s", err);
		camera_set_free(cs);
		return NULL;
	}
	if (probe_ms > 0) {
		/* Every camera's state, not only the ready ones. */
		(void)camera_set_probe(cs, probe_ms, r, MAXCAM);
		for (i = 0; i < camera_set_count(cs) && i < MAXCAM; i++)
			printf("# probe %s: %s %s (%ld ms)\n", r[i].name,
			    r[i].ok ? "ready" : "not ready", r[i].error,
			    r[i].ms);
	}
	return cs;
}

static const char *
seqdir(const char *name)
{
	static char dir[1024];

	snprintf(dir, sizeof(dir), "%s/%s", top, name);
	mkdir(dir, 0755);
	return dir;
}

static int
whole_jpeg(const char *path)
{
	static unsigned char buf[8 << 20];
	char err[256];
	size_t len;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (jpeg_check(buf, len, JPEG_CHECK_DECODE, NULL, NULL, err,
	    sizeof(err)) != 0) {
		printf("# %s: %s\n", path, err);
		return 0;
	}
	return 1;
}

static const struct camera_result *
by_name(const struct camera_result *r, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(r[i].name, name) == 0)
			return &r[i];
	return NULL;
}

static void
expect_fail(const struct camera_result *r, size_t n, const char *name,
    const char *words)
{
	const struct camera_result *c = by_name(r, n, name);

	T_OK(c != NULL && !c->ok && strstr(c->error, words) != NULL,
	    "%s fails with \"%s\": %s", name, words,
	    c != NULL ? c->error : "(no result)");
}

static void
expect_ok(const struct camera_result *r, size_t n, const char *name)
{
	const struct camera_result *c = by_name(r, n, name);

	T_OK(c != NULL && c->ok && whole_jpeg(c->path),
	    "%s stores a whole JPEG (%s, %ld ms)%s%s", name,
	    c != NULL ? c->path : "-", c != NULL ? c->ms : -1L,
	    c != NULL && c->error[0] ? ": " : "", c != NULL ? c->error : "");
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		printf("# %s: %s\n", path, strerror(errno));
		return;
	}
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

/* Is pid running?  A zombie waiting for init to reap it is not. */
static int
running(pid_t pid)
{
	char path[64], buf[512], *p;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return kill(pid, 0) == 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL || p[1] == '\0')
		return 1;
	return p[2] != 'Z' && p[2] != 'X';
}

static void
exec_scenarios(void)
{
	char sample[700], ok[700], fail[700], hang[700], nothing[700],
	    garbage[700], args[700], script[2048], pidfile[700], buf[64];
	unsigned char pix[64 * 48 * 3], *jpg;
	size_t len;
	char err[256];
	FILE *f;
	struct camera_result r[MAXCAM];
	struct camera_set *cs;
	long long t0;
	long took;
	int n;
	pid_t pid = 0;

	/* A JPEG for the scripts to copy, from our own encoder. */
	memset(pix, 90, sizeof(pix));
	snprintf(sample, sizeof(sample), "%s/sample.jpeg", top);
	if (jpeg_encode(pix, 64, 48, 64 * 3, JPEG_PIX_RGB, 80, &jpg, &len,
	    err, sizeof(err)) == 0) {
		frames_store(sample, jpg, len, err, sizeof(err));
		jpeg_free(jpg);
	}
	snprintf(ok, sizeof(ok), "%s/ok.sh", top);
	snprintf(script, sizeof(script), "#!/bin/sh\n"
	    "# Octolapse order: frame delay datadir snapdir file path camera\n"
	    "[ \"$1\" = \"$GL_FRAME\" ] || { echo \"frame $1\" >&2; exit 3; }\n"
	    "[ \"$7\" = \"$GL_CAMERA\" ] || { echo \"camera $7\" >&2; exit 4; }\n"
	    "[ \"$6\" = \"$GL_FRAME_PATH\" ] || exit 5\n"
	    "[ \"$4/$5\" = \"$6\" ] || { echo \"path $4/$5 $6\" >&2; exit 6; }\n"
	    "cp '%s' \"$6\"\n", sample);
	write_file(ok, script, 0755);
	snprintf(fail, sizeof(fail), "%s/fail.sh", top);
	write_file(fail, "#!/bin/sh\necho starting\necho lens cap on >&2\n"
	    "exit 2\n", 0755);
	snprintf(hang, sizeof(hang), "%s/hang.sh", top);
	snprintf(pidfile, sizeof(pidfile), "%s/hang.pid", top);
	snprintf(script, sizeof(script), "#!/bin/sh\nsleep 60 &\n"
	    "echo $! > '%s'\nwait\n", pidfile);
	write_file(hang, script, 0755);
	snprintf(nothing, sizeof(nothing), "%s/nothing.sh", top);
	write_file(nothing, "#!/bin/sh\nexit 0\n", 0755);
	snprintf(garbage, sizeof(garbage), "%s/garbage.sh", top);
	write_file(garbage, "#!/bin/sh\necho hello > \"$GL_FRAME_PATH\"\n",
	    0755);
	snprintf(args, sizeof(args), "%s/args.sh", top);
	snprintf(script, sizeof(script), "#!/bin/sh\n"
	    "[ \"$1\" = -o ] && [ \"$3\" = \"x y\" ] && [ \"$4\" = 000005 ] "
	    "|| { echo \"args: $*\" >&2; exit 7; }\n"
	    "cp '%s' \"$2\"\n", sample);
	write_file(args, script, 0755);

	{
		const char *conf[][3] = {
			{ "ok", "type", "exec" }, { "ok", "command", ok },
			{ "fail", "type", "exec" }, { "fail", "command", fail },
			{ "hang", "type", "exec" }, { "hang", "command", hang },
			{ "hang", "timeout_ms", "1000" },
			{ "nothing", "type", "exec" },
			{ "nothing", "command", nothing },
			{ "garbage", "type", "exec" },
			{ "garbage", "command", garbage },
			{ "args", "type", "exec" }, { "args", "command", args },
			{ "args", "args", "-o {path} 'x y' 000005" },
			{ "missing", "type", "exec" },
			{ "missing", "command", "no-such-program-gl" },
			{ "synthetic", "type", "test" },
			{ "synthetic", "size", "320x240" },
			{ NULL, NULL, NULL },
		};

		if ((cs = start(conf, 0)) == NULL)
			return;
		t0 = clock_ms();
		n = camera_set_fire(cs, seqdir("exec"), 5, r, MAXCAM);
		took = (long)(clock_ms() - t0);
		T_EQ_INT(n, 3, "exec: ok, args and synthetic store, 5 fail");
		expect_ok(r, MAXCAM, "ok");
		expect_ok(r, MAXCAM, "args");
		expect_ok(r, MAXCAM, "synthetic");
		expect_fail(r, MAXCAM, "fail", "exit status 2: lens cap on");
		expect_fail(r, MAXCAM, "hang", "killed");
		expect_fail(r, MAXCAM, "nothing", "nothing written");
		expect_fail(r, MAXCAM, "garbage", "not a JPEG");
		expect_fail(r, MAXCAM, "missing", "exit status 127");
		T_OK(took >= 850 && took < 1000 + 500, "fire returns after the "
		    "hanging one's timeout, not later (%ld ms)", took);
		T_OK(by_name(r, MAXCAM, "ok")->ms < 800, "the good script did "
		    "not wait for the hanging one (%ld ms)",
		    by_name(r, MAXCAM, "ok")->ms);
		/* The hanging script's own child went with it. */
		usleep(100000);
		if ((f = fopen(pidfile, "r")) != NULL) {
			if (fgets(buf, sizeof(buf), f) != NULL)
				pid = (pid_t)strtol(buf, NULL, 10);
			fclose(f);
		}
		T_OK(pid > 0 && !running(pid),
		    "the hung script's background sleep (pid %d) was killed",
		    (int)pid);
		n = camera_set_fire(cs, seqdir("exec"), 6, r, MAXCAM);
		T_EQ_INT(n, 3, "exec: second marker the same");
		camera_set_free(cs);
	}
}

static void
http_scenarios(const char *hostport, const char *log)
{
	char url[11][256];
	static const char *paths[] = { "good", "http10", "truncated", "html",
	    "404", "slow?ms=3000", "offline", "counter" };
	struct camera_result r[MAXCAM];
	struct camera_set *cs;
	long long t0;
	long took;
	size_t i;
	int n, counter = 0;
	char line[256];
	FILE *f;

	for (i = 0; i < 8; i++)
		snprintf(url[i], sizeof(url[i]), "http://%s/%s", hostport,
		    paths[i]);
	/* A closed port on loopback: connection refused. */
	snprintf(url[8], sizeof(url[8]), "http://127.0.0.1:1/snapshot");
	/* a redirect to ftp:// is not followed (issue 11) */
	snprintf(url[9], sizeof(url[9]), "http://%s/redirect?to=ftp://"
	    "127.0.0.1:1/x.jpeg", hostport);
	{
		const char *conf[][3] = {
			{ "good", "type", "http" }, { "good", "url", url[0] },
			{ "good", "rotate", "180" },
			{ "http10", "type", "http" },
			{ "http10", "url", url[1] },
			{ "http10", "validate", "decode" },
			{ "truncated", "type", "http" },
			{ "truncated", "url", url[2] },
			{ "html", "type", "http" }, { "html", "url", url[3] },
			{ "e404", "type", "http" }, { "e404", "url", url[4] },
			{ "slow", "type", "http" }, { "slow", "url", url[5] },
			{ "slow", "timeout_ms", "1000" },
			{ "offline", "type", "http" },
			{ "offline", "url", url[6] },
			{ "stale", "type", "http" },
			{ "stale", "url", url[7] },
			{ "stale", "discard_first", "yes" },
			{ "refused", "type", "http" },
			{ "refused", "url", url[8] },
			{ "ftp", "type", "http" }, { "ftp", "url", url[9] },
			{ NULL, NULL, NULL },
		};

		if ((cs = start(conf, 0)) == NULL)
			return;
		t0 = clock_ms();
		n = camera_set_fire(cs, seqdir("http"), 1, r, MAXCAM);
		took = (long)(clock_ms() - t0);
		T_EQ_INT(n, 3, "http: good, http10, stale store; 7 fail");
		expect_ok(r, MAXCAM, "good");
		expect_ok(r, MAXCAM, "http10");
		expect_ok(r, MAXCAM, "stale");
		expect_fail(r, MAXCAM, "truncated", "truncated JPEG");
		expect_fail(r, MAXCAM, "html", "like HTML");
		expect_fail(r, MAXCAM, "e404", "HTTP status 404");
		expect_fail(r, MAXCAM, "slow", "imed out");
		expect_fail(r, MAXCAM, "offline", "offline");
		expect_fail(r, MAXCAM, "refused", "127.0.0.1:1");
		expect_fail(r, MAXCAM, "ftp", "ftp");
		T_OK(strstr(by_name(r, MAXCAM, "ftp")->error, "onnect") == NULL,
		    "ftp: the redirect was not followed: %s",
		    by_name(r, MAXCAM, "ftp")->error);
		T_OK(took >= 900 && took < 1000 + 400, "http: the slow one ends "
		    "the wait at its timeout (%ld ms)", took);
		printf("# http loopback snapshot latency: %ld ms\n",
		    by_name(r, MAXCAM, "good")->ms);
		n = camera_set_fire(cs, seqdir("http"), 2, r, MAXCAM);
		T_EQ_INT(n, 3, "http: second marker the same");
		camera_set_free(cs);
	}
	if ((f = fopen(log, "r")) != NULL) {
		while (fgets(line, sizeof(line), f) != NULL)
			if (strcmp(line, "/counter\n") == 0)
				counter++;
		fclose(f);
	}
	T_EQ_INT(counter, 4, "discard_first: two requests per frame");
}

static void
gphoto2_scenario(const char *mode, const char *port)
{
	char portpath[128];
	struct camera_result r[MAXCAM];
	struct camera_set *cs;
	const char *dir;
	int keep = strcmp(mode, "gphoto2-keep") == 0;
	int drop = strcmp(mode, "gphoto2-drop") == 0;
	int hang = strcmp(mode, "gphoto2-hang") == 0;
	int early = strcmp(mode, "gphoto2-early") == 0;
	unsigned i;
	int n;
	long acked = 0;

	snprintf(portpath, sizeof(portpath), "ptpip:127.0.0.1:%s:%s", port,
	    port);
	{
		const char *conf[][3] = {
			{ "dslr", "type", "gphoto2" },
			{ "dslr", "port", portpath },
			{ "dslr", "timeout_ms", hang ? "3000" : "10000" },
			{ "dslr", keep ? "keep_on_camera" : "rotate",
			    keep ? "yes" : "90" },
			{ "dslr", "capturetarget", "card" },
			{ "dslr", "early_ack", early ? "yes" : "no" },
			{ NULL, NULL, NULL },
		};

		if ((cs = start(conf, 10000)) == NULL)
			return;
	}
	dir = seqdir(mode);
	for (i = 1; i <= 4; i++) {
		n = camera_set_fire(cs, dir, i, r, 1);
		printf("# %s frame %u: %s %s %s (%ld ms)\n", mode, i,
		    r[0].ok ? "ok" : "FAILED", r[0].path, r[0].error, r[0].ms);
		if (keep) {
			T_OK(n == 1 && strncmp(r[0].path, "camera:/", 8) == 0,
			    "keep_on_camera frame %u stays on the camera: %s",
			    i, r[0].path);
			continue;
		}
		if (early) {
			T_OK(n == 1 && r[0].ms < 1000, "early ack frame %u "
			    "before the 1.5 s download (%ld ms)", i, r[0].ms);
			acked += r[0].ms;
			sleep(2);	/* the print goes on meanwhile */
			continue;
		}
		if ((drop || hang) && i == 2) {
			T_OK(n == 0 && !r[0].ok, "%s: frame 2 fails: %s", mode,
			    r[0].error);
			if (hang)
				T_OK(r[0].ms < 3000 + 500, "hung capture "
				    "ends at the deadline (%ld ms)", r[0].ms);
			continue;
		}
		T_EQ_INT(n, 1, "%s frame %u stored", mode, i);
		expect_ok(r, 1, "dslr");
	}
	camera_set_free(cs);
	if (early) {
		char path[1200];
		const char *conf[][3] = {
			{ "dslr", "type", "gphoto2" },
			{ "dslr", "port", portpath },
			{ NULL, NULL, NULL },
		};

		/* The same shot, acknowledged after the download. */
		if ((cs = start(conf, 10000)) != NULL) {
			n = camera_set_fire(cs, dir, 5, r, 1);
			T_OK(n == 1 && r[0].ms > 1500, "without early ack the "
			    "ack waits for the download (%ld ms)", r[0].ms);
			printf("# early ack: %ld ms to ack vs %ld ms with the "
			    "download: saves %ld ms per frame\n", acked / 4,
			    r[0].ms, r[0].ms - acked / 4);
			camera_set_free(cs);
		}

		for (i = 1; i <= 4; i++) {
			snprintf(path, sizeof(path), "%s/%06u.jpeg", dir, i);
			T_OK(whole_jpeg(path), "early ack: frame %u downloaded "
			    "in the end", i);
		}
	}
}

/*
 * config.KEY lines: a good camera next to one with a value that is not a
 * choice and one with a key the camera does not have, plus a synthetic
 * camera; all on one simulator.  Two sequences: the settings go to the
 * camera at open and again at frame 1 of each sequence (the shell script
 * checks the simulator's log for that).
 */
static void
gphoto2_config_scenario(const char *port)
{
	char portpath[128];
	struct camera_result r[MAXCAM];
	struct camera_set *cs;
	const struct camera_result *c;
	long long t0;
	long took;
	unsigned i;
	int n;

	snprintf(portpath, sizeof(portpath), "ptpip:127.0.0.1:%s:%s", port,
	    port);
	{
		const char *conf[][3] = {
			{ "dslr", "type", "gphoto2" },
			{ "dslr", "port", portpath },
			{ "dslr", "config.iso", "400" },
			{ "dslr", "config.whitebalance", "daylight" },
			{ "dslr", "config.shutterspeed", "0.0167s" },
			{ "dslr", "timeout_ms", "10000" },
			{ "badvalue", "type", "gphoto2" },
			{ "badvalue", "port", portpath },
			{ "badvalue", "config.iso", "123456" },
			{ "nokey", "type", "gphoto2" },
			{ "nokey", "port", portpath },
			{ "nokey", "config.nosuchthing", "1" },
			{ "synthetic", "type", "test" },
			{ "synthetic", "size", "320x240" },
			{ NULL, NULL, NULL },
		};

		if ((cs = start(conf, 10000)) == NULL)
			return;
	}
	n = camera_set_probe(cs, 10000, r, MAXCAM);
	T_EQ_INT(n, 2, "config: dslr and synthetic open, the other two "
	    "do not");
	c = by_name(r, MAXCAM, "badvalue");
	T_OK(c != NULL && !c->ok && strstr(c->error, "config.iso: "
	    "'123456' is not one of: 100, 200, 400, 800, 1600, 3200") != NULL,
	    "config: a value that is no choice is refused at open, with the "
	    "choices: %s", c != NULL ? c->error : "(no result)");
	c = by_name(r, MAXCAM, "nokey");
	T_OK(c != NULL && !c->ok && strstr(c->error, "config.nosuchthing: "
	    "the camera has no such setting") != NULL, "config: an unknown "
	    "key is refused at open, naming it: %s",
	    c != NULL ? c->error : "(no result)");
	for (i = 1; i <= 3; i++) {
		t0 = clock_ms();
		n = camera_set_fire(cs, seqdir("gphoto2-config"), i, r, MAXCAM);
		took = (long)(clock_ms() - t0);
		printf("# config frame %u: %d stored in %ld ms\n", i, n, took);
		T_EQ_INT(n, 2, "config frame %u: dslr and synthetic store", i);
		expect_ok(r, MAXCAM, "dslr");
		expect_ok(r, MAXCAM, "synthetic");
		expect_fail(r, MAXCAM, "badvalue", "cannot open: config.iso: "
		    "'123456' is not one of");
		expect_fail(r, MAXCAM, "nokey", "cannot open: "
		    "config.nosuchthing: the camera has no such setting");
		T_OK(took < 5000, "config frame %u: the broken cameras do not "
		    "hold up the marker (%ld ms)", i, took);
	}
	/* A new sequence: frame 1 applies the settings again. */
	n = camera_set_fire(cs, seqdir("gphoto2-config2"), 1, r, MAXCAM);
	T_EQ_INT(n, 2, "config: second sequence, frame 1 stored");
	camera_set_free(cs);
}

/* The camera refuses the setting (sim with --refuse-setprop 0x2019). */
static void
gphoto2_refuse_scenario(const char *port)
{
	char portpath[128];
	struct camera_result r[MAXCAM];
	struct camera_set *cs;
	int n;

	snprintf(portpath, sizeof(portpath), "ptpip:127.0.0.1:%s:%s", port,
	    port);
	{
		const char *conf[][3] = {
			{ "dslr", "type", "gphoto2" },
			{ "dslr", "port", portpath },
			{ "dslr", "config.iso", "400" },
			{ "synthetic", "type", "test" },
			{ NULL, NULL, NULL },
		};

		if ((cs = start(conf, 0)) == NULL)
			return;
	}
	n = camera_set_probe(cs, 10000, r, MAXCAM);
	T_EQ_INT(n, 1, "refuse: the dslr does not open");
	n = camera_set_fire(cs, seqdir("gphoto2-refuse"), 1, r, MAXCAM);
	T_EQ_INT(n, 1, "refuse: the synthetic camera still stores");
	expect_fail(r, MAXCAM, "dslr", "cannot open: config.iso = 400: ");
	/* The camera's own answer, not only libgphoto2's last words. */
	expect_fail(r, MAXCAM, "dslr", "0x500f was not set (0x2019: PTP "
	    "Device Busy)");
	camera_set_free(cs);
}

/*
 * A camera without device properties (sim with --no-props): libgphoto2
 * answers the look-up of any setting with GP_OK and no widget.
 */
static void
gphoto2_noprops_scenario(const char *port)
{
	char portpath[128];
	struct camera_result r[MAXCAM];
	struct camera_set *cs;
	int n;

	snprintf(portpath, sizeof(portpath), "ptpip:127.0.0.1:%s:%s", port,
	    port);
	{
		const char *conf[][3] = {
			{ "dslr", "type", "gphoto2" },
			{ "dslr", "port", portpath },
			{ "dslr", "config.iso", "400" },
			{ NULL, NULL, NULL },
		};

		if ((cs = start(conf, 0)) == NULL)
			return;
	}
	n = camera_set_probe(cs, 10000, r, MAXCAM);
	T_EQ_INT(n, 0, "noprops: the dslr does not open");
	T_OK(!r[0].ok && strstr(r[0].error, "config.iso: the camera has no "
	    "such setting") != NULL, "noprops: config.iso is a setting the "
	    "camera does not have: %s", r[0].error);
	camera_set_free(cs);
}

static void
mixed_scenario(const char *port, const char *hostport)
{
	char portpath[128], url[256], slow[256];
	struct camera_result r[MAXCAM];
	struct camera_set *cs;
	long long t0;
	long took;
	int n;

	snprintf(portpath, sizeof(portpath), "ptpip:127.0.0.1:%s:%s", port,
	    port);
	snprintf(url, sizeof(url), "http://%s/good", hostport);
	snprintf(slow, sizeof(slow), "http://%s/slow?ms=10000", hostport);
	{
		const char *conf[][3] = {
			{ "dslr", "type", "gphoto2" },
			{ "dslr", "port", portpath },
			{ "webcam", "type", "http" },
			{ "webcam", "url", url },
			{ "stuck", "type", "http" },
			{ "stuck", "url", slow },
			{ "stuck", "timeout_ms", "1500" },
			{ NULL, NULL, NULL },
		};

		if ((cs = start(conf, 10000)) == NULL)
			return;
	}
	t0 = clock_ms();
	n = camera_set_fire(cs, seqdir("mixed"), 1, r, MAXCAM);
	took = (long)(clock_ms() - t0);
	T_EQ_INT(n, 2, "DSLR + webcam store, the stuck webcam fails");
	expect_ok(r, MAXCAM, "dslr");
	expect_ok(r, MAXCAM, "webcam");
	expect_fail(r, MAXCAM, "stuck", "imed out");
	T_OK(strstr(by_name(r, MAXCAM, "dslr")->path, "/dslr/000001.jpeg")
	    != NULL, "one sub-folder per camera");
	T_OK(took < 1500 + 400, "one marker, ack after the slowest (%ld ms)",
	    took);
	camera_set_free(cs);
}

int
main(int argc, char *argv[])
{
	char tmpl[] = "/tmp/test_camera_fire.XXXXXX", cmd[600];

	if (mkdtemp(tmpl) == NULL) {
		T_OK(0, "temp dir");
		return t_done();
	}
	snprintf(top, sizeof(top), "%s", tmpl);
	if (argc == 1)
		exec_scenarios();
	else if (argc == 4 && strcmp(argv[1], "http") == 0)
		http_scenarios(argv[2], argv[3]);
	else if (argc == 3 && strcmp(argv[1], "gphoto2-config") == 0)
		gphoto2_config_scenario(argv[2]);
	else if (argc == 3 && strcmp(argv[1], "gphoto2-refuse") == 0)
		gphoto2_refuse_scenario(argv[2]);
	else if (argc == 3 && strcmp(argv[1], "gphoto2-noprops") == 0)
		gphoto2_noprops_scenario(argv[2]);
	else if (argc == 3 && strncmp(argv[1], "gphoto2", 7) == 0)
		gphoto2_scenario(argv[1], argv[2]);
	else if (argc == 4 && strcmp(argv[1], "mixed") == 0)
		mixed_scenario(argv[2], argv[3]);
	else
		T_OK(0, "usage: test_camera_fire [http HOST:PORT LOG | "
		    "gphoto2[-keep|-drop|-hang|-early|-config|-refuse|"
		    "-noprops] PORT | mixed PORT HOST:PORT]");
	if (getenv("KEEP") == NULL) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", top);
	} else
		printf("# kept %s\n", top);
	return t_done();
}
