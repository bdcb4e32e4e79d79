/*
 * raster.c: span filling with edge functions.
 *
 * Each edge of the polygon is a line a*x + b*y + c = 0 oriented so the
 * inside is positive.  For one row of pixel centres every edge bounds x
 * on one side (a > 0: from the left, inclusive; a < 0: from the right,
 * exclusive; a = 0: the whole row or nothing), so a row is one span found
 * with n divisions and then written without any further test but the
 * depth.  Depth and t are planes over the screen, taken from the fan
 * triangle of largest area (the most accurate), stepped by one addition
 * per pixel.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "scene/raster.h"

struct raster *
raster_new(int width, int height)
{
	struct raster *r;
	size_t n = (size_t)width * (size_t)height;

	if (width < 1 || height < 1 || (r = calloc(1, sizeof *r)) == NULL)
		return NULL;
	r->width = width;
	r->height = height;
	r->pixels = malloc(n * sizeof *r->pixels);
	r->depth = malloc(n * sizeof *r->depth);
	if (r->pixels == NULL || r->depth == NULL) {
		raster_free(r);
		return NULL;
	}
	raster_clear(r, 0, 0);
	return r;
}

void
raster_free(struct raster *r)
{
	if (r == NULL)
		return;
	free(r->pixels);
	free(r->depth);
	free(r);
}

static uint32_t
mix(uint32_t a, uint32_t b, int num, int den)
{
	int r = (int)RASTER_R(a) + ((int)RASTER_R(b) - (int)RASTER_R(a)) *
	    num / den;
	int g = (int)RASTER_G(a) + ((int)RASTER_G(b) - (int)RASTER_G(a)) *
	    num / den;
	int bl = (int)RASTER_B(a) + ((int)RASTER_B(b) - (int)RASTER_B(a)) *
	    num / den;

	return RASTER_RGB(r, g, bl);
}

void
raster_clear(struct raster *r, uint32_t top, uint32_t bottom)
{
	size_t n = (size_t)r->width * (size_t)r->height;

	for (int y = 0; y < r->height; y++) {
		uint32_t c = mix(top, bottom, y, r->height > 1 ?
		    r->height - 1 : 1);
		uint32_t *row = r->pixels + (size_t)y * r->width;

		for (int x = 0; x < r->width; x++)
			row[x] = c;
	}
	memset(r->depth, 0, n * sizeof *r->depth);
}

void
raster_copy(struct raster *dst, const struct raster *src)
{
	size_t n = (size_t)src->width * (size_t)src->height;

	memcpy(dst->pixels, src->pixels, n * sizeof *src->pixels);
	memcpy(dst->depth, src->depth, n * sizeof *src->depth);
}

/* A value over the screen: v(x, y) = v0 + dx * (x - x0) + dy * (y - y0). */
struct plane {
	float v0, dx, dy;
};

static void
plane_of(struct plane *p, const struct raster_vertex *a,
    const struct raster_vertex *b, const struct raster_vertex *c, float va,
    float vb, float vc, float inv_area)
{
	float x1 = b->x - a->x, y1 = b->y - a->y;
	float x2 = c->x - a->x, y2 = c->y - a->y;

	p->v0 = va;
	p->dx = ((vb - va) * y2 - (vc - va) * y1) * inv_area;
	p->dy = ((vc - va) * x1 - (vb - va) * x2) * inv_area;
}

static inline uint32_t
shade(uint32_t c, float light)
{
	float r = (float)RASTER_R(c) * light, g = (float)RASTER_G(c) * light,
	    b = (float)RASTER_B(c) * light;

	return RASTER_RGB(r < 255 ? (int)r : 255, g < 255 ? (int)g : 255,
	    b < 255 ? (int)b : 255);
}

