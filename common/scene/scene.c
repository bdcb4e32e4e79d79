/*
 * scene.c: beads, the bed and the head as polygons for the rasterizer.
 *
 * Why a rasterizer of our own and not cairo: cairo paints in order, with
 * no depth buffer, so nearer things hiding farther ones would need every
 * bead kept and sorted, and memory would grow with the file.  A depth
 * buffer lets each bead be drawn once, in any order, and forgotten; the
 * polygons here are tiny (most cover a few pixels), so the whole job is
 * a few projections and one span per row (raster.c).
 *
 * A bead is drawn as one quad facing the camera: its silhouette.  In the
 * bead's cross-section (the side direction s, horizontal and across the
 * bead, and u, up across it) the profile is an ellipse width by height;
 * seen from the camera's direction within that plane, its outline is
 * the two points farthest out across the view, E and -E.  The quad runs
 * from start - E to end + E, lengthened by half the width at both ends
 * (so that corners close), with t going from 1 at +E to -1 at -E.  The
 * normal at t is t P + sqrt(1 - t^2) C, P across the view and C towards
 * the camera, so Lambert's law gives the raster's kt = P.L and kc = C.L.
 * A bead thinner than a pixel is widened to one, so a far skirt stays a
 * line and not dots.  All of it is done in camera coordinates, where the
 * camera is at the origin.
 */
#include <math.h>
#include <stdlib.h>

#include "errbuf.h"
#include "scene/scene.h"

#define BG_TOP		RASTER_RGB(40, 44, 54)
#define BG_BOTTOM	RASTER_RGB(16, 18, 22)
#define BED_A		RASTER_RGB(96, 100, 110)
#define BED_B		RASTER_RGB(78, 82, 92)
#define BED_TILE_MM	10.0
#define BED_Z		-0.05f		/* under the first layer */
#define AMBIENT		0.30f
#define DIFFUSE		0.75f
#define MIN_HALF_PX	0.5f		/* no bead thinner than a pixel */

struct scene {
	struct view v;
	bool has_bed;
	double bed[4];
	float light[3];			/* towards the light, camera coords */
	uint32_t colour;
	struct raster *print;		/* what is laid so far */
	struct raster *frame;		/* the print and the head */
};

