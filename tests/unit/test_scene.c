/*
 * test_scene.c: the camera's projection, the rasterizer (which pixels a
 * polygon covers, what hides what) and the scene built on them.
 */
#include <math.h>
#include <stdlib.h>

#include "scene/raster.h"
#include "scene/scene.h"
#include "scene/view.h"
#include "t.h"

#define RED	RASTER_RGB(255, 0, 0)
#define GREEN	RASTER_RGB(0, 255, 0)

static const struct raster_paint red = { RED, 1, 0, 0, 0 };
static const struct raster_paint green = { GREEN, 1, 0, 0, 0 };

static int
count(const struct raster *r, uint32_t c)
{
	int n = 0;

	for (int i = 0; i < r->width * r->height; i++)
		n += r->pixels[i] == c;
	return n;
}

static uint32_t
at(const struct raster *r, int x, int y)
{
	return r->pixels[y * r->width + x];
}

static void
quad(struct raster_vertex *v, float x0, float y0, float x1, float y1,
    float z)
{
	v[0] = (struct raster_vertex){ x0, y0, z, 0 };
	v[1] = (struct raster_vertex){ x1, y0, z, 0 };
	v[2] = (struct raster_vertex){ x1, y1, z, 0 };
	v[3] = (struct raster_vertex){ x0, y1, z, 0 };
}

static void
test_coverage(void)
{
	struct raster *r = raster_new(16, 12);
	struct raster_vertex v[4], w[4];
	int n, x, y, bad = 0;

	/* pixel centres inside: x 2..5, y 3..5 */
	quad(v, 2, 3, 6, 6, 1);
	n = raster_fill(r, v, 4, &red);
	T_EQ_INT(n, 12, "a 4x3 pixel square covers 12 pixels");
	T_EQ_INT(count(r, RED), 12, "and exactly those are red");
	T_OK(at(r, 2, 3) == RED && at(r, 5, 5) == RED && at(r, 6, 3) != RED &&
	    at(r, 2, 6) != RED && at(r, 1, 3) != RED, "the right ones");
	/* the other winding fills the same */
	raster_clear(r, 0, 0);
	for (int i = 0; i < 4; i++)
		w[i] = v[3 - i];
	T_EQ_INT(raster_fill(r, w, 4, &red), 12, "either winding");
	/* a right triangle: centres with x + y < 8 in the 8x8 corner */
	raster_clear(r, 0, 0);
	v[0] = (struct raster_vertex){ 0, 0, 1, 0 };
	v[1] = (struct raster_vertex){ 8, 0, 1, 0 };
	v[2] = (struct raster_vertex){ 0, 8, 1, 0 };
	n = raster_fill(r, v, 3, &red);
	for (y = 0; y < 12; y++)
		for (x = 0; x < 16; x++)
			bad += (at(r, x, y) == RED) !=
			    (x + 0.5 + y + 0.5 < 8);
	T_EQ_INT(bad, 0, "a triangle covers the pixels whose centres are in "
	    "it (%d pixels)", n);
	/* two quads sharing an edge: every pixel once, no gap */
	raster_clear(r, 0, 0);
	quad(v, 1.3f, 1.7f, 7.5f, 9.2f, 1);
	quad(w, 7.5f, 1.7f, 12.6f, 9.2f, 1);
	n = raster_fill(r, v, 4, &red);
	n += raster_fill(r, w, 4, &green);
	T_EQ_INT(n, count(r, RED) + count(r, GREEN), "a shared edge is "
	    "drawn once");
	T_EQ_INT(n, 12 * 7, "and leaves no gap (%d pixels)", n);
	/* degenerate and off-picture polygons write nothing */
	raster_clear(r, 0, 0);
	quad(v, 3, 3, 3, 9, 1);
	T_EQ_INT(raster_fill(r, v, 4, &red), 0, "a polygon without area");
	quad(v, -20, -20, -10, -10, 1);
	T_EQ_INT(raster_fill(r, v, 4, &red), 0, "a polygon off the picture");
	quad(v, -1e6f, -1e6f, 1e6f, 1e6f, 1);
	T_EQ_INT(raster_fill(r, v, 4, &red), 16 * 12, "a huge one covers all");
	v[0].x = NAN;
	raster_clear(r, 0, 0);
	T_EQ_INT(raster_fill(r, v, 4, &red), 0, "NaN draws nothing");
	raster_free(r);
}

