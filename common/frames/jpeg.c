/*
 * jpeg.c: marker checks, header reads, scaled decoding, lossless
 * transforms and encoding of JPEG frames with TurboJPEG 2.1 (tj* API).
 *
 * Invariant: nothing here trusts a length it did not check.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <turbojpeg.h>

#include "errbuf.h"
#include "frames/jpeg.h"

#define CHECK_ERR_MAX	200	/* TurboJPEG's words, before our own */

unsigned char *
jpeg_alloc(size_t len)
{
	if (len == 0 || len > INT_MAX)
		return NULL;
	return tjAlloc((int)len);
}

void
jpeg_free(unsigned char *buf)
{
	if (buf != NULL)
		tjFree(buf);
}

static void
tj_error(tjhandle tj, const char *what, char *err, size_t errlen)
{
	errbuf_set(err, errlen, "%s: %s", what, tj != NULL ? tjGetErrorStr2(tj)
	    : "cannot start TurboJPEG");
}

/* Every pixel of a JPEG whose header said w x h, stopping at a warning. */
static int
decode_all(const unsigned char *buf, size_t len, int w, int h, char *err,
    size_t errlen)
{
	unsigned char *pix;
	tjhandle tj;
	int rc = 0;

	if ((tj = tjInitDecompress()) == NULL) {
		tj_error(NULL, "JPEG check", err, errlen);
		return -1;
	}
	if ((pix = malloc((size_t)w * (size_t)h)) == NULL)
		rc = errbuf_set(err, errlen, "JPEG check: out of memory");
	else if (tjDecompress2(tj, buf, (unsigned long)len, pix, w, 0, h,
	    TJPF_GRAY, TJFLAG_STOPONWARNING) != 0) {
		tj_error(tj, "corrupt JPEG data", err, errlen);
		rc = -1;
	}
	free(pix);
	tjDestroy(tj);
	return rc;
}

bool
jpeg_has_start(const unsigned char *head, size_t len)
{
	return len >= 2 && head[0] == 0xFF && head[1] == 0xD8;
}

bool
jpeg_has_end(const unsigned char *tail, size_t len)
{
	size_t i, pad = 0;

	for (i = len; i >= 2 && pad <= JPEG_PAD_MAX; i--, pad++)
		if (tail[i - 2] == 0xFF && tail[i - 1] == 0xD9)
			return true;
	return false;
}

bool
jpeg_whole(const unsigned char *buf, size_t len)
{
	return len >= 4 && jpeg_has_start(buf, len) && jpeg_has_end(buf, len);
}

int
jpeg_size(const unsigned char *buf, size_t len, int *w, int *h, char *err,
    size_t errlen)
{
	tjhandle tj;
	int sub, cs, rc = 0;

	*w = *h = 0;
	if (len > INT_MAX)
		return errbuf_set(err, errlen, "JPEG too large (%zu bytes)",
		    len);
	if ((tj = tjInitDecompress()) == NULL)
		return errbuf_set(err, errlen, "%s", tjGetErrorStr2(NULL));
	if (tjDecompressHeader3(tj, buf, (unsigned long)len, w, h, &sub,
	    &cs) != 0)
		rc = errbuf_set(err, errlen, "%s", tjGetErrorStr2(tj));
	tjDestroy(tj);
	return rc;
}

int
jpeg_check(const unsigned char *buf, size_t len, enum jpeg_check_level level,
    int *wp, int *hp, char *err, size_t errlen)
{
	int w, h;
	char e[CHECK_ERR_MAX];

	if (len < 4 || !jpeg_has_start(buf, len))
		return errbuf_set(err, errlen, "not a JPEG (%zu bytes, starts "
		    "%s)", len, len > 0 && buf[0] == '<' ? "like HTML" :
		    "without FF D8");
	if (len > INT_MAX)
		return errbuf_set(err, errlen, "JPEG too large (%zu bytes)",
		    len);
	if (jpeg_size(buf, len, &w, &h, e, sizeof e) == -1)
		return errbuf_set(err, errlen, "bad JPEG header: %s", e);
	if (!jpeg_has_end(buf, len))
		return errbuf_set(err, errlen, "truncated JPEG: no end marker "
		    "in %zu bytes (%dx%d)", len, w, h);
	if (level == JPEG_CHECK_DECODE && decode_all(buf, len, w, h, err,
	    errlen) == -1)
		return -1;
	if (wp != NULL)
		*wp = w;
	if (hp != NULL)
		*hp = h;
	return 0;
}

