/*
 * test_cameras.c: configuration keys, and camera_set_fire with the synthetic
 * camera: one camera, several at once, a failing one, a hanging one (killed
 * at its deadline and re-spawned), early acknowledgement, rotation.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "t.h"
#include "camera/camera_set.h"
#include "camera/camera_type.h"
#include "frames/jpeg.h"

static int
set(struct camera_set *cs, const char *name, const char *key, const char *v,
    char *err)
{
	return camera_set_key(cs, name, key, v, err, 256);
}

static void
test_keys(void)
{
	struct camera_set *cs = camera_set_new();
	char err[256];

	T_EQ_INT(set(cs, "dslr", "type", "gphoto2", err), 0, "type gphoto2");
	T_EQ_INT(set(cs, "dslr", "type", "http", err), -1, "type set twice");
	T_EQ_INT(set(cs, "web", "type", "webcam", err), -1, "unknown type");
	T_OK(strstr(err, "gphoto2, libcamera, http, exec, test") != NULL,
	    "lists the types: %s", err);
	T_EQ_INT(set(cs, "x", "url", "http://x/", err), -1,
	    "type key before type");
	T_OK(strstr(err, "set 'type' before") != NULL, "says so: %s", err);
	T_EQ_INT(set(cs, "dslr", "rotate", "90", err), 0, "rotate 90");
	T_EQ_INT(set(cs, "dslr", "rotate", "45", err), -1, "rotate 45");
	T_OK(strstr(err, "0, 90, 180 or 270") != NULL, "lists angles: %s",
	    err);
	T_EQ_INT(set(cs, "dslr", "rotate", "-90", err), -1, "rotate -90");
	T_EQ_INT(set(cs, "dslr", "flip", "vertical", err), 0, "flip");
	T_EQ_INT(set(cs, "dslr", "flip", "diagonal", err), -1, "bad flip");
	T_EQ_INT(set(cs, "dslr", "timeout_ms", "50", err), -1,
	    "timeout_ms too small");
	T_OK(strstr(err, "100 to 600000") != NULL, "says range: %s", err);
	T_EQ_INT(set(cs, "dslr", "delay_ms", "1e3", err), -1,
	    "delay_ms not whole");
	T_EQ_INT(set(cs, "dslr", "enabled", "maybe", err), -1, "bad bool");
	T_EQ_INT(set(cs, "dslr", "bogus", "1", err), -1, "unknown key");
	T_OK(strstr(err, "gphoto2 keys: ") != NULL, "lists type keys: %s",
	    err);
	T_EQ_INT(set(cs, "../x", "type", "test", err), -1,
	    "name with a slash refused");
	T_EQ_INT(set(cs, "t", "type", "test", err), 0, "test camera");
	T_EQ_INT(set(cs, "t", "size", "320x240", err), 0, "size");
	T_EQ_INT(set(cs, "t", "size", "320", err), -1, "size without x");
	T_EQ_INT(set(cs, "t", "quality", "101", err), -1, "quality 101");
	T_EQ_INT(set(cs, "t", "enabled", "no", err), 0, "disable");
	camera_set_free(cs);

	cs = camera_set_new();
	T_EQ_INT(set(cs, "on", "type", "test", err), 0, "camera on");
	T_EQ_INT(set(cs, "off", "type", "http", err), 0, "camera off");
	T_EQ_INT(set(cs, "off", "enabled", "no", err), 0, "disabled");
	T_EQ_INT(camera_set_count(cs), 1, "one enabled camera");
	T_EQ_INT(set(cs, "off", "url", "ftp://x/", err), -1, "ftp url");
	T_EQ_INT(set(cs, "off", "url", "http://127.0.0.1/snap", err), 0,
	    "http url");
	T_EQ_INT(set(cs, "off", "validate", "decode", err), 0, "validate");
	T_EQ_INT(set(cs, "g", "type", "gphoto2", err), 0, "gphoto2");
	T_EQ_INT(set(cs, "g", "port", "serial:/dev/ttyS0", err), -1,
	    "serial port refused");
	T_EQ_INT(set(cs, "g", "port", "ptpip:127.0.0.1:1:1", err), 0,
	    "ptpip port");
	T_EQ_INT(set(cs, "g", "capturetarget", "floppy", err), -1,
	    "bad capturetarget");
	T_EQ_INT(set(cs, "g", "config.iso", "400", err), 0, "config.iso");
	T_EQ_INT(set(cs, "g", "config.", "400", err), -1, "config. alone");
	T_EQ_INT(set(cs, "l", "type", "libcamera", err), 0, "libcamera");
	T_EQ_INT(set(cs, "l", "iso", "400", err), 0, "iso");
	T_EQ_INT(set(cs, "l", "awb_gains", "1.5", err), -1, "one gain");
	T_EQ_INT(set(cs, "l", "awb_gains", "1.5,1.2", err), 0, "two gains");
	T_EQ_INT(set(cs, "l", "awb_mode", "sunny", err), -1, "bad awb_mode");
	T_EQ_INT(set(cs, "l", "awb_mode", "off", err), 0, "awb off");
	T_EQ_INT(set(cs, "l", "resolution", "4056x3040", err), 0, "HQ size");
	T_EQ_INT(set(cs, "l", "shutter_us", "nan", err), -1, "nan refused");
	T_EQ_INT(set(cs, "e", "type", "exec", err), 0, "exec");
	T_EQ_INT(set(cs, "e", "command", "/bin/gphoto2 --capture", err), -1,
	    "command with blanks refused");
	T_OK(strstr(err, "args") != NULL, "points to args: %s", err);
	T_EQ_INT(set(cs, "e", "args", "{frame} \"{path}", err), -1,
	    "unbalanced quote");
	T_EQ_INT(set(cs, "e", "args", "{frame} {nope}", err), -1,
	    "unknown placeholder");
	T_EQ_INT(set(cs, "e", "args", "-o '{path}' {frame}", err), 0,
	    "args with quotes");
	T_EQ_INT(set(cs, "e", "command", "/bin/true", err), 0, "command");
	T_EQ_INT(set(cs, "k", "type", "gphoto2", err), 0, "keep camera");
	T_EQ_INT(set(cs, "k", "keep_on_camera", "yes", err), 0, "keep");
	T_EQ_INT(set(cs, "k", "rotate", "90", err), 0, "rotate");
	{
		char e[256];

		T_EQ_INT(camera_set_start(cs, e, sizeof(e)), -1,
		    "keep_on_camera with rotate: fatal at start");
		T_OK(strstr(e, "camera k: keep_on_camera") != NULL,
		    "names the camera and the reason: %s", e);
	}
	camera_set_free(cs);

	cs = camera_set_new();
	T_EQ_INT(set(cs, "a", "delay_ms", "10", err), 0, "common key first");
	{
		char e[256];

		T_EQ_INT(camera_set_start(cs, e, sizeof(e)), -1,
		    "start without a type fails");
		T_OK(strstr(e, "no type") != NULL, "says no type: %s", e);
	}
	camera_set_free(cs);
}

static int
is_jpeg_file(const char *path, int *w, int *h)
{
	FILE *f = fopen(path, "rb");
	unsigned char buf[1 << 20];
	size_t len;
	char err[256];

	if (f == NULL)
		return 0;
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	return jpeg_check(buf, len, JPEG_CHECK_DECODE, w, h, err,
	    sizeof(err)) == 0;
}

static struct camera_set *
start(const char *conf[][3], char *err)
{
	struct camera_set *cs = camera_set_new();
	size_t i;

	for (i = 0; conf[i][0] != NULL; i++)
		if (camera_set_key(cs, conf[i][0], conf[i][1], conf[i][2], err,
		    256) != 0) {
			printf("# %s\n", err);
			camera_set_free(cs);
			return NULL;
		}
	if (camera_set_start(cs, err, 256) != 0) {
		printf("# %s\n", err);
		camera_set_free(cs);
		return NULL;
	}
	return cs;
}

static void
test_one(const char *dir)
{
	static const char *conf[][3] = {
		{ "cam", "type", "test" },
		{ "cam", "size", "160x120" },
		{ "cam", "rotate", "90" },
		{ NULL, NULL, NULL },
	};
	struct camera_result r[2];
	struct camera_set *cs;
	char err[256], want[1024];
	int w = 0, h = 0, n;

	if ((cs = start(conf, err)) == NULL) {
		T_OK(0, "start one test camera");
		return;
	}
	T_EQ_INT(camera_set_probe(cs, 2000, r, 2), 1, "probe: ready");
	n = camera_set_fire(cs, dir, 1, r, 2);
	T_EQ_INT(n, 1, "one camera: one frame");
	snprintf(want, sizeof(want), "%s/000001.jpeg", dir);
	T_EQ_STR(r[0].path, want, "one camera: frame right in the folder");
	T_EQ_STR(r[0].name, "cam", "result named");
	T_OK(is_jpeg_file(want, &w, &h), "frame is a whole JPEG");
	T_EQ_INT(w * 1000 + h, 112160,
	    "rotated to 112x160 (partial MCU row trimmed)");
	n = camera_set_fire(cs, dir, 2, r, 2);
	T_EQ_INT(n, 1, "second frame");
	printf("# test camera 160x120 frame: %ld ms\n", r[0].ms);
	camera_set_free(cs);
}

static void
test_several(const char *dir)
{
	static const char *conf[][3] = {
		{ "fast", "type", "test" },
		{ "fast", "size", "64x48" },
		{ "slow", "type", "test" },
		{ "slow", "size", "64x48" },
		{ "slow", "exposure_ms", "600" },
		{ "broken", "type", "test" },
		{ "broken", "simulate", "fail" },
		{ "stuck", "type", "test" },
		{ "stuck", "simulate", "hang" },
		{ "stuck", "timeout_ms", "800" },
		{ "off", "type", "test" },
		{ "off", "enabled", "no" },
		{ NULL, NULL, NULL },
	};
	struct camera_result r[4];
	struct camera_set *cs;
	char err[256], want[1024];
	long long t0;
	long took;
	int n;

	if ((cs = start(conf, err)) == NULL) {
		T_OK(0, "start four cameras");
		return;
	}
	T_EQ_INT(camera_set_count(cs), 4, "four enabled");
	t0 = clock_ms();
	n = camera_set_fire(cs, dir, 7, r, 4);
	took = (long)(clock_ms() - t0);
	T_EQ_INT(n, 2, "two frames of four");
	T_OK(r[0].ok && r[1].ok && !r[2].ok && !r[3].ok,
	    "fast, slow ok; broken, stuck not");
	snprintf(want, sizeof(want), "%s/fast/000007.jpeg", dir);
	T_EQ_STR(r[0].path, want, "several: one folder per camera");
	T_OK(is_jpeg_file(want, NULL, NULL), "fast frame stored");
	T_OK(r[0].ms < 500, "fast one done early (%ld ms)", r[0].ms);
	T_OK(r[1].ms >= 600, "slow one after its exposure (%ld ms)", r[1].ms);
	T_OK(strstr(r[2].error, "simulated failure") != NULL,
	    "failure reported: %s", r[2].error);
	T_OK(strstr(r[3].error, "no frame within 800 ms") != NULL,
	    "hang reported: %s", r[3].error);
	T_OK(took >= 800 && took < 800 + 600, "returns after the stuck one's "
	    "deadline plus margin (%ld ms)", took);
	/* The stuck worker was replaced; the others keep working. */
	n = camera_set_fire(cs, dir, 8, r, 4);
	T_EQ_INT(n, 2, "next marker: the same two frames");
	T_OK(strstr(r[3].error, "no frame within") != NULL,
	    "the re-spawned stuck camera times out again, alone");
	n = camera_set_fire(cs, dir, 9, r, 1);
	T_EQ_INT(n, 2, "results array shorter than the cameras is fine");
	camera_set_free(cs);
}

