/*
 * camera_libcamera.c: the Raspberry Pi camera modules (V1, V2, HQ, V3)
 * through libcamera, via the C++ shim of libcamera_shim.h, with gLapse's
 * picamera settings mapped onto libcamera controls:
 *
 *   resolution WxH        still stream size
 *   sensor_mode WxH       raw stream size (libcamera picks modes by size)
 *   shutter_us            ExposureTime (AE off; FrameDurationLimits follow)
 *   iso N                 AnalogueGain = N / 100 (picamera's rule)
 *   analogue_gain G       AnalogueGain
 *   awb_mode              AwbMode (auto, incandescent, tungsten,
 *                         fluorescent, indoor, daylight, cloudy) or off
 *   awb_gains R,B         ColourGains (AWB off)
 *   sharpness, contrast, saturation   the controls of the same name
 *   quality               TurboJPEG quality of the stored frame
 *
 * Without libcamera at build time the type still parses its keys (so one
 * configuration serves every build) but every shot fails with "built
 * without libcamera".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "num.h"
#include "camera/camera_type.h"
#ifdef HAVE_LIBCAMERA
#include <dlfcn.h>
#include <limits.h>
#include <unistd.h>

#include "camera/libcamera_shim.h"
#endif

struct lc_conf {
	char camera[128];
	int width, height, raw_width, raw_height;
	long shutter_us, quality;
	double gain, red, blue, sharpness, contrast, saturation;
	int awb;		/* index in awb_modes, -1 default */
};

static const char *const awb_modes[] = {
	"auto", "incandescent", "tungsten", "fluorescent", "indoor",
	"daylight", "cloudy", "off", NULL,
};

static void *
lc_conf_new(void)
{
	struct lc_conf *c = calloc(1, sizeof *c);

	if (c != NULL) {
		c->quality = 90;
		c->awb = -1;
		c->sharpness = c->contrast = c->saturation = -1;
	}
	return c;
}

static int
lc_set(void *conf, const char *key, const char *value, char *err,
    size_t errlen)
{
	struct lc_conf *c = conf;
	char buf[64], *comma;
	long iso;

	if (strcmp(key, "camera") == 0)
		return camera_type_string(key, value, c->camera,
		    sizeof c->camera, err, errlen);
	if (strcmp(key, "resolution") == 0)
		return camera_type_size(key, value, &c->width, &c->height, err,
		    errlen);
	if (strcmp(key, "sensor_mode") == 0)
		return camera_type_size(key, value, &c->raw_width,
		    &c->raw_height, err, errlen);
	if (strcmp(key, "shutter_us") == 0)
		return num_key_long(key, value, 0, 600000000L, &c->shutter_us,
		    err, errlen);
	if (strcmp(key, "quality") == 0)
		return num_key_long(key, value, 1, 100, &c->quality, err,
		    errlen);
	if (strcmp(key, "iso") == 0) {
		if (num_key_long(key, value, 0, 6400, &iso, err, errlen) == -1)
			return -1;
		c->gain = (double)iso / 100.0;
		return 0;
	}
	if (strcmp(key, "analogue_gain") == 0)
		return num_key_double(key, value, 0, 64, &c->gain, err, errlen);
	if (strcmp(key, "sharpness") == 0)
		return num_key_double(key, value, 0, 16, &c->sharpness, err,
		    errlen);
	if (strcmp(key, "contrast") == 0)
		return num_key_double(key, value, 0, 32, &c->contrast, err,
		    errlen);
	if (strcmp(key, "saturation") == 0)
		return num_key_double(key, value, 0, 32, &c->saturation, err,
		    errlen);
	if (strcmp(key, "awb_mode") == 0)
		return camera_type_choice(key, value, awb_modes, &c->awb, err,
		    errlen);
	if (strcmp(key, "awb_gains") == 0) {
		if (strlen(value) >= sizeof buf ||
		    (comma = strchr(memcpy(buf, value, strlen(value) + 1),
		    ',')) == NULL)
			return errbuf_set(err, errlen, "awb_gains: '%s' is not "
			    "RED,BLUE (e.g. 1.5,1.2)", value);
		*comma++ = '\0';
		if (num_key_double(key, buf, 0.1, 32, &c->red, err, errlen) ==
		    -1)
			return -1;
		return num_key_double(key, comma, 0.1, 32, &c->blue, err,
		    errlen);
	}
	return 1;
}

static int
lc_check(void *conf, const struct camera_common *cc, char *err,
    size_t errlen)
{
	const struct lc_conf *c = conf;

	(void)cc;
	if (c->awb == 7 && c->red == 0)
		return errbuf_set(err, errlen, "awb_mode = off needs awb_gains "
		    "= RED,BLUE");
	return 0;
}

#ifdef HAVE_LIBCAMERA

/*
 * The C++ shim is a module of its own, capture-agent-libcamera.so, opened
 * by the worker of a libcamera camera only: the daemon never maps
 * libcamera, libstdc++ and the tracing threads libcamera starts (5 MB and
 * two threads it does not need for other cameras).
 */
struct lcs_api {
	struct lcs *(*open)(const struct lcs_settings *, char *, size_t);
	int (*capture)(struct lcs *, long, struct lcs_frame *, char *,
	    size_t);
	void (*close)(struct lcs *);
};

struct lc_dev {
	const struct lc_conf *conf;
	struct lcs_api api;
	struct lcs *shim;
};

/* $CAPTURE_AGENT_LIBCAMERA, the installed module, or one beside the
 * program or in its parent folder (a build tree, its tests).  The handle
 * stays open for the worker's life. */