int
raster_fill(struct raster *r, const struct raster_vertex *v, int n,
    const struct raster_paint *paint)
{
	float a[RASTER_POLY_MAX], b[RASTER_POLY_MAX], c[RASTER_POLY_MAX];
	float inv_a[RASTER_POLY_MAX];
	float area = 0, best = 0, ymin, ymax, sign;
	struct plane pz, pt;
	uint32_t flat = 0;
	int k = 1, y0, y1, written = 0;
	bool is_flat = paint->diffuse == 0;

	if (n < 3 || n > RASTER_POLY_MAX)
		return 0;
	ymin = ymax = v[0].y;
	for (int i = 0; i < n; i++) {
		const struct raster_vertex *p = &v[i], *q = &v[(i + 1) % n];

		area += p->x * q->y - q->x * p->y;
		if (p->y < ymin)
			ymin = p->y;
		if (p->y > ymax)
			ymax = p->y;
	}
	if (!(fabsf(area) > 1e-9f) || !isfinite(area))
		return 0;
	sign = area > 0 ? 1.0f : -1.0f;
	for (int i = 0; i < n; i++) {
		const struct raster_vertex *p = &v[i], *q = &v[(i + 1) % n];
		float ex = q->x - p->x, ey = q->y - p->y;

		a[i] = -sign * ey;
		b[i] = sign * ex;
		c[i] = sign * (ey * p->x - ex * p->y);
		inv_a[i] = a[i] != 0 ? 1.0f / a[i] : 0;
	}
	/* the planes from the fan triangle of largest area */
	for (int i = 1; i + 1 < n; i++) {
		float t = (v[i].x - v[0].x) * (v[i + 1].y - v[0].y) -
		    (v[i + 1].x - v[0].x) * (v[i].y - v[0].y);

		if (fabsf(t) > best) {
			best = fabsf(t);
			k = i;
		}
	}
	{
		float t = (v[k].x - v[0].x) * (v[k + 1].y - v[0].y) -
		    (v[k + 1].x - v[0].x) * (v[k].y - v[0].y);

		if (!(fabsf(t) > 1e-9f))
			return 0;
		plane_of(&pz, &v[0], &v[k], &v[k + 1], v[0].z, v[k].z,
		    v[k + 1].z, 1.0f / t);
		plane_of(&pt, &v[0], &v[k], &v[k + 1], v[0].t, v[k].t,
		    v[k + 1].t, 1.0f / t);
	}
	if (is_flat)
		flat = shade(paint->colour, paint->ambient);
	y0 = ymin - 0.5f > 0 ? (int)ceilf(ymin - 0.5f) : 0;
	y1 = ymax - 0.5f < (float)r->height ? (int)ceilf(ymax - 0.5f) :
	    r->height;
	for (int y = y0; y < y1; y++) {
		float py = (float)y + 0.5f, left = 0, right = (float)r->width;
		int xs, xe;

		for (int i = 0; i < n; i++) {
			float val = b[i] * py + c[i];

			if (a[i] > 0) {
				float bound = -val * inv_a[i];

				if (bound > left)
					left = bound;
			} else if (a[i] < 0) {
				float bound = -val * inv_a[i];

				if (bound < right)
					right = bound;
			} else if (b[i] > 0 ? val < 0 : val <= 0) {
				right = left;	/* the row is outside */
			}
		}
		if (!(right > left))
			continue;
		xs = left > 0 ? (int)ceilf(left - 0.5f) : 0;
		xe = right < (float)r->width ? (int)ceilf(right - 0.5f) :
		    r->width;
		if (xs < 0)
			xs = 0;
		if (xe > r->width)
			xe = r->width;
		if (xs >= xe)
			continue;
		{
			float px = (float)xs + 0.5f;
			float z = pz.v0 + pz.dx * (px - v[0].x) +
			    pz.dy * (py - v[0].y);
			float t = pt.v0 + pt.dx * (px - v[0].x) +
			    pt.dy * (py - v[0].y);
			uint32_t *pix = r->pixels + (size_t)y * r->width;
			float *dep = r->depth + (size_t)y * r->width;

			for (int x = xs; x < xe; x++, z += pz.dx, t += pt.dx) {
				float tt, lam;

				if (!(z > dep[x]))
					continue;
				dep[x] = z;
				written++;
				if (is_flat) {
					pix[x] = flat;
					continue;
				}
				tt = t > 1 ? 1 : t < -1 ? -1 : t;
				lam = paint->kt * tt + paint->kc *
				    sqrtf(1 - tt * tt);
				pix[x] = shade(paint->colour, paint->ambient +
				    paint->diffuse * (lam > 0 ? lam : 0));
			}
		}
	}
	return written;
}