static float
dot3(const float a[3], const float b[3])
{
	return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static void
cross3(const float a[3], const float b[3], float out[3])
{
	out[0] = a[1] * b[2] - a[2] * b[1];
	out[1] = a[2] * b[0] - a[0] * b[2];
	out[2] = a[0] * b[1] - a[1] * b[0];
}

static float
normalize3(float v[3])
{
	float n = sqrtf(dot3(v, v));

	if (n > 0) {
		v[0] /= n;
		v[1] /= n;
		v[2] /= n;
	}
	return n;
}

/* A polygon in camera coordinates, cut at the near plane and filled. */
static void
fill(const struct scene *s, struct raster *r, const struct view_point *p,
    int n, const struct raster_paint *paint)
{
	struct view_point cut[VIEW_CLIP_MAX];
	struct raster_vertex rv[VIEW_CLIP_MAX];
	int i;

	for (i = 0; i < n; i++)
		if (p[i].z < VIEW_NEAR_MM)
			break;
	if (i < n) {
		n = view_clip(p, n, cut);
		p = cut;
	}
	if (n < 3)
		return;
	for (i = 0; i < n; i++)
		view_project(&s->v, &p[i], &rv[i]);
	raster_fill(r, rv, n, paint);
}

/* A flat face of colour c with normal nrm (camera coordinates). */
static void
fill_face(const struct scene *s, struct raster *r, const struct view_point *p,
    int n, const float nrm[3], uint32_t c)
{
	float lam = dot3(nrm, s->light);
	struct raster_paint paint = { c, AMBIENT + DIFFUSE *
	    (lam > 0 ? lam : 0), 0, 0, 0 };

	fill(s, r, p, n, &paint);
}

static void
world_point(const struct scene *s, double x, double y, double z,
    struct view_point *out)
{
	float w[3] = { (float)x, (float)y, (float)z }, c[3];

	view_camera(&s->v, w, c);
	out->x = c[0];
	out->y = c[1];
	out->z = c[2];
	out->t = 0;
}

static void
draw_bed(struct scene *s)
{
	float up[3] = { s->v.up[0], s->v.up[1], s->v.up[2] };
	int nx, ny;

	if (!s->has_bed)
		return;
	nx = (int)ceil((s->bed[2] - s->bed[0]) / BED_TILE_MM);
	ny = (int)ceil((s->bed[3] - s->bed[1]) / BED_TILE_MM);
	for (int j = 0; j < ny; j++)
		for (int i = 0; i < nx; i++) {
			double x0 = s->bed[0] + i * BED_TILE_MM;
			double y0 = s->bed[1] + j * BED_TILE_MM;
			double x1 = fmin(x0 + BED_TILE_MM, s->bed[2]);
			double y1 = fmin(y0 + BED_TILE_MM, s->bed[3]);
			struct view_point q[4];

			world_point(s, x0, y0, BED_Z, &q[0]);
			world_point(s, x1, y0, BED_Z, &q[1]);
			world_point(s, x1, y1, BED_Z, &q[2]);
			world_point(s, x0, y1, BED_Z, &q[3]);
			fill_face(s, s->print, q, 4, up, (i + j) % 2 ? BED_B :
			    BED_A);
		}
}

struct scene *
scene_new(const struct view *v, const double bed[4], char *err,
    size_t errlen)
{
	struct scene *s = calloc(1, sizeof *s);
	float back[3] = { 0, 0, -1 }, left[3] = { -1, 0, 0 };

	if (s == NULL)
		goto oom;
	s->v = *v;
	s->print = raster_new(v->width, v->height);
	s->frame = raster_new(v->width, v->height);
	if (s->print == NULL || s->frame == NULL)
		goto oom;
	if (bed != NULL && bed[2] > bed[0] && bed[3] > bed[1]) {
		s->has_bed = true;
		for (int i = 0; i < 4; i++)
			s->bed[i] = bed[i];
	}
	/* above, to the left, a little behind the camera: what the camera
	 * sees is lit wherever it stands */
	for (int i = 0; i < 3; i++)
		s->light[i] = 0.85f * v->up[i] + 0.35f * left[i] +
		    0.45f * back[i];
	normalize3(s->light);
	s->colour = SCENE_FILAMENT_COLOUR;
	scene_clear(s);
	return s;
oom:
	scene_free(s);
	errbuf_set(err, errlen, "out of memory for a %dx%d picture",
	    v->width, v->height);
	return NULL;
}

void
scene_free(struct scene *s)
{
	if (s == NULL)
		return;
	raster_free(s->print);
	raster_free(s->frame);
	free(s);
}

void
scene_clear(struct scene *s)
{
	raster_clear(s->print, BG_TOP, BG_BOTTOM);
	draw_bed(s);
}

void
scene_colour(struct scene *s, uint32_t colour)
{
	s->colour = colour;
}

uint32_t
scene_tool_colour(int tool)
{
	static const uint32_t colours[] = { SCENE_FILAMENT_COLOUR,
	    RASTER_RGB(40, 170, 200), RASTER_RGB(170, 210, 40),
	    RASTER_RGB(230, 230, 225), RASTER_RGB(90, 110, 230),
	    RASTER_RGB(220, 60, 50) };
	int n = (int)(sizeof colours / sizeof colours[0]);

	return colours[tool > 0 ? tool % n : 0];
}

const struct view *
scene_view(const struct scene *s)
{
	return &s->v;
}

void
scene_bead(struct scene *s, const double from[3], const double to[3],
    double width, double height)
{
	float wa[3] = { (float)from[0], (float)from[1],
	    (float)(from[2] - height / 2) };
	float wb[3] = { (float)to[0], (float)to[1],
	    (float)(to[2] - height / 2) };
	float a[3], b[3], ax[3], side[3], up[3], mid[3], o[3], pw[3], cw[3];
	float len, cs, cu, cn, ps, pu, hs, hu, r, es, eu, px, grow;
	struct view_point q[4];
	struct raster_paint paint;

	if (!(width > 0 && height > 0))
		return;
	view_camera(&s->v, wa, a);
	view_camera(&s->v, wb, b);
	if (a[2] < VIEW_NEAR_MM && b[2] < VIEW_NEAR_MM)
		return;
	for (int i = 0; i < 3; i++)
		ax[i] = b[i] - a[i];
	if (!((len = normalize3(ax)) > 1e-5f))
		return;
	cross3(ax, s->v.up, side);
	if (normalize3(side) < 0.2f) {
		/* a bead along Z: any side will do */
		float right[3] = { 1, 0, 0 };

		cross3(ax, right, side);
		normalize3(side);
	}
	cross3(side, ax, up);
	for (int i = 0; i < 3; i++)
		mid[i] = -(a[i] + b[i]) / 2;	/* towards the camera */
	cs = dot3(mid, side);
	cu = dot3(mid, up);
	if ((cn = sqrtf(cs * cs + cu * cu)) > 1e-6f) {
		cs /= cn;
		cu /= cn;
	} else {
		cs = 0;
		cu = 1;
	}
	ps = -cu;
	pu = cs;
	hs = (float)width / 2;
	hu = (float)height / 2;
	r = sqrtf(hs * hs * ps * ps + hu * hu * pu * pu);
	es = hs * hs * ps / r;
	eu = hu * hu * pu / r;
	/* a pixel at least: r across the view, at the bead's distance */
	px = r * s->v.focal / fmaxf(-(mid[2]), VIEW_NEAR_MM);
	grow = px < MIN_HALF_PX ? MIN_HALF_PX / px : 1;
	for (int i = 0; i < 3; i++) {
		o[i] = (es * side[i] + eu * up[i]) * grow;
		pw[i] = ps * side[i] + pu * up[i];
		cw[i] = cs * side[i] + cu * up[i];
		a[i] -= ax[i] * hs;
		b[i] += ax[i] * hs;
	}
	q[0] = (struct view_point){ a[0] + o[0], a[1] + o[1], a[2] + o[2], 1 };
	q[1] = (struct view_point){ b[0] + o[0], b[1] + o[1], b[2] + o[2], 1 };
	q[2] = (struct view_point){ b[0] - o[0], b[1] - o[1], b[2] - o[2], -1 };
	q[3] = (struct view_point){ a[0] - o[0], a[1] - o[1], a[2] - o[2], -1 };
	paint = (struct raster_paint){ s->colour, AMBIENT, DIFFUSE,
	    dot3(pw, s->light), dot3(cw, s->light) };
	fill(s, s->print, q, 4, &paint);
}

/*
 * A block of the head: a square frustum around (x, y), half sizes lo at
 * z0 and hi at z1 (hx, hy each), drawn flat face by face.
 */
static void
draw_block(const struct scene *s, struct raster *r, const double at[3],
    const double lo[2], const double hi[2], double z0, double z1)
{
	/* the faces by corner: bottom 0-3, top 4-7, counter-clockwise */
	static const int faces[6][4] = {
		{ 0, 1, 2, 3 }, { 4, 7, 6, 5 }, { 0, 4, 5, 1 },
		{ 1, 5, 6, 2 }, { 2, 6, 7, 3 }, { 3, 7, 4, 0 },
	};
	static const int sx[4] = { -1, 1, 1, -1 }, sy[4] = { -1, -1, 1, 1 };
	struct view_point c[8], q[4];
	float centre[3] = { 0, 0, 0 };

	for (int i = 0; i < 8; i++) {
		const double *h = i < 4 ? lo : hi;

		world_point(s, at[0] + sx[i % 4] * h[0],
		    at[1] + sy[i % 4] * h[1], at[2] + (i < 4 ? z0 : z1), &c[i]);
		centre[0] += c[i].x / 8;
		centre[1] += c[i].y / 8;
		centre[2] += c[i].z / 8;
	}
	for (int f = 0; f < 6; f++) {
		float e1[3], e2[3], n[3], out[3];

		for (int k = 0; k < 4; k++)
			q[k] = c[faces[f][k]];
		e1[0] = q[1].x - q[0].x;
		e1[1] = q[1].y - q[0].y;
		e1[2] = q[1].z - q[0].z;
		e2[0] = q[3].x - q[0].x;
		e2[1] = q[3].y - q[0].y;
		e2[2] = q[3].z - q[0].z;
		cross3(e1, e2, n);
		if (normalize3(n) == 0)
			continue;
		out[0] = q[0].x - centre[0];
		out[1] = q[0].y - centre[1];
		out[2] = q[0].z - centre[2];
		if (dot3(n, out) < 0) {
			n[0] = -n[0];
			n[1] = -n[1];
			n[2] = -n[2];
		}
		fill_face(s, r, q, 4, n, SCENE_HEAD_COLOUR);
	}
}

const struct raster *
scene_frame(struct scene *s, const double head[3])
{
	static const double tip[2] = { 0.5, 0.5 }, nozzle[2] = { 2.5, 2.5 };
	static const double block[2] = { 9, 7 };
	static const double carriage[2] = { SCENE_HEAD_HALF_X,
	    SCENE_HEAD_HALF_Y };

	if (head == NULL)
		return s->print;
	raster_copy(s->frame, s->print);
	draw_block(s, s->frame, head, tip, nozzle, 0, 5);
	draw_block(s, s->frame, head, block, block, 5, 15);
	draw_block(s, s->frame, head, carriage, carriage, 15,
	    SCENE_HEAD_HEIGHT);
	return s->frame;
}

bool
scene_head_in_picture(const struct scene *s, const double head[3])
{
	double lo[3] = { head[0] - SCENE_HEAD_HALF_X,
	    head[1] - SCENE_HEAD_HALF_Y, head[2] };
	double hi[3] = { head[0] + SCENE_HEAD_HALF_X,
	    head[1] + SCENE_HEAD_HALF_Y, head[2] + SCENE_HEAD_HEIGHT };

	return view_box_in_picture(&s->v, lo, hi);
}