static int
load_shim(struct lcs_api *api, char *err, size_t errlen)
{
	static const char name[] = "capture-agent-libcamera.so";
	char self[PATH_MAX], tries[4][PATH_MAX + 64];
	const char *env = getenv("CAPTURE_AGENT_LIBCAMERA");
	void *h = NULL;
	ssize_t n;
	size_t i, ntries = 0;
	char *slash;

	if (env != NULL && *env != '\0')
		snprintf(tries[ntries++], sizeof tries[0], "%s", env);
	snprintf(tries[ntries++], sizeof tries[0], "%s", LIBCAMERA_MODULE);
	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(tries[ntries++], sizeof tries[0], "%s/%s",
			    self, name);
		}
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(tries[ntries++], sizeof tries[0], "%s/%s",
			    self, name);
		}
	}
	for (i = 0; i < ntries && h == NULL; i++)
		h = dlopen(tries[i], RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
		return errbuf_set(err, errlen, "cannot load the libcamera "
		    "module %s (installed with capture-agent; "
		    "CAPTURE_AGENT_LIBCAMERA names another): %s",
		    LIBCAMERA_MODULE, dlerror());
	*(void **)&api->open = dlsym(h, "lcs_open");
	*(void **)&api->capture = dlsym(h, "lcs_capture");
	*(void **)&api->close = dlsym(h, "lcs_close");
	if (api->open == NULL || api->capture == NULL || api->close == NULL)
		return errbuf_set(err, errlen, "the libcamera module lacks "
		    "lcs_open, lcs_capture or lcs_close");
	return 0;
}

static void *
lc_open(const void *conf, const struct camera_common *cc, char *err,
    size_t errlen)
{
	const struct lc_conf *c = conf;
	struct lcs_settings st;
	struct lc_dev *d;
	char e[CAMERA_ERR_MAX];

	(void)cc;
	memset(&st, 0, sizeof st);
	st.camera = c->camera;
	st.width = c->width;
	st.height = c->height;
	st.raw_width = c->raw_width;
	st.raw_height = c->raw_height;
	st.shutter_us = c->shutter_us;
	st.analogue_gain = c->gain;
	st.awb = c->awb < 0 ? LCS_AWB_DEFAULT : (enum lcs_awb)c->awb;
	st.red_gain = c->red;
	st.blue_gain = c->blue;
	st.sharpness = c->sharpness;
	st.contrast = c->contrast;
	st.saturation = c->saturation;
	if ((d = calloc(1, sizeof *d)) == NULL) {
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	d->conf = c;
	if (load_shim(&d->api, err, errlen) == -1) {
		free(d);
		return NULL;
	}
	if ((d->shim = d->api.open(&st, e, sizeof e)) == NULL) {
		errbuf_set(err, errlen, "libcamera: %s", e);
		free(d);
		return NULL;
	}
	return d;
}

static void
lc_close(void *dev)
{
	struct lc_dev *d = dev;

	if (d == NULL)
		return;
	d->api.close(d->shim);
	free(d);
}

static int
lc_shoot(void *dev, const struct camera_shot *shot, struct camera_frame *f,
    char *err, size_t errlen)
{
	struct lc_dev *d = dev;
	struct lcs_frame fr;
	char e[CAMERA_ERR_MAX];
	long wait = shot->timeout_ms - 200;
	int rc;

	if (d->api.capture(d->shim, wait > 100 ? wait : 100, &fr, e,
	    sizeof e) == -1) {
		errbuf_set(err, errlen, "libcamera: %s", e);
		return -1;
	}
	if (shot->exposed != NULL)
		shot->exposed(shot->exposed_arg);
	if (fr.pixels == LCS_YUV420)
		rc = jpeg_encode_yuv420(fr.plane[0], fr.plane[1], fr.plane[2],
		    fr.width, fr.height, fr.stride[0], fr.stride[1],
		    (int)d->conf->quality, &f->data, &f->len, err, errlen);
	else
		rc = jpeg_encode(fr.plane[0], fr.width, fr.height,
		    (size_t)fr.stride[0], fr.pixels == LCS_BGR888 ?
		    JPEG_PIX_BGR : JPEG_PIX_XRGB, (int)d->conf->quality,
		    &f->data, &f->len, err, errlen);
	f->data_tj = true;
	f->skip_check = true;
	return rc;
}

#else	/* !HAVE_LIBCAMERA */

static void *
lc_open(const void *conf, const struct camera_common *cc, char *err,
    size_t errlen)
{
	(void)conf;
	(void)cc;
	errbuf_set(err, errlen, "capture-agent was built without libcamera "
	    "(install libcamera-dev and rebuild)");
	return NULL;
}

static void
lc_close(void *dev)
{
	(void)dev;
}

static int
lc_shoot(void *dev, const struct camera_shot *shot, struct camera_frame *f,
    char *err, size_t errlen)
{
	(void)dev;
	(void)shot;
	(void)f;
	return errbuf_set(err, errlen, "built without libcamera");
}

#endif

const struct camera_type camera_type_libcamera = {
	.name = "libcamera",
	.conf_new = lc_conf_new,
	.conf_free = free,
	.set = lc_set,
	.check = lc_check,
	.open = lc_open,
	.shoot = lc_shoot,
	.close = lc_close,
	.default_timeout_ms = 10000,
	.keys = "camera, resolution, sensor_mode, shutter_us, iso, "
	    "analogue_gain, awb_mode, awb_gains, sharpness, contrast, "
	    "saturation, quality",
};
