/*
 * feature.h: the kind of extrusion the slicer's comments announce
 * (";TYPE:External perimeter", ";TYPE:WALL-OUTER", "; FEATURE: Outer wall",
 * "; feature outer perimeter"), so a planner can avoid placing a snapshot
 * in the middle of an outer wall.
 */
#ifndef FEATURE_H
#define FEATURE_H

#include <stdbool.h>
#include <stddef.h>

enum feature {
	FEAT_NONE,		/* no comment seen yet */
	FEAT_OUTER_WALL,
	FEAT_INNER_WALL,
	FEAT_OVERHANG_WALL,
	FEAT_SOLID_INFILL,
	FEAT_SPARSE_INFILL,
	FEAT_TOP,
	FEAT_BOTTOM,
	FEAT_BRIDGE,
	FEAT_GAP_FILL,
	FEAT_IRONING,
	FEAT_SKIRT,
	FEAT_SUPPORT,
	FEAT_WIPE_TOWER,
	FEAT_CUSTOM,
	FEAT_OTHER,
};

/*
 * Comment text c (n bytes, after the ';'): when it names a feature, store
 * it in *f and return true.
 */
bool feature_from_comment(const char *c, size_t n, enum feature *f);

#endif
