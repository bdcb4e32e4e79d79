/*
 * camera_test.c: the synthetic "test" camera.  Encodes (jpeg_encode) a
 * test pattern (colour bars, a moving square) with the frame number and
 * the wall-clock time in big block digits, so a demo video shows at once
 * whether frames are missing or late; or, with picture = print, the
 * printer's print as it stands when the marker fires (print_picture.h),
 * so a demo shows a part growing and a test can see where the head was.
 * Test-only keys simulate a slow exposure, a slow download, a failure or
 * a hang.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "errbuf.h"
#include "num.h"
#include "camera/camera_type.h"
#include "camera/print_picture.h"

enum test_mode { TEST_OK, TEST_FAIL, TEST_HANG };

/* simulate = ..., in the order of enum test_mode */
static const char *const modes[] = { "ok", "fail", "hang", NULL };

struct test_conf {
	int w, h;
	long quality;
	long exposure_ms;	/* before the exposure is "over" */
	long download_ms;	/* after it */
	enum test_mode mode;
	struct print_picture_conf print;
};

/* The worker's side: the settings, and the print's picture when asked. */
struct test_dev {
	const struct test_conf *t;
	struct print_picture *pp;
};

/* 5x7 glyphs for "0123456789:-", one byte per row, low 5 bits. */
static const unsigned char glyphs[12][7] = {
	{ 0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e },	/* 0 */
	{ 0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e },	/* 1 */
	{ 0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f },	/* 2 */
	{ 0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e },	/* 3 */
	{ 0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02 },	/* 4 */
	{ 0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e },	/* 5 */
	{ 0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e },	/* 6 */
	{ 0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08 },	/* 7 */
	{ 0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e },	/* 8 */
	{ 0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c },	/* 9 */
	{ 0x00, 0x0c, 0x0c, 0x00, 0x0c, 0x0c, 0x00 },	/* : */
	{ 0x00, 0x00, 0x00, 0x1f, 0x00, 0x00, 0x00 },	/* - */
};

static void *
test_conf_new(void)
{
	struct test_conf *t = calloc(1, sizeof *t);

	if (t != NULL) {
		t->w = 640;
		t->h = 480;
		t->quality = 85;
		print_picture_conf_init(&t->print);
	}
	return t;
}

static int
test_set(void *conf, const char *key, const char *value, char *err,
    size_t errlen)
{
	struct test_conf *t = conf;
	int i, r;

	if ((r = print_picture_conf_set(&t->print, key, value, err,
	    errlen)) != 1)
		return r;
	if (strcmp(key, "size") == 0)
		return camera_type_size(key, value, &t->w, &t->h, err, errlen);
	if (strcmp(key, "quality") == 0)
		return num_key_long(key, value, 1, 100, &t->quality, err,
		    errlen);
	if (strcmp(key, "exposure_ms") == 0)
		return num_key_long(key, value, 0, 600000, &t->exposure_ms,
		    err, errlen);
	if (strcmp(key, "download_ms") == 0)
		return num_key_long(key, value, 0, 600000, &t->download_ms,
		    err, errlen);
	if (strcmp(key, "simulate") == 0) {
		if (camera_type_choice(key, value, modes, &i, err, errlen) ==
		    -1)
			return -1;
		t->mode = (enum test_mode)i;
		return 0;
	}
	return 1;
}

static int
test_check(void *conf, const struct camera_common *c, char *err,
    size_t errlen)
{
	const struct test_conf *t = conf;

	(void)c;
	return print_picture_conf_check(&t->print, err, errlen);
}

