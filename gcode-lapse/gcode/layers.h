/*
 * layers.h: which layer the print is in, from the slicer's comments and
 * from the geometry.
 *
 * Slicers announce layers in comments of their own (";LAYER_CHANGE" and
 * ";Z:" for PrusaSlicer and Orca, ";LAYER:n" for Cura and ideaMaker,
 * "; CHANGE_LAYER" for Bambu, "; layer n, Z = z" for Simplify3D); a file
 * without them still shows its layers as extrusions at a new height.
 * Both are counted.  Once a comment style is seen its count is the one
 * used, locked to that first style (a profile may add a second one);
 * until then the geometry's.  A spiral (vase mode) starts a layer only
 * once it has climbed a whole layer height, so it does not flood; Z going
 * down to a new layer is sequential (one object after the other) printing.
 *
 * Invariant: count never goes down, and grows only at a comment of the
 * locked style or, before any, at an extrusion the geometry calls a new
 * layer.  The tracker (machine.c) feeds it; callers read the fields.
 */
#ifndef LAYERS_H
#define LAYERS_H

#include <stdbool.h>
#include <stddef.h>

enum layer_style {
	LAYER_STYLE_NONE,	/* no layer comments (yet) */
	LAYER_STYLE_PRUSA,	/* ;LAYER_CHANGE + ;Z: (PrusaSlicer, Orca) */
	LAYER_STYLE_CURA,	/* ;LAYER:n (Cura, ideaMaker) */
	LAYER_STYLE_BAMBU,	/* ; CHANGE_LAYER + ; Z_HEIGHT: */
	LAYER_STYLE_S3D,	/* ; layer n, Z = z (Simplify3D) */
};

struct layers {
	int count;			/* layers started, best source */
	double z;			/* print height of the current layer */
	double height;			/* layer height */
	int geometric;			/* counted from the geometry */
	int comments;			/* counted from the locked style */
	enum layer_style style;
	double comment_z;		/* from ;Z: / Z_HEIGHT, NaN if none */
	bool vase_seen;			/* helical extrusion seen */
	bool z_went_down;		/* sequential printing seen */

	double geo_z, geo_height;	/* geometric layer height and step */
	double hint;			/* the slicer's layer height, 0: none */
};

/* Before the first layer; hint: the slicer's layer height (0: unknown). */
void layers_init(struct layers *, double hint);

/* A comment's text (n bytes after the ';'): does it start a layer? */
bool layers_comment(struct layers *, const char *c, size_t n);

/*
 * An extrusion whose ends are known, from height z0 to z: does it start
 * a layer (by geometry, while no comment style is locked)?
 */
bool layers_extrusion(struct layers *, double z0, double z);

#endif