int
jpeg_decode_scaled(const unsigned char *buf, size_t len, int min_width,
    unsigned char **rgb, int *w, int *h, char *err, size_t errlen)
{
	tjscalingfactor *sf, best = { 1, 1 };
	tjhandle tj;
	int iw, ih, n, i, sw, bw = 0;

	*rgb = NULL;
	if (!jpeg_whole(buf, len))
		return errbuf_set(err, errlen, "truncated or not a JPEG file");
	if (jpeg_size(buf, len, &iw, &ih, err, errlen) == -1)
		return -1;
	if (iw < 1 || ih < 1 || iw > 65535 || ih > 65535)
		return errbuf_set(err, errlen, "%dx%d pixels", iw, ih);
	if ((sf = tjGetScalingFactors(&n)) != NULL) {
		for (i = 0; i < n; i++) {
			sw = TJSCALED(iw, sf[i]);
			if (sw >= (min_width < iw ? min_width : iw) &&
			    (bw == 0 || sw < bw)) {
				bw = sw;
				best = sf[i];
			}
		}
	}
	*w = TJSCALED(iw, best);
	*h = TJSCALED(ih, best);
	if ((*rgb = malloc((size_t)*w * *h * 3)) == NULL)
		return errbuf_set(err, errlen, "out of memory");
	if ((tj = tjInitDecompress()) == NULL) {
		errbuf_set(err, errlen, "%s", tjGetErrorStr2(NULL));
		goto fail;
	}
	if (tjDecompress2(tj, buf, (unsigned long)len, *rgb, *w, 0, *h,
	    TJPF_RGB, 0) == -1 && tjGetErrorCode(tj) != TJERR_WARNING) {
		errbuf_set(err, errlen, "%s", tjGetErrorStr2(tj));
		tjDestroy(tj);
		goto fail;
	}
	tjDestroy(tj);
	return 0;
fail:
	free(*rgb);
	*rgb = NULL;
	return -1;
}

/* Rotation (clockwise) then flip, as one element of the dihedral group. */
static int
transform_op(int rotate, enum jpeg_flip flip)
{
	static const int op[4][3] = {
		/*         none, horizontal, vertical */
		/*   0 */ { TJXOP_NONE, TJXOP_HFLIP, TJXOP_VFLIP },
		/*  90 */ { TJXOP_ROT90, TJXOP_TRANSPOSE, TJXOP_TRANSVERSE },
		/* 180 */ { TJXOP_ROT180, TJXOP_VFLIP, TJXOP_HFLIP },
		/* 270 */ { TJXOP_ROT270, TJXOP_TRANSVERSE, TJXOP_TRANSPOSE },
	};

	if (rotate % 90 != 0 || rotate < 0 || rotate > 270 ||
	    (int)flip < 0 || (int)flip > 2)
		return -1;
	return op[rotate / 90][flip];
}

int
jpeg_transform(const unsigned char *buf, size_t len, int rotate,
    enum jpeg_flip flip, unsigned char **out, size_t *outlen, char *err,
    size_t errlen)
{
	tjhandle tj;
	tjtransform xf;
	unsigned char *dst = NULL;
	unsigned long dstlen = 0;
	int op;

	*out = NULL;
	*outlen = 0;
	if ((op = transform_op(rotate, flip)) == -1)
		return errbuf_set(err, errlen, "bad transform (rotate %d, flip "
		    "%d)", rotate, (int)flip);
	if (len == 0 || len > INT_MAX)
		return errbuf_set(err, errlen, "bad JPEG length %zu", len);
	if (op == TJXOP_NONE) {
		if ((dst = jpeg_alloc(len)) == NULL)
			return errbuf_set(err, errlen, "out of memory");
		memcpy(dst, buf, len);
		*out = dst;
		*outlen = len;
		return 0;
	}
	if ((tj = tjInitTransform()) == NULL) {
		tj_error(NULL, "JPEG transform", err, errlen);
		return -1;
	}
	memset(&xf, 0, sizeof xf);
	xf.op = op;
	xf.options = TJXOPT_TRIM;
	if (tjTransform(tj, buf, (unsigned long)len, 1, &dst, &dstlen, &xf,
	    0) != 0) {
		tj_error(tj, "JPEG transform", err, errlen);
		tjFree(dst);
		tjDestroy(tj);
		return -1;
	}
	tjDestroy(tj);
	*out = dst;
	*outlen = dstlen;
	return 0;
}

