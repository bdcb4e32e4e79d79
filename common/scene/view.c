/*
 * view.c: the camera's basis, the near plane, and the two small parsers
 * of view settings.
 *
 * The basis is computed in double and kept in float: the scene's numbers
 * are millimetres within a few metres, where float's 24 bits leave a
 * thousandth of a millimetre.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "errbuf.h"
#include "num.h"
#include "scene/view.h"

#define COORD_MAX 1e5	/* mm: a hundred metres from the bed is not a view */

static void
normalize(double v[3])
{
	double n = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);

	v[0] /= n;
	v[1] /= n;
	v[2] /= n;
}

static void
cross(const double a[3], const double b[3], double out[3])
{
	out[0] = a[1] * b[2] - a[2] * b[1];
	out[1] = a[2] * b[0] - a[0] * b[2];
	out[2] = a[0] * b[1] - a[1] * b[0];
}

int
view_init(struct view *v, const double eye[3], const double at[3],
    double fov_deg, int width, int height, char *err, size_t errlen)
{
	double f[3], r[3], d[3], up[3] = { 0, 0, 1 };

	if (!(fov_deg >= VIEW_FOV_MIN && fov_deg <= VIEW_FOV_MAX))
		return errbuf_set(err, errlen, "field of view %g: from %g to "
		    "%g degrees", fov_deg, VIEW_FOV_MIN, VIEW_FOV_MAX);
	if (width < VIEW_SIZE_MIN || width > VIEW_WIDTH_MAX ||
	    height < VIEW_SIZE_MIN || height > VIEW_HEIGHT_MAX)
		return errbuf_set(err, errlen, "picture size %dx%d: from %dx%d "
		    "to %dx%d", width, height, VIEW_SIZE_MIN, VIEW_SIZE_MIN,
		    VIEW_WIDTH_MAX, VIEW_HEIGHT_MAX);
	for (int i = 0; i < 3; i++) {
		if (!(fabs(eye[i]) <= COORD_MAX && fabs(at[i]) <= COORD_MAX))
			return errbuf_set(err, errlen, "camera and target "
			    "within %g mm of the bed", COORD_MAX);
		f[i] = at[i] - eye[i];
	}
	if (sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]) < 1e-3)
		return errbuf_set(err, errlen, "the camera is where it looks: "
		    "give it a point to look at elsewhere");
	normalize(f);
	/* straight down or up: the picture's up is the bed's back */
	if (fabs(f[2]) > 0.9999) {
		up[1] = 1;
		up[2] = 0;
	}
	cross(f, up, r);
	normalize(r);
	cross(f, r, d);		/* down = forward x right */
	memset(v, 0, sizeof *v);
	v->width = width;
	v->height = height;
	v->fov = fov_deg;
	for (int i = 0; i < 3; i++) {
		v->eye[i] = eye[i];
		v->at[i] = at[i];
		v->right[i] = (float)r[i];
		v->down[i] = (float)d[i];
		v->fwd[i] = (float)f[i];
		v->origin[i] = (float)eye[i];
	}
	/* world +Z seen from the camera: the rows of the basis' Z column */
	v->up[0] = (float)r[2];
	v->up[1] = (float)d[2];
	v->up[2] = (float)f[2];
	v->focal = (float)(width / 2.0 / tan(fov_deg * M_PI / 360.0));
	v->cx = (float)width / 2;
	v->cy = (float)height / 2;
	return 0;
}

void
view_default(double x0, double y0, double x1, double y1, double eye[3],
    double at[3])
{
	double w = x1 - x0, d = y1 - y0, size = w > d ? w : d;

	at[0] = eye[0] = (x0 + x1) / 2;
	at[1] = (y0 + y1) / 2;
	at[2] = 0;
	eye[1] = y0 - size;
	eye[2] = size / 2;
}

void
view_settings_init(struct view_settings *s)
{
	memset(s, 0, sizeof *s);
	s->fov = VIEW_FOV_DEFAULT;
}

int
view_settings_set(struct view_settings *s, const char *key,
    const char *value, char *err, size_t errlen)
{
	char msg[200];
	bool eye = strcmp(key, "camera") == 0;

	if (strcmp(key, "fov") == 0)
		return num_key_double(key, value, VIEW_FOV_MIN, VIEW_FOV_MAX,
		    &s->fov, err, errlen);
	if (!eye && strcmp(key, "look-at") != 0 && strcmp(key, "look_at") != 0)
		return 1;
	if (view_parse_point(value, eye ? s->eye : s->at, msg, sizeof msg) ==
	    -1)
		return errbuf_set(err, errlen, "%s: %s", key, msg);
	*(eye ? &s->eye_set : &s->at_set) = true;
	return 0;
}

int
view_from_settings(struct view *v, const struct view_settings *s,
    const double bed[4], int width, int height, char *err, size_t errlen)
{
	double eye[3], at[3];

	view_default(bed[0], bed[1], bed[2], bed[3], eye, at);
	return view_init(v, s->eye_set ? s->eye : eye, s->at_set ? s->at : at,
	    s->fov, width, height, err, errlen);
}

