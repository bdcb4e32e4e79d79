/*
 * libcamera_shim.h: the C face of a small C++ shim over libcamera, built
 * only when libcamera is present (HAVE_LIBCAMERA).
 *
 * The shim opens one camera, streams continuously into a few buffers (so
 * the automatic exposure and white balance keep converging between shots)
 * and hands out the first frame completed after each capture call, as
 * planes in the shim's own memory, valid until the next call.  No C++
 * exception crosses this interface; errors come back in err.
 */
#ifndef LIBCAMERA_SHIM_H
#define LIBCAMERA_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum lcs_awb {
	LCS_AWB_DEFAULT = -1,	/* leave the camera's choice */
	LCS_AWB_AUTO = 0,
	LCS_AWB_INCANDESCENT,
	LCS_AWB_TUNGSTEN,
	LCS_AWB_FLUORESCENT,
	LCS_AWB_INDOOR,
	LCS_AWB_DAYLIGHT,
	LCS_AWB_CLOUDY,
	LCS_AWB_OFF,		/* manual colour gains */
};

struct lcs_settings {
	const char *camera;	/* id, or NULL/"" for the first camera */
	int width, height;	/* 0: the camera's still default */
	int raw_width, raw_height;	/* sensor mode by size, 0: auto */
	long shutter_us;	/* 0: automatic exposure */
	double analogue_gain;	/* 0: automatic */
	enum lcs_awb awb;
	double red_gain, blue_gain;	/* 0: not set */
	double sharpness, contrast, saturation;	/* < 0: not set */
};

enum lcs_pixels { LCS_YUV420, LCS_BGR888, LCS_XRGB8888 };

struct lcs_frame {
	const unsigned char *plane[3];
	int stride[3];
	int width, height;
	enum lcs_pixels pixels;
};

struct lcs;

struct lcs *lcs_open(const struct lcs_settings *, char *err, size_t errlen);
/* 0 ok (frame filled, valid until the next call), -1 err filled. */
int lcs_capture(struct lcs *, long timeout_ms, struct lcs_frame *,
    char *err, size_t errlen);
void lcs_close(struct lcs *);

#ifdef __cplusplus
}
#endif

#endif
