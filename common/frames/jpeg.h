/*
 * jpeg.h: JPEG in memory, for capture-agent's cameras, render and contact
 * sheet, and for gcode-lapse's preview: the one place that calls
 * TurboJPEG (its tj* API) and the one answer to "is this a whole JPEG".
 *
 * Every function that decodes or encodes takes its own TurboJPEG handle and
 * returns an error message in the caller's buffer; none prints or exits
 * (TurboJPEG's libjpeg error manager longjmps back into the library, never
 * calls exit()).  Encoded
 * buffers made here are owned by the caller and freed with jpeg_free(),
 * decoded pixels with free(); buffers a camera hands to these functions
 * may come from jpeg_alloc() or malloc().  Files are frames.h's business.
 */
#ifndef JPEG_H
#define JPEG_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A whole JPEG starts with the SOI marker FF D8 and ends with the EOI
 * marker FF D9, followed by at most this many bytes: cameras pad with
 * zeros or line ends, a tail of anything longer is not a frame.
 */
#define JPEG_PAD_MAX	64

enum jpeg_flip {
	JPEG_FLIP_NONE = 0,
	JPEG_FLIP_HORIZONTAL,
	JPEG_FLIP_VERTICAL,
};

enum jpeg_check_level {
	JPEG_CHECK_MARKERS = 0,	/* SOI, a readable header, EOI at the end */
	JPEG_CHECK_DECODE,	/* markers, then a full decode */
};

enum jpeg_pixels {
	JPEG_PIX_RGB = 0,	/* R, G, B bytes */
	JPEG_PIX_BGR,		/* B, G, R bytes (libcamera's RGB888) */
	JPEG_PIX_XRGB,		/* 32 bits: B, G, R, X bytes (XRGB8888) */
	JPEG_PIX_WORD,		/* a uint32_t 0x00RRGGBB in this CPU's byte
				   order (scene/raster.h's pixels) */
};

unsigned char *jpeg_alloc(size_t len);
void jpeg_free(unsigned char *);

/* Whether head (the first len bytes of a file) starts with SOI. */
bool jpeg_has_start(const unsigned char *head, size_t len);

/* Whether tail (the last len bytes of a file, or all of it) holds EOI
 * with at most JPEG_PAD_MAX bytes after it. */
bool jpeg_has_end(const unsigned char *tail, size_t len);

/* A whole JPEG by its markers: at least 4 bytes, SOI and EOI as above.
 * Without decoding; TurboJPEG's header decode accepts a truncated file. */
bool jpeg_whole(const unsigned char *buf, size_t len);

/*
 * Width and height from the header.  TurboJPEG may take a garbage header
 * without setting them: they are 0 then.  0 ok, -1 err filled with
 * TurboJPEG's words.
 */
int jpeg_size(const unsigned char *buf, size_t len, int *w, int *h,
    char *err, size_t errlen);

/*
 * Is buf a whole JPEG, said as a camera's error?  Checks the start-of-image
 * marker, the header (dimensions stored when w, h are not NULL), and the
 * end-of-image marker as jpeg_whole does.  JPEG_CHECK_DECODE also decodes
 * every pixel.  0 ok, -1 err filled.
 */
int jpeg_check(const unsigned char *buf, size_t len,
    enum jpeg_check_level level, int *w, int *h, char *err, size_t errlen);

/*
 * Lossless rotation (0, 90, 180, 270 degrees clockwise) then flip, as one
 * TurboJPEG transform; partial MCU blocks at the right and bottom edges are
 * trimmed (at most 15 pixels).  *out is a new buffer (jpeg_free) even for
 * the identity.  0 ok, -1 err filled.
 */
int jpeg_transform(const unsigned char *buf, size_t len, int rotate,
    enum jpeg_flip flip, unsigned char **out, size_t *outlen,
    char *err, size_t errlen);

/* Packed pixels (pitch bytes per row) to a 4:2:0 JPEG at quality 1-100. */
int jpeg_encode(const unsigned char *pix, int w, int h, size_t pitch,
    enum jpeg_pixels fmt, int quality, unsigned char **out, size_t *outlen,
    char *err, size_t errlen);

/*
 * Planar YUV 4:2:0 (I420) to JPEG: Y rows of ystride bytes, U and V rows of
 * uvstride bytes.
 */
int jpeg_encode_yuv420(const unsigned char *y, const unsigned char *u,
    const unsigned char *v, int w, int h, int ystride, int uvstride,
    int quality, unsigned char **out, size_t *outlen, char *err,
    size_t errlen);

/*
 * Decode a whole JPEG (jpeg_whole) to packed RGB, scaled down by the
 * TurboJPEG factor that leaves it narrowest while still at least min_width
 * pixels wide (or its own width, when narrower).  *rgb is malloc'ed (free
 * it), *w by *h pixels.  Decoder warnings are tolerated.  0 ok, -1 err
 * filled with the reason alone ("truncated or not a JPEG file").
 */
int jpeg_decode_scaled(const unsigned char *buf, size_t len, int min_width,
    unsigned char **rgb, int *w, int *h, char *err, size_t errlen);

#endif