int
view_clip(const struct view_point *in, int n,
    struct view_point out[VIEW_CLIP_MAX])
{
	int m = 0;

	if (n > VIEW_CLIP_MAX - 2)
		n = VIEW_CLIP_MAX - 2;
	for (int i = 0; i < n; i++) {
		const struct view_point *p = &in[i], *q = &in[(i + 1) % n];
		bool pin = p->z >= VIEW_NEAR_MM, qin = q->z >= VIEW_NEAR_MM;

		if (pin)
			out[m++] = *p;
		if (pin != qin) {
			float s = (VIEW_NEAR_MM - p->z) / (q->z - p->z);

			out[m].x = p->x + (q->x - p->x) * s;
			out[m].y = p->y + (q->y - p->y) * s;
			out[m].z = VIEW_NEAR_MM;
			out[m].t = p->t + (q->t - p->t) * s;
			m++;
		}
	}
	return m;
}

bool
view_box_in_picture(const struct view *v, const double lo[3],
    const double hi[3])
{
	float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
	struct view_point c[8], a, b;
	struct raster_vertex s;
	bool any = false;

	for (int i = 0; i < 8; i++) {
		float p[3] = { (float)(i & 1 ? hi[0] : lo[0]),
		    (float)(i & 2 ? hi[1] : lo[1]),
		    (float)(i & 4 ? hi[2] : lo[2]) }, q[3];

		view_camera(v, p, q);
		c[i] = (struct view_point){ q[0], q[1], q[2], 0 };
	}
	/* every edge of the box, cut at the near plane, projected */
	for (int i = 0; i < 8; i++)
		for (int bit = 1; bit < 8; bit <<= 1) {
			if (i & bit)
				continue;
			a = c[i];
			b = c[i | bit];
			if (a.z < VIEW_NEAR_MM && b.z < VIEW_NEAR_MM)
				continue;
			for (int e = 0; e < 2; e++) {
				struct view_point *p = e ? &b : &a;
				const struct view_point *q = e ? &a : &b;

				if (p->z < VIEW_NEAR_MM) {
					float t = (VIEW_NEAR_MM - p->z) /
					    (q->z - p->z);

					p->x += (q->x - p->x) * t;
					p->y += (q->y - p->y) * t;
					p->z = VIEW_NEAR_MM;
				}
				view_project(v, p, &s);
				x0 = fminf(x0, s.x);
				x1 = fmaxf(x1, s.x);
				y0 = fminf(y0, s.y);
				y1 = fmaxf(y1, s.y);
				any = true;
			}
		}
	return any && x1 > 0 && y1 > 0 && x0 < (float)v->width &&
	    y0 < (float)v->height;
}

int
view_parse_numbers(const char *s, double *out, int n, const char *what,
    char *err, size_t errlen)
{
	char buf[128], *part = buf, *comma;
	enum num_status st;

	if (strlen(s) >= sizeof buf)
		return errbuf_set(err, errlen, "'%.20s...': too long for %s", s,
		    what);
	memcpy(buf, s, strlen(s) + 1);
	for (int i = 0; i < n; i++) {
		comma = strchr(part, ',');
		if ((comma == NULL) != (i == n - 1))
			return errbuf_set(err, errlen, "'%s': expected %s (%d "
			    "numbers in mm)", s, what, n);
		if (comma != NULL)
			*comma = '\0';
		if ((st = num_config(part, -COORD_MAX, COORD_MAX, &out[i])) !=
		    NUM_OK)
			return errbuf_set(err, errlen, "'%s': %s: %s (%s in "
			    "mm, each within %g)", s, part, num_strerror(st),
			    what, COORD_MAX);
		if (comma != NULL)
			part = comma + 1;
	}
	return 0;
}

int
view_parse_point(const char *s, double p[3], char *err, size_t errlen)
{
	return view_parse_numbers(s, p, 3, "X,Y,Z", err, errlen);
}

int
view_parse_size(const char *s, int *width, int *height, char *err,
    size_t errlen)
{
	char buf[64], *x;
	long w, h;

	if (strlen(s) >= sizeof buf)
		return errbuf_set(err, errlen, "'%.20s...': expected "
		    "WIDTHxHEIGHT", s);
	memcpy(buf, s, strlen(s) + 1);
	if ((x = strchr(buf, 'x')) == NULL && (x = strchr(buf, 'X')) == NULL)
		return errbuf_set(err, errlen, "'%s': expected WIDTHxHEIGHT "
		    "(640x480)", s);
	*x = '\0';
	if (num_config_long(buf, VIEW_SIZE_MIN, VIEW_WIDTH_MAX, &w) !=
	    NUM_OK || num_config_long(x + 1, VIEW_SIZE_MIN, VIEW_HEIGHT_MAX,
	    &h) != NUM_OK)
		return errbuf_set(err, errlen, "'%s': expected WIDTHxHEIGHT "
		    "from %dx%d to %dx%d", s, VIEW_SIZE_MIN, VIEW_SIZE_MIN,
		    VIEW_WIDTH_MAX, VIEW_HEIGHT_MAX);
	*width = (int)w;
	*height = (int)h;
	return 0;
}