static int
check_size(int w, int h, int quality, char *err, size_t errlen)
{
	if (w <= 0 || h <= 0 || w > 65500 || h > 65500)
		return errbuf_set(err, errlen, "bad image size %dx%d", w, h);
	if (quality < 1 || quality > 100)
		return errbuf_set(err, errlen, "bad JPEG quality %d (1-100)",
		    quality);
	return 0;
}

/*
 * The end of an encode: rc is the tjCompress call's result, which has
 * written dst and dstlen.  Hand the buffer over, or report and free it;
 * the compressor is destroyed either way.
 */
static int
encode_done(tjhandle tj, int rc, const char *what, unsigned char *dst,
    unsigned long dstlen, unsigned char **out, size_t *outlen, char *err,
    size_t errlen)
{
	if (rc != 0) {
		tj_error(tj, what, err, errlen);
		tjFree(dst);
		tjDestroy(tj);
		return -1;
	}
	tjDestroy(tj);
	*out = dst;
	*outlen = dstlen;
	return 0;
}

int
jpeg_encode(const unsigned char *pix, int w, int h, size_t pitch,
    enum jpeg_pixels fmt, int quality, unsigned char **out, size_t *outlen,
    char *err, size_t errlen)
{
	tjhandle tj;
	int rc;
	unsigned char *dst = NULL;
	unsigned long dstlen = 0;
	int pf, bpp;

	*out = NULL;
	*outlen = 0;
	if (check_size(w, h, quality, err, errlen) == -1)
		return -1;
	switch (fmt) {
	case JPEG_PIX_RGB:
		pf = TJPF_RGB;
		bpp = 3;
		break;
	case JPEG_PIX_BGR:
		pf = TJPF_BGR;
		bpp = 3;
		break;
	case JPEG_PIX_XRGB:
		pf = TJPF_BGRX;
		bpp = 4;
		break;
	case JPEG_PIX_WORD:
		pf = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? TJPF_BGRX :
		    TJPF_XRGB;
		bpp = 4;
		break;
	default:
		return errbuf_set(err, errlen, "unknown pixel format %d",
		    (int)fmt);
	}
	if (pitch < (size_t)w * (size_t)bpp || pitch > INT_MAX)
		return errbuf_set(err, errlen, "bad row pitch %zu for width %d",
		    pitch, w);
	if ((tj = tjInitCompress()) == NULL) {
		tj_error(NULL, "JPEG encode", err, errlen);
		return -1;
	}
	rc = tjCompress2(tj, pix, w, (int)pitch, h, pf, &dst, &dstlen,
	    TJSAMP_420, quality, 0);
	return encode_done(tj, rc, "JPEG encode", dst, dstlen, out, outlen,
	    err, errlen);
}

int
jpeg_encode_yuv420(const unsigned char *y, const unsigned char *u,
    const unsigned char *v, int w, int h, int ystride, int uvstride,
    int quality, unsigned char **out, size_t *outlen, char *err,
    size_t errlen)
{
	tjhandle tj;
	int rc;
	const unsigned char *planes[3] = { y, u, v };
	int strides[3] = { ystride, uvstride, uvstride };
	unsigned char *dst = NULL;
	unsigned long dstlen = 0;

	*out = NULL;
	*outlen = 0;
	if (check_size(w, h, quality, err, errlen) == -1)
		return -1;
	if (ystride < w || uvstride < (w + 1) / 2)
		return errbuf_set(err, errlen, "bad YUV strides %d/%d for "
		    "width %d", ystride, uvstride, w);
	if ((tj = tjInitCompress()) == NULL) {
		tj_error(NULL, "JPEG encode", err, errlen);
		return -1;
	}
	rc = tjCompressFromYUVPlanes(tj, planes, w, strides, h, TJSAMP_420,
	    &dst, &dstlen, quality, 0);
	return encode_done(tj, rc, "JPEG encode (YUV)", dst, dstlen, out,
	    outlen, err, errlen);
}