static void
test_depth(void)
{
	struct raster *r = raster_new(10, 10);
	struct raster_vertex near[4], far[4];

	/* depth is 1/distance: 0.5 is nearer than 0.1 */
	quad(far, 0, 0, 10, 10, 0.1f);
	quad(near, 2, 2, 6, 6, 0.5f);
	raster_fill(r, far, 4, &red);
	raster_fill(r, near, 4, &green);
	T_EQ_INT(count(r, GREEN), 16, "near after far: near shows");
	raster_clear(r, 0, 0);
	raster_fill(r, near, 4, &green);
	T_EQ_INT(raster_fill(r, far, 4, &red), 100 - 16, "far after near: "
	    "only around it");
	T_EQ_INT(count(r, GREEN), 16, "near still shows");
	/* a sloped quad through a flat one: each wins its half */
	raster_clear(r, 0, 0);
	quad(far, 0, 0, 10, 10, 0.3f);
	raster_fill(r, far, 4, &red);
	near[0] = (struct raster_vertex){ 0, 0, 0.1f, 0 };
	near[1] = (struct raster_vertex){ 10, 0, 0.5f, 0 };
	near[2] = (struct raster_vertex){ 10, 10, 0.5f, 0 };
	near[3] = (struct raster_vertex){ 0, 10, 0.1f, 0 };
	raster_fill(r, near, 4, &green);
	T_EQ_INT(count(r, GREEN), 50, "two planes crossing: half each");
	T_OK(at(r, 9, 5) == GREEN && at(r, 0, 5) == RED, "on the right "
	    "sides");
	raster_free(r);
}

static void
test_shading(void)
{
	struct raster *r = raster_new(20, 4);
	struct raster_vertex v[4];
	struct raster_paint p = { RASTER_RGB(200, 200, 200), 0, 1, 0, 1 };

	/* t from -1 at the left to 1 at the right, lit by sqrt(1 - t^2) */
	v[0] = (struct raster_vertex){ 0, 0, 1, -1 };
	v[1] = (struct raster_vertex){ 20, 0, 1, 1 };
	v[2] = (struct raster_vertex){ 20, 4, 1, 1 };
	v[3] = (struct raster_vertex){ 0, 4, 1, -1 };
	raster_fill(r, v, 4, &p);
	T_OK(RASTER_R(at(r, 10, 1)) > 190 && RASTER_R(at(r, 0, 1)) < 70 &&
	    RASTER_R(at(r, 19, 1)) < 70, "a round profile: bright in the "
	    "middle (%u), dark at the edges (%u, %u)", RASTER_R(at(r, 10, 1)),
	    RASTER_R(at(r, 0, 1)), RASTER_R(at(r, 19, 1)));
	raster_free(r);
}

static void
test_view(void)
{
	struct view v;
	char err[200];
	double eye[3] = { 100, -100, 0 }, look[3] = { 100, 0, 0 }, p[3];
	float w[3], c[3];
	struct view_point vp, in[3], out[VIEW_CLIP_MAX];
	struct raster_vertex s;
	double lo[3], hi[3];
	int w_, h_, n;

	T_EQ_INT(view_init(&v, eye, look, 90, 200, 100, err, sizeof err), 0,
	    "a camera in front, looking back");
	/* what it looks at is the centre of the picture */
	w[0] = 100, w[1] = 0, w[2] = 0;
	view_camera(&v, w, c);
	vp = (struct view_point){ c[0], c[1], c[2], 0 };
	view_project(&v, &vp, &s);
	T_OK(fabsf(s.x - 100) < 1e-3f && fabsf(s.y - 50) < 1e-3f &&
	    fabsf(s.z - 0.01f) < 1e-6f, "the target at the centre, 100 mm "
	    "away (%g, %g, 1/%g)", s.x, s.y, 1 / s.z);
	/* 90 degrees wide: 100 mm to the right at 100 mm is the edge */
	w[0] = 200;
	view_camera(&v, w, c);
	vp = (struct view_point){ c[0], c[1], c[2], 0 };
	view_project(&v, &vp, &s);
	T_EQ_DBL(s.x, 200, 1e-3, "+X is to the right, at the edge");
	w[0] = 100, w[2] = 20;
	view_camera(&v, w, c);
	vp = (struct view_point){ c[0], c[1], c[2], 0 };
	view_project(&v, &vp, &s);
	T_EQ_DBL(s.y, 50 - 20, 1e-3, "+Z is up the picture");
	/* looking straight down: the back of the bed is up */
	eye[2] = 100, eye[1] = 0;
	T_EQ_INT(view_init(&v, eye, look, 60, 100, 100, err, sizeof err), 0,
	    "a camera straight above");
	w[0] = 100, w[1] = 10, w[2] = 0;
	view_camera(&v, w, c);
	T_OK(c[1] < 0 && fabsf(c[2] - 100) < 1e-3f, "the back is up");
	/* bad views */
	T_EQ_INT(view_init(&v, look, look, 40, 100, 100, err, sizeof err), -1,
	    "a camera looking at itself: %s", err);
	T_EQ_INT(view_init(&v, eye, look, 0.5, 100, 100, err, sizeof err), -1,
	    "a field of view of half a degree: %s", err);
	T_EQ_INT(view_init(&v, eye, look, 40, 8, 100, err, sizeof err), -1,
	    "8 pixels wide: %s", err);
	/* the near plane */
	in[0] = (struct view_point){ 0, 0, -10, 0 };
	in[1] = (struct view_point){ 10, 0, 10, 1 };
	in[2] = (struct view_point){ -10, 0, 10, 1 };
	n = view_clip(in, 3, out);
	T_EQ_INT(n, 4, "a triangle cut by the near plane is a quad");
	for (int i = 0; i < n; i++)
		T_OK(out[i].z >= VIEW_NEAR_MM - 1e-5f, "vertex %d in front", i);
	in[1].z = in[2].z = -1;
	T_EQ_INT(view_clip(in, 3, out), 0, "all behind: nothing");
	/* a box in and out of the picture */
	eye[0] = 100, eye[1] = -100, eye[2] = 0;
	view_init(&v, eye, look, 90, 200, 100, err, sizeof err);
	lo[0] = 90, lo[1] = 0, lo[2] = -5, hi[0] = 110, hi[1] = 10, hi[2] = 5;
	T_OK(view_box_in_picture(&v, lo, hi), "a box in front shows");
	lo[0] = 400, hi[0] = 450;
	T_OK(!view_box_in_picture(&v, lo, hi), "a box far to the right does "
	    "not");
	lo[0] = 90, hi[0] = 110, lo[1] = -300, hi[1] = -200;
	T_OK(!view_box_in_picture(&v, lo, hi), "a box behind the camera does "
	    "not");
	lo[1] = -150, hi[1] = 50;
	T_OK(view_box_in_picture(&v, lo, hi), "a box around the camera does");
	/* parsers */
	T_EQ_INT(view_parse_point("110, -60.5,40", p, err, sizeof err), 0,
	    "X,Y,Z");
	T_OK(p[0] == 110 && p[1] == -60.5 && p[2] == 40, "its numbers");
	T_EQ_INT(view_parse_point("1,2", p, err, sizeof err), -1, "X,Y: %s",
	    err);
	T_EQ_INT(view_parse_point("1,2,3,4", p, err, sizeof err), -1,
	    "four numbers: %s", err);
	T_EQ_INT(view_parse_point("1,x,3", p, err, sizeof err), -1, "a word: "
	    "%s", err);
	T_EQ_INT(view_parse_point("1,1e9,3", p, err, sizeof err), -1, "a "
	    "kilometre away: %s", err);
	T_EQ_INT(view_parse_size("640x480", &w_, &h_, err, sizeof err), 0,
	    "640x480");
	T_OK(w_ == 640 && h_ == 480, "its numbers");
	T_EQ_INT(view_parse_size("640", &w_, &h_, err, sizeof err), -1,
	    "640: %s", err);
	T_EQ_INT(view_parse_size("99999x10", &w_, &h_, err, sizeof err), -1,
	    "too big: %s", err);
}

