/* test_jpeg.c: the JPEG helpers: check, transform, encode, decode.
 * Storing a frame is test_frames.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <turbojpeg.h>

#include "t.h"
#include "frames/jpeg.h"

/* w x h RGB image whose left half is red, right half blue. */
static unsigned char *
make(int w, int h, size_t *len)
{
	unsigned char *pix = malloc((size_t)w * h * 3), *out = NULL;
	char err[256];
	int x, y;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			unsigned char *p = pix + ((size_t)y * w + x) * 3;

			p[0] = x < w / 2 ? 250 : 0;
			p[1] = 0;
			p[2] = x < w / 2 ? 0 : 250;
		}
	if (jpeg_encode(pix, w, h, (size_t)w * 3, JPEG_PIX_RGB, 90, &out, len,
	    err, sizeof(err)) != 0)
		printf("# encode: %s\n", err);
	free(pix);
	return out;
}

/* Colour of the decoded pixel at (x, y): 'r', 'b' or '?'. */
static char
colour_at(const unsigned char *jpg, size_t len, int x, int y, int *w, int *h)
{
	tjhandle tj = tjInitDecompress();
	unsigned char *pix;
	int sub, cs;
	char c = '?';

	tjDecompressHeader3(tj, jpg, len, w, h, &sub, &cs);
	pix = malloc((size_t)*w * *h * 3);
	if (tjDecompress2(tj, jpg, len, pix, *w, 0, *h, TJPF_RGB, 0) == 0) {
		unsigned char *p = pix + ((size_t)y * *w + x) * 3;

		if (p[0] > 180 && p[2] < 80)
			c = 'r';
		else if (p[2] > 180 && p[0] < 80)
			c = 'b';
	}
	free(pix);
	tjDestroy(tj);
	return c;
}

