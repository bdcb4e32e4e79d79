/*
 * render_options.c: the [render] keys, checked one by one as the
 * configuration is read and then together; the frame rate of a fixed
 * length; the names of the video files from a pattern.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "num.h"
#include "render/render_options.h"

#define DEFAULT_FPS	25.0
#define FPS_MIN		0.01
#define FPS_MAX		240.0
#define ROLL_MAX_S	3600.0
#define LENGTH_MAX_S	86400.0

const char *const render_option_keys[] = {
	"auto", "fps", "length_s", "min_fps", "max_fps", "preroll_s",
	"postroll_s", "container", "codec", "crf", "bitrate", "hwaccel",
	"output", "nice", NULL
};

static const struct render_container containers[] = {
	{ "mp4", "mp4", "h264", "h264 h265" },
	{ "mkv", "matroska", "h264", "h264 h265 vp9" },
	{ "webm", "webm", "vp9", "vp9" },
	{ "gif", "gif", "gif", "gif" },
	{ "mov", "mov", "h264", "h264 h265" },
};

static const struct render_codec codecs[] = {
	{ "h264", "libx264", "h264_nvenc", "h264_v4l2m2m", 51, 23 },
	{ "h265", "libx265", "hevc_nvenc", "hevc_v4l2m2m", 51, 28 },
	{ "vp9", "libvpx-vp9", NULL, NULL, 63, 31 },
	{ "gif", "gif", NULL, NULL, 0, 0 },
};

static const char *const hwaccel_names[] = {
	[RENDER_HW_AUTO] = "auto", [RENDER_HW_NONE] = "none",
	[RENDER_HW_NVENC] = "nvenc", [RENDER_HW_V4L2M2M] = "v4l2m2m",
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct render_container *
find_container(const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(containers); i++)
		if (strcmp(containers[i].name, name) == 0)
			return &containers[i];
	return NULL;
}

static const struct render_codec *
find_codec(const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(codecs); i++)
		if (strcmp(codecs[i].name, name) == 0)
			return &codecs[i];
	return NULL;
}

const struct render_container *
render_options_container(const struct render_options *o)
{
	return find_container(o->container);
}

/* The codec set, or the container's default. */
const struct render_codec *
render_options_codec(const struct render_options *o)
{
	const struct render_container *c;

	if (o->codec[0] != '\0')
		return find_codec(o->codec);
	if ((c = find_container(o->container)) == NULL)
		return NULL;
	return find_codec(c->default_codec);
}

void
render_options_init(struct render_options *o)
{
	memset(o, 0, sizeof *o);
	o->auto_render = false;
	o->fps = 0;
	o->length_s = 0;
	o->min_fps = 5;
	o->max_fps = 60;
	snprintf(o->container, sizeof o->container, "mp4");
	o->crf = -1;
	o->bitrate = 0;
	o->hwaccel = RENDER_HW_AUTO;
	o->nice = 10;
}

/* "4M", "2500k", "800000" in bit/s. */
static int
set_bitrate(const char *value, long *out, char *err, size_t errlen)
{
	char num[32];
	size_t len = strlen(value);
	double v, mult = 1;

	while (len > 0 && value[len - 1] == ' ')
		len--;
	if (len > 0 && (value[len - 1] == 'k' || value[len - 1] == 'K')) {
		mult = 1e3;
		len--;
	} else if (len > 0 && value[len - 1] == 'M') {
		mult = 1e6;
		len--;
	}
	if (len == 0 || len >= sizeof num)
		goto bad;
	memcpy(num, value, len);
	num[len] = '\0';
	if (num_config(num, 0, 1e12, &v) != NUM_OK)
		goto bad;
	v *= mult;
	if (v < 1e4 || v > 1e9)
		goto bad;
	*out = lround(v);
	return 0;
bad:
	return errbuf_set(err, errlen, "bitrate = %s: want bit/s from 10k to "
	    "1000M, like 800000, 2500k or 4M", value);
}

/* strlcat, which this glibc lacks: append s to buf, truncating. */
static void
append(char *buf, const char *s, size_t len)
{
	size_t used = strnlen(buf, len);

	if (used < len)
		snprintf(buf + used, len - used, "%s", s);
}

/*
 * container = NAME or codec = NAME: one of its table into dst, or the
 * message that lists them ("want one of mp4, mkv, webm, gif, mov").
 */
static int
set_name(const char *key, const char *value, bool codec, char *dst,
    size_t dstlen, char *err, size_t errlen)
{
	char names[128];
	size_t i, n = codec ? NELEM(codecs) : NELEM(containers);

	if (codec ? find_codec(value) != NULL : find_container(value) != NULL) {
		snprintf(dst, dstlen, "%s", value);
		return 0;
	}
	names[0] = '\0';
	for (i = 0; i < n; i++) {
		append(names, i ? ", " : "", sizeof names);
		append(names, codec ? codecs[i].name : containers[i].name,
		    sizeof names);
	}
	return errbuf_set(err, errlen, "%s = %s: want one of %s", key, value,
	    names);
}

