/*
 * feature.c: what the slicer says it is printing, from its comments.
 *
 * One table of every slicer's names for the same things, compared without
 * regard to case; a name not in it is FEAT_OTHER, never an error.
 */
#include <string.h>
#include <strings.h>

#include "gcode/feature.h"


static const struct {
	const char *name;	/* lower case, compared case-insensitively */
	enum feature f;
} features[] = {
	/* PrusaSlicer / SuperSlicer / Orca / Bambu */
	{ "external perimeter", FEAT_OUTER_WALL },
	{ "outer wall", FEAT_OUTER_WALL },
	{ "overhang perimeter", FEAT_OVERHANG_WALL },
	{ "overhang wall", FEAT_OVERHANG_WALL },
	{ "perimeter", FEAT_INNER_WALL },
	{ "inner wall", FEAT_INNER_WALL },
	{ "internal infill", FEAT_SPARSE_INFILL },
	{ "sparse infill", FEAT_SPARSE_INFILL },
	{ "solid infill", FEAT_SOLID_INFILL },
	{ "internal solid infill", FEAT_SOLID_INFILL },
	{ "top solid infill", FEAT_TOP },
	{ "top surface", FEAT_TOP },
	{ "bottom surface", FEAT_BOTTOM },
	{ "bridge infill", FEAT_BRIDGE },
	{ "internal bridge", FEAT_BRIDGE },
	{ "gap fill", FEAT_GAP_FILL },
	{ "ironing", FEAT_IRONING },
	{ "skirt", FEAT_SKIRT },
	{ "skirt/brim", FEAT_SKIRT },
	{ "brim", FEAT_SKIRT },
	{ "support material", FEAT_SUPPORT },
	{ "support material interface", FEAT_SUPPORT },
	{ "support", FEAT_SUPPORT },
	{ "support interface", FEAT_SUPPORT },
	{ "wipe tower", FEAT_WIPE_TOWER },
	{ "prime tower", FEAT_WIPE_TOWER },
	{ "custom", FEAT_CUSTOM },
	/* Cura */
	{ "wall-outer", FEAT_OUTER_WALL },
	{ "wall-inner", FEAT_INNER_WALL },
	{ "skin", FEAT_SOLID_INFILL },
	{ "fill", FEAT_SPARSE_INFILL },
	{ "support-interface", FEAT_SUPPORT },
	{ "prime-tower", FEAT_WIPE_TOWER },
	/* Simplify3D (; feature ...) */
	{ "outer perimeter", FEAT_OUTER_WALL },
	{ "inner perimeter", FEAT_INNER_WALL },
	{ "infill", FEAT_SPARSE_INFILL },
	{ "solid layer", FEAT_SOLID_INFILL },
	{ "bridge", FEAT_BRIDGE },
};

static enum feature
feature_from(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	for (size_t i = 0; i < sizeof features / sizeof features[0]; i++)
		if (strlen(features[i].name) == n &&
		    strncasecmp(features[i].name, s, n) == 0)
			return features[i].f;
	return FEAT_OTHER;
}

bool
feature_from_comment(const char *c, size_t n, enum feature *f)
{
	while (n > 0 && (*c == ' ' || *c == '\t')) {
		c++;
		n--;
	}
	if (n > 5 && memcmp(c, "TYPE:", 5) == 0)
		*f = feature_from(c + 5, n - 5);
	else if (n > 8 && memcmp(c, "FEATURE:", 8) == 0)
		*f = feature_from(c + 8, n - 8);
	else if (n > 8 && memcmp(c, "feature ", 8) == 0)
		*f = feature_from(c + 8, n - 8);
	else
		return false;
	return true;
}
