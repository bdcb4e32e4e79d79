/*
 * view.h: a camera placed in the printer's space, and what it sees.
 *
 * World points are bed coordinates in mm with Z up; the camera stands at
 * eye, looks at at, and its picture's up is the direction nearest to the
 * world's +Z (+Y when it looks straight down or up).  The field of view is
 * the picture's horizontal angle.  Camera coordinates have x to the right,
 * y down and z forward (the depth); picture coordinates are pixels from
 * the top left corner, pixel (i, j) covering [i, i+1) x [j, j+1).
 *
 * Invariant: a view view_init() accepted has an orthonormal basis and a
 * positive focal length, so a projection is always finite; a point less
 * than VIEW_NEAR_MM in front of the eye is never projected (view_clip()
 * cuts polygons there).
 */
#ifndef VIEW_H
#define VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "scene/raster.h"

#define VIEW_NEAR_MM	1.0f
#define VIEW_SIZE_MIN	16
#define VIEW_WIDTH_MAX	7680
#define VIEW_HEIGHT_MAX	4320
#define VIEW_FOV_MIN	1.0
#define VIEW_FOV_MAX	170.0
#define VIEW_FOV_DEFAULT 40.0
#define VIEW_CLIP_MAX	8	/* vertices view_clip() may return */

struct view {
	int width, height;
	double eye[3], at[3], fov;	/* as given */
	float right[3], down[3], fwd[3];/* the camera's axes, in world */
	float up[3];			/* world +Z, in camera coordinates */
	float origin[3];		/* eye */
	float focal;			/* pixels per unit of x / z */
	float cx, cy;			/* the picture's centre */
};

/*
 * What a user says of a camera, as both programs read it from their
 * settings: where it stands, what it looks at, how wide it sees; what is
 * left unset is view_default()'s.
 */
struct view_settings {
	double eye[3], at[3];
	bool eye_set, at_set;
	double fov;			/* degrees, horizontal */
};

/* A point in camera coordinates with one shading value. */
struct view_point {
	float x, y, z, t;
};

/*
 * Place the camera.  Returns 0, or -1 with err when eye and at are the
 * same point, the field of view is outside [VIEW_FOV_MIN, VIEW_FOV_MAX]
 * or the size outside [VIEW_SIZE_MIN, VIEW_*_MAX].
 */
int view_init(struct view *, const double eye[3], const double at[3],
    double fov_deg, int width, int height, char *err, size_t errlen);

/* Nothing set, fov VIEW_FOV_DEFAULT. */
void view_settings_init(struct view_settings *);

/*
 * One setting: camera = X,Y,Z, look-at (or look_at, as a program spells
 * its keys) = X,Y,Z, fov = degrees.  0 ok, 1 not one of these keys, -1
 * with err naming the key.
 */
int view_settings_set(struct view_settings *, const char *key,
    const char *value, char *err, size_t errlen);

/*
 * The view of the settings over the bed (x0, y0, x1, y1), width x height
 * pixels (view_init()'s checks and errors).
 */
int view_from_settings(struct view *, const struct view_settings *,
    const double bed[4], int width, int height, char *err, size_t errlen);

/*
 * Where the camera goes when the user does not say, for a bed from
 * (x0, y0) to (x1, y1): in front of it, a little above, looking at its
 * centre.
 */
void view_default(double x0, double y0, double x1, double y1, double eye[3],
    double at[3]);

/* World to camera coordinates. */
static inline void
view_camera(const struct view *v, const float p[3], float c[3])
{
	float x = p[0] - v->origin[0], y = p[1] - v->origin[1],
	    z = p[2] - v->origin[2];

	c[0] = v->right[0] * x + v->right[1] * y + v->right[2] * z;
	c[1] = v->down[0] * x + v->down[1] * y + v->down[2] * z;
	c[2] = v->fwd[0] * x + v->fwd[1] * y + v->fwd[2] * z;
}

/* Camera coordinates (z >= VIEW_NEAR_MM) to the picture. */
static inline void
view_project(const struct view *v, const struct view_point *c,
    struct raster_vertex *out)
{
	float iz = 1.0f / c->z;

	out->x = v->cx + v->focal * c->x * iz;
	out->y = v->cy + v->focal * c->y * iz;
	out->z = iz;
	out->t = c->t;
}

/*
 * Cut the convex polygon in[0..n) (camera coordinates, n <= 6) at the
 * near plane z = VIEW_NEAR_MM: out gets the part in front, t
 * interpolated.  Returns its vertex count (0 when nothing is in front).
 */
int view_clip(const struct view_point *in, int n,
    struct view_point out[VIEW_CLIP_MAX]);

/*
 * Does the box lo..hi (world) show in the picture?  True when some of it
 * lies in front of the camera and its projection's bounding rectangle
 * overlaps the picture (what hides it, the print, is not considered).
 */
bool view_box_in_picture(const struct view *, const double lo[3],
    const double hi[3]);

/*
 * n numbers in mm separated by commas ("X,Y,Z" for n = 3, what names
 * them in messages), each within a hundred metres.  Returns 0, or -1 with
 * err saying what is wrong.
 */
int view_parse_numbers(const char *s, double *out, int n, const char *what,
    char *err, size_t errlen);

/* "X,Y,Z" in mm (view_parse_numbers). */
int view_parse_point(const char *s, double p[3], char *err, size_t errlen);

/* "WIDTHxHEIGHT" in pixels, within the limits above (0 or -1 with err). */
int view_parse_size(const char *s, int *width, int *height, char *err,
    size_t errlen);

#endif