/* The name of every key, for the message about an unknown one. */
static int
unknown_key(const char *key, char *err, size_t errlen)
{
	char names[160];
	size_t i;

	names[0] = '\0';
	for (i = 0; render_option_keys[i] != NULL; i++) {
		append(names, i ? ", " : "", sizeof names);
		append(names, render_option_keys[i], sizeof names);
	}
	return errbuf_set(err, errlen, "unknown key %s (known: %s)", key,
	    names);
}

int
render_options_set(struct render_options *o, const char *key,
    const char *value, char *err, size_t errlen)
{
	long l;
	size_t i;

	if (strcmp(key, "auto") == 0)
		return num_key_bool(key, value, &o->auto_render, err, errlen);
	if (strcmp(key, "fps") == 0)
		return num_key_double(key, value, FPS_MIN, FPS_MAX, &o->fps,
		    err, errlen);
	if (strcmp(key, "length_s") == 0)
		return num_key_double(key, value, 0.1, LENGTH_MAX_S,
		    &o->length_s, err, errlen);
	if (strcmp(key, "min_fps") == 0)
		return num_key_double(key, value, FPS_MIN, FPS_MAX,
		    &o->min_fps, err, errlen);
	if (strcmp(key, "max_fps") == 0)
		return num_key_double(key, value, FPS_MIN, FPS_MAX,
		    &o->max_fps, err, errlen);
	if (strcmp(key, "preroll_s") == 0)
		return num_key_double(key, value, 0, ROLL_MAX_S,
		    &o->preroll_s, err, errlen);
	if (strcmp(key, "postroll_s") == 0)
		return num_key_double(key, value, 0, ROLL_MAX_S,
		    &o->postroll_s, err, errlen);
	if (strcmp(key, "bitrate") == 0)
		return set_bitrate(value, &o->bitrate, err, errlen);
	if (strcmp(key, "crf") == 0) {
		if (num_key_long(key, value, 0, 63, &l, err, errlen) == -1)
			return -1;
		o->crf = (int)l;
		return 0;
	}
	if (strcmp(key, "nice") == 0) {
		if (num_key_long(key, value, 0, 19, &l, err, errlen) == -1)
			return -1;
		o->nice = (int)l;
		return 0;
	}
	if (strcmp(key, "container") == 0)
		return set_name(key, value, false, o->container,
		    sizeof o->container, err, errlen);
	if (strcmp(key, "codec") == 0)
		return set_name(key, value, true, o->codec, sizeof o->codec,
		    err, errlen);
	if (strcmp(key, "hwaccel") == 0) {
		for (i = 0; i < NELEM(hwaccel_names); i++)
			if (strcmp(value, hwaccel_names[i]) == 0) {
				o->hwaccel = (enum render_hwaccel)i;
				return 0;
			}
		return errbuf_set(err, errlen, "hwaccel = %s: want one of "
		    "auto, none, nvenc, v4l2m2m", value);
	}
	if (strcmp(key, "output") == 0) {
		if (strlen(value) >= sizeof o->output)
			return errbuf_set(err, errlen, "output: longer than "
			    "%zu bytes", sizeof o->output - 1);
		snprintf(o->output, sizeof o->output, "%s", value);
		return 0;
	}
	return unknown_key(key, err, errlen);
}

int
render_options_check(const struct render_options *o, char *err,
    size_t errlen)
{
	const struct render_container *ct;
	const struct render_codec *cd;
	const char *p;
	size_t n;

	if (o->fps > 0 && o->length_s > 0)
		return errbuf_set(err, errlen, "fps and length_s exclude each "
		    "other: a fixed frame rate or a fixed length");
	if (o->crf >= 0 && o->bitrate > 0)
		return errbuf_set(err, errlen, "crf and bitrate exclude each "
		    "other");
	if (o->min_fps > o->max_fps)
		return errbuf_set(err, errlen, "min_fps %g is above max_fps %g",
		    o->min_fps, o->max_fps);
	if ((ct = find_container(o->container)) == NULL ||
	    (cd = render_options_codec(o)) == NULL)
		return errbuf_set(err, errlen, "container %s or codec %s "
		    "unknown", o->container, o->codec);
	n = strlen(cd->name);
	for (p = ct->codecs; (p = strstr(p, cd->name)) != NULL; p += n)
		if (p[n] == '\0' || p[n] == ' ')
			break;
	if (p == NULL)
		return errbuf_set(err, errlen, "codec %s does not fit "
		    "container %s (%s wants %s)", cd->name, ct->name, ct->name,
		    ct->codecs);
	if (cd->crf_max == 0 && (o->crf >= 0 || o->bitrate > 0))
		return errbuf_set(err, errlen, "crf and bitrate do not apply "
		    "to %s", cd->name);
	if (o->crf > cd->crf_max)
		return errbuf_set(err, errlen, "crf %d: %s allows 0 to %d",
		    o->crf, cd->name, cd->crf_max);
	return 0;
}