static void
test_early_ack(const char *dir)
{
	static const char *conf[][3] = {
		{ "dslr", "type", "test" },
		{ "dslr", "size", "64x48" },
		{ "dslr", "exposure_ms", "200" },
		{ "dslr", "download_ms", "700" },
		{ "dslr", "early_ack", "yes" },
		{ NULL, NULL, NULL },
	};
	struct camera_result r[1];
	struct camera_set *cs;
	char err[256], want[1024];
	int n;

	if ((cs = start(conf, err)) == NULL) {
		T_OK(0, "start early-ack camera");
		return;
	}
	n = camera_set_fire(cs, dir, 1, r, 1);
	T_EQ_INT(n, 1, "early ack counts the frame");
	T_OK(r[0].ms >= 200 && r[0].ms < 600, "ack after the exposure, "
	    "before the download (%ld ms)", r[0].ms);
	snprintf(want, sizeof(want), "%s/000001.jpeg", dir);
	T_EQ_STR(r[0].path, want, "path of the frame to come");
	n = camera_set_fire(cs, dir, 2, r, 1);
	T_EQ_INT(n, 1, "second frame, queued behind the first download");
	T_OK(r[0].ms >= 700, "waited for the previous download (%ld ms)",
	    r[0].ms);
	T_OK(is_jpeg_file(want, NULL, NULL), "first frame stored meanwhile");
	camera_set_free(cs);	/* waits for the last download */
	snprintf(want, sizeof(want), "%s/000002.jpeg", dir);
	T_OK(is_jpeg_file(want, NULL, NULL),
	    "camera_set_free lets the last download finish");
}

