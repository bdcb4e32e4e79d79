/*
 * layers.c: counting layers two ways.
 *
 * The geometric count follows the height of planar extrusions and takes
 * the step between two of them as the layer height; the comment count
 * follows the locked style, whose heights come from its own comments
 * (";Z:", "; Z_HEIGHT:", Simplify3D's "Z = ") or, for Cura, from the first
 * planar extrusion at a new height.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "num.h"
#include "gcode/layers.h"

#define EPS 1e-6

void
layers_init(struct layers *l, double hint)
{
	memset(l, 0, sizeof *l);
	l->z = l->geo_z = NAN;
	l->height = l->geo_height = l->hint = hint;
	l->comment_z = NAN;
}

/* The current layer is at height z: sequential printing goes down. */
static void
set_z(struct layers *l, double z)
{
	if (isnan(z))
		return;
	if (!isnan(l->z) && z < l->z - EPS)
		l->z_went_down = true;
	l->z = z;
}

/* Layer number n starts (from 1, in the source that counts). */
static void
start(struct layers *l, int n, double z, double height)
{
	l->count = n;
	set_z(l, z);
	if (height > 0)
		l->height = height;
}

/*
 * Geometric layers: a planar extrusion at a height other than the current
 * layer's starts a layer; helical extrusion (vase mode) starts one only
 * once it has climbed a whole layer height, so a spiral does not flood.
 */
static bool
geometric(struct layers *l, double z0, double z)
{
	double step = l->geo_height > 0 ? l->geo_height :
	    l->hint > 0 ? l->hint : 0.2;
	bool helical = fabs(z - z0) > EPS;

	if (helical)
		l->vase_seen = true;
	if (!isnan(l->geo_z)) {
		if (helical && z < l->geo_z + step * 0.99)
			return false;
		if (fabs(z - l->geo_z) <= 1e-4)
			return false;
		if (!helical && z > l->geo_z)
			l->geo_height = z - l->geo_z;
	}
	l->geo_z = z;
	l->geometric++;
	return true;
}

bool
layers_extrusion(struct layers *l, double z0, double z)
{
	bool started = false;

	if (geometric(l, z0, z) && l->style == LAYER_STYLE_NONE) {
		start(l, l->geometric, z, l->geo_height);
		started = true;
	}
	if (l->style != LAYER_STYLE_NONE && isnan(l->z))
		l->z = z;
	/* Cura and others name the layer's height only by moving there. */
	if (l->style == LAYER_STYLE_CURA && fabs(z - l->z) > EPS &&
	    fabs(z - z0) <= EPS) {
		if (!isnan(l->z) && z > l->z)
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

bool
layers_comment(struct layers *l, const char *c, size_t n)
{
	enum layer_style style = LAYER_STYLE_NONE;
	double z = NAN;

	while (n > 0 && (*c == ' ' || *c == '\t')) {
		c++;
		n--;
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
	} else if (IS("Z:") || IS("Z_HEIGHT:")) {
		l->comment_z = comment_number(c + (c[1] == ':' ? 2 : 9), c + n);
		if (!isnan(l->comment_z) && l->style != LAYER_STYLE_NONE &&
		    l->style != LAYER_STYLE_CURA)
			set_z(l, l->comment_z);
		return false;
	} else if (IS("HEIGHT:") || IS("LAYER_HEIGHT:")) {
		double h = comment_number(c + (c[0] == 'H' ? 7 : 13), c + n);

		if (h > 0 && h < 100)
			l->height = h;
		return false;
	}
#undef IS
	if (style == LAYER_STYLE_NONE)
		return false;
	/* Lock onto the first style: a profile may add a second one. */
	if (l->style == LAYER_STYLE_NONE)
		l->style = style;
	if (style != l->style)
		return false;
	l->comments++;
	if (isfinite(z))
		l->comment_z = z;
	/* Priming lines before the first comment do not count. */
	start(l, l->comments, z, 0);
	return true;
}