double
render_fps(const struct render_options *o, size_t frames)
{
	double fps;

	if (o->length_s <= 0)
		return o->fps > 0 ? o->fps : DEFAULT_FPS;
	fps = (double)frames / o->length_s;
	if (fps < o->min_fps)
		fps = o->min_fps;
	if (fps > o->max_fps)
		fps = o->max_fps;
	return fps;
}

long
render_roll_frames(double seconds, double fps)
{
	return seconds > 0 ? lround(seconds * fps) : 0;
}

/* Expand {sequence} {camera} {ext} of pattern into path. */
static int
expand(const char *pattern, const char *seqname, const char *camera,
    const char *ext, char *path, size_t pathlen, char *err, size_t errlen)
{
	const char *p, *value, *slash, *dot;
	size_t used = 0, n;
	bool has_camera = false;
	char tail[NAME_MAX + 2];

	for (p = pattern; *p != '\0'; ) {
		if (strncmp(p, "{sequence}", 10) == 0) {
			value = seqname;
			n = 10;
		} else if (strncmp(p, "{camera}", 8) == 0) {
			value = camera;
			has_camera = true;
			n = 8;
		} else if (strncmp(p, "{ext}", 5) == 0) {
			value = ext;
			n = 5;
		} else if (*p == '{') {
			return errbuf_set(err, errlen, "%s: unknown {...} in "
			    "the output pattern (known: {sequence}, {camera}, "
			    "{ext})", pattern);
		} else {
			if (used + 1 >= pathlen)
				goto toolong;
			path[used++] = *p++;
			continue;
		}
		if (used + strlen(value) >= pathlen)
			goto toolong;
		memcpy(path + used, value, strlen(value));
		used += strlen(value);
		p += n;
	}
	path[used] = '\0';
	if (camera[0] == '\0' || has_camera)
		return 0;
	/* several cameras and no {camera}: NAME-CAM.EXT */
	slash = strrchr(path, '/');
	dot = strrchr(slash ? slash : path, '.');
	if (dot == NULL || dot == (slash ? slash + 1 : path))
		dot = path + used;
	if (snprintf(tail, sizeof tail, "%s", dot) >= (int)sizeof tail ||
	    used + 1 + strlen(camera) >= pathlen)
		goto toolong;
	snprintf(path + (dot - path), pathlen - (dot - path), "-%s%s", camera,
	    tail);
	return 0;
toolong:
	return errbuf_set(err, errlen, "%s: output path too long", pattern);
}

int
render_output_path(const struct render_options *o, const char *out,
    const char *sequence_dir, const char *camera, char *path, size_t pathlen,
    char *err, size_t errlen)
{
	char real[PATH_MAX], pattern[PATH_MAX + 32], *seqname;
	struct stat st;
	size_t len;

	if (out == NULL)
		out = o->output;
	if (camera == NULL)
		camera = "";
	if (realpath(sequence_dir, real) == NULL)
		return errbuf_set(err, errlen, "%s: %s", sequence_dir,
		    strerror(errno));
	seqname = strrchr(real, '/') + 1;
	len = strlen(out);
	if (len == 0) {
		/* next to the sequence folder */
		if (seqname == real + 1)
			snprintf(pattern, sizeof pattern,
			    "/{sequence}.{ext}");
		else
			snprintf(pattern, sizeof pattern,
			    "%.*s/{sequence}.{ext}", (int)(seqname - real - 1),
			    real);
	} else if (out[len - 1] == '/' ||
	    (stat(out, &st) == 0 && S_ISDIR(st.st_mode))) {
		if (snprintf(pattern, sizeof pattern, "%.*s/{sequence}.{ext}",
		    (int)(out[len - 1] == '/' ? len - 1 : len), out) >=
		    (int)sizeof pattern)
			goto toolong;
	} else if (snprintf(pattern, sizeof pattern, "%s", out) >=
	    (int)sizeof pattern)
		goto toolong;
	return expand(pattern, seqname, camera, o->container, path, pathlen,
	    err, errlen);
toolong:
	return errbuf_set(err, errlen, "%s: output path too long", out);
}


const char *
render_hwaccel_name(enum render_hwaccel hw)
{
	return (size_t)hw < NELEM(hwaccel_names) ? hwaccel_names[hw] : "?";
}
