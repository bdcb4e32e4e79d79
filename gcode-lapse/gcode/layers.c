/*
 * layers.c: counting layers two ways.
 *
 * The geometric count follows the height of planar extrusions and takes
 * the step between two of them as the layer height; the comment count
 * follows the locked style, whose heights come from its own comments
 * (";Z:", "; Z_HEIGHT:", Simplify3D's "Z = ", KISSlicer's "z=",
 * Skeinforge's and Kiri:Moto's Z) or, for the styles that name none,
 * from the first extrusion after the comment.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "num.h"
#include "gcode/layers.h"

#define EPS 1e-6
#define SPIRAL_MOVES 20		/* a climbing run this long ... */
#define SPIRAL_LAYERS 2		/* ... over this many layers: a vase */
#define MAX_WOBBLE 2.0		/* mm; more is no levelling */
#define COMMENTS_GRACE 3	/* geometric layers a slicer that writes
				   layer comments may print before one */

void
layers_init(struct layers *l, double hint, bool comments)
{
	memset(l, 0, sizeof *l);
	l->expect_comments = comments;
	l->z = l->geo_z = l->top_z = l->first_z = NAN;
	l->height = l->geo_height = l->hint = hint;
	l->comment_z = NAN;
	l->lz_min = INFINITY;
	l->lz_max = -INFINITY;
}

/* The layer height: the slicer's, else the geometry's. */
static double
step(const struct layers *l)
{
	if (l->hint > 0)
		return l->hint;
	if (l->geo_height > 0)
		return l->geo_height;
	return l->height > 0 ? l->height : 0.2;
}

/*
 * Is z, the height of new layer number `layer`, the first layer of
 * another object (sequential printing)?  Back down near the first layer,
 * after two layers at least, by more than half a layer and the file's
 * wobble.
 */
static bool
went_down(const struct layers *l, double z, int layer)
{
	double h = step(l);

	return !isnan(l->z) && !isnan(l->first_z) && layer >= 3 &&
	    z < l->z - (0.5 * h + l->wobble) - EPS &&
	    z <= l->first_z + 2 * h + EPS;
}

/* The current layer is at height z. */
static void
set_z(struct layers *l, double z)
{
	if (isnan(z))
		return;
	if (went_down(l, z, l->count)) {
		l->z_went_down = true;
		l->top_z = z;
	}
	if (isnan(l->first_z))
		l->first_z = z;
	if (isnan(l->top_z) || z > l->top_z)
		l->top_z = z;
	l->z = z;
	l->pending_z = false;
}

/* Layer number n starts (from 1, in the source that counts). */
static void
start(struct layers *l, int n, double z, double height)
{
	/* the finished layer's Z range, when it was flat: levelling */
	if (!l->vase_seen && l->lz_max > l->lz_min &&
	    l->lz_max - l->lz_min < MAX_WOBBLE &&
	    l->lz_max - l->lz_min > l->wobble)
		l->wobble = l->lz_max - l->lz_min;
	l->lz_min = INFINITY;
	l->lz_max = -INFINITY;
	l->count = n;
	if (!isnan(z))
		set_z(l, z);
	else if (l->style != LAYER_STYLE_PRUSA && l->style != LAYER_STYLE_BAMBU)
		l->pending_z = true;	/* the first extrusion names it */
	if (height > 0)
		l->height = height;
}

/*
 * Geometric layers: a planar extrusion at a height other than the current
 * layer's starts a layer; while the print climbs (vase mode), one starts
 * only once it has climbed a whole layer height, flat moves within the
 * spiral included, so a spiral does not flood.
 */
static bool
geometric(struct layers *l, double z0, double z)
{
	double st = step(l);
	bool helical = fabs(z - z0) > EPS, climbs = z > z0 + EPS;
	bool spiral = helical || l->last_helical;

	if (climbs) {
		l->helix_moves++;
		l->helix_climb += z - z0;
		if (l->helix_moves >= SPIRAL_MOVES &&
		    l->helix_climb >= SPIRAL_LAYERS * st)
			l->vase_seen = true;
	} else if (helical) {
		l->helix_moves = 0;
		l->helix_climb = 0;
	}
	l->last_helical = climbs;
	if (!isnan(l->geo_z)) {
		if (spiral && z < l->geo_z + st * 0.99)
			return false;
		if (fabs(z - l->geo_z) <= 1e-4)
			return false;
		if (!spiral && z > l->geo_z)
			l->geo_height = z - l->geo_z;
	}
	l->geo_z = z;
	l->geometric++;
	return true;
}

bool
layers_extrusion(struct layers *l, double z0, double z)
{
	double lo = z0 < z ? z0 : z, hi = z0 < z ? z : z0;
	bool started = false;

	/* not fmin/fmax, which are calls (for NaN, which a known Z is not):
	 * this runs for every extrusion */
	if (lo < l->lz_min)
		l->lz_min = lo;
	if (hi > l->lz_max)
		l->lz_max = hi;
	if (geometric(l, z0, z) && l->style == LAYER_STYLE_NONE &&
	    (!l->expect_comments || l->geometric > COMMENTS_GRACE)) {
		start(l, l->geometric, z, l->geo_height);
		started = true;
	}
	if (l->style != LAYER_STYLE_NONE && l->pending_z) {
		if (!isnan(l->z) && z > l->z && z - l->z < 5)
			l->height = z - l->z;
		set_z(l, z);
	}
	return started;
}