int
main(void)
{
	char err[256];
	unsigned char *jpg, *out, html[] = "<html>404</html>";
	size_t len, outlen;
	int w, h;

	jpg = make(100, 60, &len);
	T_OK(jpg != NULL && len > 100, "encode RGB 100x60");
	T_EQ_INT(jpeg_check(jpg, len, JPEG_CHECK_MARKERS, &w, &h, err,
	    sizeof(err)), 0, "whole JPEG passes the marker check");
	T_EQ_INT(w * 1000 + h, 100060, "check reports 100x60");
	T_EQ_INT(jpeg_check(jpg, len, JPEG_CHECK_DECODE, NULL, NULL, err,
	    sizeof(err)), 0, "whole JPEG decodes");
	T_EQ_INT(jpeg_check(jpg, len / 2, JPEG_CHECK_MARKERS, NULL, NULL, err,
	    sizeof(err)), -1, "truncated JPEG refused");
	T_EQ_INT(jpeg_check(jpg, len - 20, JPEG_CHECK_MARKERS, NULL, NULL,
	    err, sizeof(err)), -1, "JPEG cut in its data refused");
	T_OK(strstr(err, "truncated") != NULL, "message says truncated: %s",
	    err);
	T_EQ_INT(jpeg_check(html, sizeof(html) - 1, JPEG_CHECK_MARKERS, NULL,
	    NULL, err, sizeof(err)), -1, "HTML refused");
	T_OK(strstr(err, "HTML") != NULL, "message says HTML: %s", err);
	T_EQ_INT(jpeg_check(jpg, 3, JPEG_CHECK_MARKERS, NULL, NULL, err,
	    sizeof(err)), -1, "3 bytes refused");

	/* Padding after EOI is allowed, a missing EOI is not. */
	{
		unsigned char *pad = malloc(len + 8);

		memcpy(pad, jpg, len);
		memset(pad + len, 0, 8);
		T_EQ_INT(jpeg_check(pad, len + 8, JPEG_CHECK_MARKERS, NULL,
		    NULL, err, sizeof(err)), 0, "zero padding after EOI ok");
		pad[len - 1] = 0;
		T_EQ_INT(jpeg_check(pad, len, JPEG_CHECK_MARKERS, NULL, NULL,
		    err, sizeof(err)), -1, "missing EOI refused");
		free(pad);
	}

	/* The marker checks the render and the contact sheet share. */
	{
		unsigned char *pad = malloc(len + JPEG_PAD_MAX + 1), *rgb;

		T_OK(jpeg_whole(jpg, len), "jpeg_whole: a whole JPEG");
		T_OK(!jpeg_whole(jpg, len - 20), "jpeg_whole: cut short");
		T_OK(!jpeg_whole(html, sizeof(html) - 1), "jpeg_whole: HTML");
		memcpy(pad, jpg, len);
		memset(pad + len, '\n', JPEG_PAD_MAX + 1);
		T_OK(jpeg_whole(pad, len + JPEG_PAD_MAX),
		    "jpeg_whole: JPEG_PAD_MAX bytes after EOI");
		T_OK(!jpeg_whole(pad, len + JPEG_PAD_MAX + 1),
		    "jpeg_whole: one more is a tail, not padding");
		T_OK(jpeg_has_end(jpg + len - 10, 10),
		    "jpeg_has_end on the last bytes of a file");
		free(pad);
		T_EQ_INT(jpeg_size(jpg, len, &w, &h, err, sizeof(err)), 0,
		    "jpeg_size");
		T_EQ_INT(w * 1000 + h, 100060, "jpeg_size: 100x60");
		T_EQ_INT(jpeg_decode_scaled(jpg, len, 30, &rgb, &w, &h, err,
		    sizeof(err)), 0, "jpeg_decode_scaled to 30 wide");
		T_EQ_INT(w * 1000 + h, 38023,
		    "scaled by 3/8, the narrowest still 30 wide: 38x23");
		free(rgb);
		T_EQ_INT(jpeg_decode_scaled(jpg, len - 20, 30, &rgb, &w, &h,
		    err, sizeof(err)), -1, "jpeg_decode_scaled: cut short");
		T_OK(rgb == NULL && strstr(err, "truncated") != NULL,
		    "says truncated: %s", err);
	}

	/* Transforms: the red half moves where it should. */
	T_EQ_INT(jpeg_transform(jpg, len, 180, JPEG_FLIP_NONE, &out, &outlen,
	    err, sizeof(err)), 0, "rotate 180");
	T_EQ_INT(colour_at(out, outlen, 5, 5, &w, &h), 'b',
	    "rotate 180: blue on the left");
	jpeg_free(out);
	T_EQ_INT(jpeg_transform(jpg, len, 90, JPEG_FLIP_NONE, &out, &outlen,
	    err, sizeof(err)), 0, "rotate 90");
	T_EQ_INT(colour_at(out, outlen, 5, 5, &w, &h), 'r',
	    "rotate 90: red on top");
	T_EQ_INT(w * 1000 + h, 48100,
	    "rotate 90 trims the partial MCU row that becomes the left edge");
	jpeg_free(out);
	T_EQ_INT(jpeg_transform(jpg, len, 0, JPEG_FLIP_HORIZONTAL, &out,
	    &outlen, err, sizeof(err)), 0, "flip horizontal");
	T_EQ_INT(colour_at(out, outlen, 5, 5, &w, &h), 'b',
	    "flip horizontal: blue on the left");
	jpeg_free(out);
	T_EQ_INT(jpeg_transform(jpg, len, 90, JPEG_FLIP_VERTICAL, &out,
	    &outlen, err, sizeof(err)), 0, "rotate 90 then flip vertical");
	T_EQ_INT(colour_at(out, outlen, 5, h - 5, &w, &h), 'r',
	    "rotate 90 + vertical: red at the bottom");
	jpeg_free(out);
	T_EQ_INT(jpeg_transform(jpg, len, 0, JPEG_FLIP_NONE, &out, &outlen,
	    err, sizeof(err)), 0, "identity copies");
	T_OK(outlen == len && memcmp(out, jpg, len) == 0,
	    "identity is byte for byte");
	jpeg_free(out);
	T_EQ_INT(jpeg_transform(jpg, len, 45, JPEG_FLIP_NONE, &out, &outlen,
	    err, sizeof(err)), -1, "rotate 45 refused");
	T_EQ_INT(jpeg_transform(html, sizeof(html), 90, JPEG_FLIP_NONE, &out,
	    &outlen, err, sizeof(err)), -1, "transform of HTML fails cleanly");

	/* YUV 4:2:0 */
	{
		unsigned char y[32 * 16], u[16 * 8], v[16 * 8];

		memset(y, 128, sizeof(y));
		memset(u, 128, sizeof(u));
		memset(v, 128, sizeof(v));
		T_EQ_INT(jpeg_encode_yuv420(y, u, v, 32, 16, 32, 16, 80, &out,
		    &outlen, err, sizeof(err)), 0, "encode YUV420");
		T_EQ_INT(jpeg_check(out, outlen, JPEG_CHECK_DECODE, &w, &h,
		    err, sizeof(err)), 0, "YUV420 JPEG decodes");
		jpeg_free(out);
		T_EQ_INT(jpeg_encode_yuv420(y, u, v, 32, 16, 8, 16, 80, &out,
		    &outlen, err, sizeof(err)), -1, "bad stride refused");
	}
	T_EQ_INT(jpeg_encode(html, 2, 2, 6, JPEG_PIX_RGB, 0, &out, &outlen,
	    err, sizeof(err)), -1, "quality 0 refused");

	jpeg_free(jpg);
	return t_done();
}