/* No Pi camera here: the probe says so, the test camera still works. */
static void
test_libcamera_absent(const char *dir)
{
	static const char *conf[][3] = {
		{ "picam", "type", "libcamera" },
		{ "picam", "resolution", "640x480" },
		{ "synthetic", "type", "test" },
		{ "synthetic", "size", "64x48" },
		{ NULL, NULL, NULL },
	};
	struct camera_result r[2];
	struct camera_set *cs;
	char err[256];
	int n;

	if ((cs = start(conf, err)) == NULL) {
		T_OK(0, "start libcamera + test camera");
		return;
	}
	n = camera_set_probe(cs, 5000, r, 2);
	T_EQ_INT(n, 1, "probe: only the test camera is ready");
#ifdef HAVE_LIBCAMERA
	T_OK(!r[0].ok && strstr(r[0].error, "no camera found") != NULL,
	    "libcamera without a camera says so: %s", r[0].error);
#else
	T_OK(!r[0].ok && strstr(r[0].error, "without libcamera") != NULL,
	    "libcamera type in a build without it says so: %s", r[0].error);
#endif
	n = camera_set_fire(cs, dir, 1, r, 2);
	T_OK(n == 1 && r[1].ok && !r[0].ok, "the other camera keeps working "
	    "(%s)", r[0].error);
	camera_set_free(cs);
}

int
main(void)
{
	char dir[] = "/tmp/test_cameras.XXXXXX", sub[64];

	test_keys();
	if (mkdtemp(dir) == NULL) {
		T_OK(0, "temp dir");
		return t_done();
	}
	snprintf(sub, sizeof(sub), "%s/one", dir);
	mkdir(sub, 0755);
	test_one(sub);
	snprintf(sub, sizeof(sub), "%s/several", dir);
	mkdir(sub, 0755);
	test_several(sub);
	snprintf(sub, sizeof(sub), "%s/early", dir);
	mkdir(sub, 0755);
	test_early_ack(sub);
	snprintf(sub, sizeof(sub), "%s/picam", dir);
	mkdir(sub, 0755);
	test_libcamera_absent(sub);
	if (getenv("KEEP") == NULL) {
		char cmd[700];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	}
	return t_done();
}