/* Pixels of the head's colour at any light: red = blue, no green. */
static int
head_pixels(const struct raster *r)
{
	int n = 0;

	for (int i = 0; i < r->width * r->height; i++) {
		uint32_t c = r->pixels[i];

		n += RASTER_G(c) == 0 && RASTER_R(c) == RASTER_B(c) &&
		    RASTER_R(c) > 40;
	}
	return n;
}

static void
test_scene(void)
{
	double eye[3], look[3], bed[4] = { 0, 0, 200, 200 };
	double a[3] = { 90, 100, 0.2 }, b[3] = { 110, 100, 0.2 };
	double park_in[3] = { 100, 100, 30 }, park_out[3] = { 600, 100, 30 };
	const struct raster *r;
	struct scene *s;
	struct view v;
	char err[200];
	int before, head, bead;

	view_default(bed[0], bed[1], bed[2], bed[3], eye, look);
	T_OK(eye[1] < 0 && eye[2] > 0 && look[0] == 100 && look[1] == 100,
	    "the default camera is in front, above, looking at the centre");
	view_init(&v, eye, look, 40, 320, 240, err, sizeof err);
	s = scene_new(&v, bed, err, sizeof err);
	r = scene_frame(s, NULL);
	before = count(r, SCENE_FILAMENT_COLOUR);
	for (int i = 0; i < 20; i++) {
		a[2] = b[2] = 0.2 * (i + 1);
		scene_bead(s, a, b, 0.45, 0.2);
	}
	r = scene_frame(s, NULL);
	bead = 0;
	for (int i = 0; i < r->width * r->height; i++)
		bead += RASTER_R(r->pixels[i]) > 2 * RASTER_B(r->pixels[i]) +
		    40;
	T_OK(before == 0 && bead > 40, "beads show as filament (%d pixels)",
	    bead);
	T_EQ_INT(head_pixels(r), 0, "nothing but the head is magenta");
	r = scene_frame(s, park_in);
	head = head_pixels(r);
	T_OK(head > 500, "the head over the bed shows (%d pixels)", head);
	T_OK(scene_head_in_picture(s, park_in), "and is said to");
	r = scene_frame(s, park_out);
	T_EQ_INT(head_pixels(r), 0, "a head far to the right does not");
	T_OK(!scene_head_in_picture(s, park_out), "and is said not to");
	r = scene_frame(s, NULL);
	T_EQ_INT(head_pixels(r), 0, "the head is never drawn into the print");
	scene_clear(s);
	T_EQ_INT(count(scene_frame(s, NULL), SCENE_FILAMENT_COLOUR), 0,
	    "cleared: the bed alone");
	scene_free(s);
}

int
main(void)
{
	test_coverage();
	test_depth();
	test_shading();
	test_view();
	test_scene();
	return t_done();
}
