/*
 * raster.h: a picture with a depth buffer, and convex polygons filled
 * into it.
 *
 * Every pixel has a colour (0x00RRGGBB in a uint32_t) and a depth, kept as
 * the inverse of the distance along the view so that it is exact to
 * interpolate across a flat polygon on screen: larger is nearer, 0 is
 * nothing there (the background, infinitely far).  A polygon covers the
 * pixels whose centres lie inside it, an edge shared by two polygons
 * belonging to exactly one of them (the top-left rule), and writes only
 * where it is nearer than what is there.
 *
 * Shading is one value t per vertex, from -1 to 1 across a surface whose
 * normal turns (a filament's round profile): the light at a pixel is
 * ambient + diffuse * max(0, kt * t + kc * sqrt(1 - t * t)); with
 * diffuse = 0 a polygon is one flat colour, the colour times ambient.
 * The struct is public and its fields read-only; raster_new() owns the
 * buffers, raster_free() releases them.
 */
#ifndef RASTER_H
#define RASTER_H

#include <stdint.h>

#define RASTER_POLY_MAX 8

struct raster {
	int width, height;
	uint32_t *pixels;	/* width * height, row after row */
	float *depth;		/* the same, 1 / distance; 0 = empty */
};

struct raster_vertex {
	float x, y;		/* pixels, y down */
	float z;		/* 1 / distance, > 0 */
	float t;		/* shading, -1 to 1 */
};

struct raster_paint {
	uint32_t colour;	/* at full light */
	float ambient, diffuse;
	float kt, kc;
};

/* Picture channels in a pixel. */
#define RASTER_R(c)	(((c) >> 16) & 0xff)
#define RASTER_G(c)	(((c) >> 8) & 0xff)
#define RASTER_B(c)	((c) & 0xff)
#define RASTER_RGB(r, g, b) \
	((uint32_t)(r) << 16 | (uint32_t)(g) << 8 | (uint32_t)(b))

/* width x height pixels (both >= 1), or NULL when out of memory. */
struct raster *raster_new(int width, int height);
void raster_free(struct raster *);

/* Everything empty: a vertical gradient from top to bottom colour. */
void raster_clear(struct raster *, uint32_t top, uint32_t bottom);

/* dst becomes src (same size). */
void raster_copy(struct raster *dst, const struct raster *src);

/*
 * Fill the convex polygon v[0..n), 3 <= n <= RASTER_POLY_MAX, in either
 * winding.  Returns the number of pixels written.
 */
int raster_fill(struct raster *, const struct raster_vertex *v, int n,
    const struct raster_paint *);

#endif