static void *
test_open(const void *conf, const struct camera_common *c, char *err,
    size_t errlen)
{
	const struct test_conf *t = conf;
	struct test_dev *d = calloc(1, sizeof *d);

	if (d == NULL) {
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	d->t = t;
	if (t->print.on && (d->pp = print_picture_new(&t->print, t->w, t->h,
	    c->timeout_ms, err, errlen)) == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

static void
test_close(void *dev)
{
	struct test_dev *d = dev;

	print_picture_free(d->pp);
	free(d);
}

static void
put_text(unsigned char *pix, int w, int h, int x0, int y0, int scale,
    const char *s)
{
	int g, row, col, dx, dy, x, y;

	for (; *s != '\0'; s++, x0 += 6 * scale) {
		if (*s >= '0' && *s <= '9')
			g = *s - '0';
		else if (*s == ':')
			g = 10;
		else if (*s == '-')
			g = 11;
		else
			continue;
		for (row = 0; row < 7; row++)
			for (col = 0; col < 5; col++) {
				if (!(glyphs[g][row] & (0x10 >> col)))
					continue;
				for (dy = 0; dy < scale; dy++)
					for (dx = 0; dx < scale; dx++) {
						x = x0 + col * scale + dx;
						y = y0 + row * scale + dy;
						if (x < 0 || y < 0 || x >= w ||
						    y >= h)
							continue;
						memset(pix + ((size_t)y * w +
						    x) * 3, 0xff, 3);
					}
			}
	}
}

/* The pattern, as packed RGB; the caller frees it. */
static unsigned char *
test_pattern(int w, int h, unsigned frame, time_t now)
{
	static const unsigned char bars[8][3] = {
		{ 192, 192, 192 }, { 192, 192, 0 }, { 0, 192, 192 },
		{ 0, 192, 0 }, { 192, 0, 192 }, { 192, 0, 0 },
		{ 0, 0, 192 }, { 16, 16, 16 },
	};
	unsigned char *pix, *p;
	char text[32];
	struct tm tm;
	int x, y, scale, sq, sx;

	if ((pix = malloc((size_t)w * h * 3)) == NULL)
		return NULL;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			p = pix + ((size_t)y * w + x) * 3;
			if (y < h / 2)
				memcpy(p, bars[x * 8 / w], 3);
			else
				p[0] = p[1] = p[2] =
				    (unsigned char)(x * 255 / w / 4);
		}
	/* A square that walks along the bottom: motion shows gaps. */
	sq = h / 8;
	sx = (int)(frame * (unsigned)sq / 2 % (unsigned)(w - sq > 0 ? w - sq :
	    1));
	for (y = h - sq - 4; y < h - 4 && y >= 0; y++)
		for (x = sx; x < sx + sq && x < w; x++)
			memset(pix + ((size_t)y * w + x) * 3, 0xe0, 3);
	scale = w / 80 > 1 ? w / 80 : 1;
	snprintf(text, sizeof text, "%06u", frame);
	put_text(pix, w, h, scale * 2, h / 2 + scale * 2, scale * 2, text);
	localtime_r(&now, &tm);
	strftime(text, sizeof text, "%H:%M:%S", &tm);
	put_text(pix, w, h, scale * 2, h / 2 + scale * 20, scale, text);
	return pix;
}

static int
test_shoot(void *dev, const struct camera_shot *shot, struct camera_frame *f,
    char *err, size_t errlen)
{
	const struct test_dev *d = dev;
	const struct test_conf *t = d->t;
	const struct raster *r;
	unsigned char *pix;
	int rc;

	if (t->mode == TEST_HANG)
		for (;;)
			clock_sleep_ms(1000);
	if (t->exposure_ms > 0)
		clock_sleep_ms(t->exposure_ms);
	if (t->mode == TEST_FAIL)
		return errbuf_set(err, errlen, "simulated failure");
	if (d->pp != NULL) {
		if (print_picture_take(d->pp, &r, err, errlen) == -1)
			return -1;
		if (shot->exposed != NULL)
			shot->exposed(shot->exposed_arg);
		rc = jpeg_encode((const unsigned char *)r->pixels, r->width,
		    r->height, (size_t)r->width * 4, JPEG_PIX_WORD,
		    (int)t->quality, &f->data, &f->len, err, errlen);
		f->data_tj = true;
		f->skip_check = true;
		return rc;
	}
	if (shot->exposed != NULL)
		shot->exposed(shot->exposed_arg);
	if ((pix = test_pattern(t->w, t->h, shot->frame, time(NULL))) ==
	    NULL)
		return errbuf_set(err, errlen, "out of memory");
	rc = jpeg_encode(pix, t->w, t->h, (size_t)t->w * 3, JPEG_PIX_RGB,
	    (int)t->quality, &f->data, &f->len, err, errlen);
	free(pix);
	f->data_tj = true;
	f->skip_check = true;
	if (rc == 0 && t->download_ms > 0)
		clock_sleep_ms(t->download_ms);
	return rc;
}

const struct camera_type camera_type_test = {
	.name = "test",
	.conf_new = test_conf_new,
	.conf_free = free,
	.set = test_set,
	.check = test_check,
	.open = test_open,
	.shoot = test_shoot,
	.close = test_close,
	.default_timeout_ms = 2000,
	.keys = "size, quality, exposure_ms, download_ms, simulate, "
	    PRINT_PICTURE_KEYS,
};