/* The number at the start of comment text [s, end), or NaN. */
static double
comment_number(const char *s, const char *end)
{
	char buf[64];
	size_t n = 0;
	double v;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (s < end && n < sizeof buf - 1 && (isdigit((unsigned char)*s) ||
	    *s == '.' || *s == '-' || *s == '+'))
		buf[n++] = *s++;
	buf[n] = '\0';
	return num_config(buf, -1e6, 1e6, &v) == NUM_OK ? v : NAN;
}

/* The number after the first "key" in [c, c + n), or NaN. */
static double
number_after(const char *c, size_t n, const char *key)
{
	const char *p = memmem(c, n, key, strlen(key));

	return p == NULL ? NAN : comment_number(p + strlen(key), c + n);
}

bool
layers_comment(struct layers *l, const char *c, size_t n)
{
	enum layer_style style = LAYER_STYLE_NONE;
	double z = NAN, h = 0;
	bool named_z = false;

	while (n > 0 && (*c == ' ' || *c == '\t')) {
		c++;
		n--;
	}
	if (n > 0 && *c == ';') {		/* Kiri:Moto's ";;" */
		c++;
		n--;
		while (n > 0 && (*c == ' ' || *c == '\t')) {
			c++;
			n--;
		}
	}
#define IS(s) (n >= sizeof s - 1 && memcmp(c, s, sizeof s - 1) == 0)
	if (IS("LAYER_CHANGE")) {
		style = LAYER_STYLE_PRUSA;
	} else if (IS("LAYER:") && n > 6 && (c[6] == '-' ||
	    (c[6] >= '0' && c[6] <= '9'))) {
		style = LAYER_STYLE_CURA;
	} else if (IS("CHANGE_LAYER")) {
		style = LAYER_STYLE_BAMBU;
	} else if (IS("layer ") && n > 6 && c[6] >= '0' && c[6] <= '9') {
		const char *eq = memchr(c, '=', n);

		style = LAYER_STYLE_S3D;
		if (eq != NULL)
			z = comment_number(eq + 1, c + n);
		named_z = true;
	} else if (IS("BEGIN_LAYER_OBJECT")) {
		style = LAYER_STYLE_KISS;
		z = number_after(c, n, " z=");
		h = number_after(c, n, "z_thickness=");
		named_z = true;
	} else if (IS("<layer>")) {
		z = comment_number(c + 7, c + n);
		style = isnan(z) ? LAYER_STYLE_ICESL : LAYER_STYLE_SKEINFORGE;
		named_z = !isnan(z);
	} else if (IS("layer:") && n > 6 && c[6] >= '0' && c[6] <= '9') {
		style = LAYER_STYLE_FLASHPRINT;
		h = comment_number(c + 6, c + n);	/* the thickness */
	} else if (IS("Layer #")) {
		style = LAYER_STYLE_CRAFTWARE;
	} else if (IS("--- layer ")) {
		style = LAYER_STYLE_KIRI;
		z = number_after(c, n, "@");
		named_z = !isnan(z);
	} else if (IS("Z:") || IS("Z_HEIGHT:")) {
		l->comment_z = comment_number(c + (c[1] == ':' ? 2 : 9), c + n);
		if (!isnan(l->comment_z) && (l->style == LAYER_STYLE_PRUSA ||
		    l->style == LAYER_STYLE_BAMBU))
			set_z(l, l->comment_z);
		return false;
	} else if (IS("HEIGHT:") || IS("LAYER_HEIGHT:")) {
		double ht = comment_number(c + (c[0] == 'H' ? 7 : 13), c + n);

		if (ht > 0 && ht < 100)
			l->height = ht;
		return false;
	}
#undef IS
	if (style == LAYER_STYLE_NONE)
		return false;
	/* Lock onto the first style: a profile may add a second one.
	 * What was extruded before it (purge lines) is no layer. */
	if (l->style == LAYER_STYLE_NONE) {
		l->style = style;
		l->z = l->top_z = l->first_z = NAN;
		l->wobble = 0;
	}
	if (style != l->style)
		return false;
	/* a height printed already: another process at the same Z */
	if (named_z && !isnan(z) && !isnan(l->top_z) &&
	    z <= l->top_z + 1e-4 && !went_down(l, z, l->comments + 1))
		return false;
	l->comments++;
	if (isfinite(z))
		l->comment_z = z;
	/* Priming lines before the first comment do not count. */
	start(l, l->comments, z, h);
	return true;
}

const char *
layers_source(const struct layers *l)
{
	switch (l->style) {
	case LAYER_STYLE_NONE:
		return "geometry";
	case LAYER_STYLE_PRUSA:
		return ";LAYER_CHANGE comments";
	case LAYER_STYLE_CURA:
		return ";LAYER: comments";
	case LAYER_STYLE_BAMBU:
		return "; CHANGE_LAYER comments";
	case LAYER_STYLE_S3D:
		return "; layer comments";
	case LAYER_STYLE_KISS:
		return "; BEGIN_LAYER_OBJECT comments";
	case LAYER_STYLE_ICESL:
		return "; <layer> comments";
	case LAYER_STYLE_FLASHPRINT:
		return ";layer: comments";
	case LAYER_STYLE_CRAFTWARE:
		return "; Layer # comments";
	case LAYER_STYLE_SKEINFORGE:
		return "(<layer>) comments";
	case LAYER_STYLE_KIRI:
		return ";; --- layer comments";
	}
	return "?";
}
