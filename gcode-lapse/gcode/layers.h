/*
 * layers.h: which layer the print is in, from the slicer's comments and
 * from the geometry.
 *
 * Slicers announce layers in comments of their own: ";LAYER_CHANGE" and
 * ";Z:" (PrusaSlicer, Orca), ";LAYER:n" (Cura, ideaMaker, Creality 4,
 * MatterControl), "; CHANGE_LAYER" (Bambu), "; layer n, Z = z"
 * (Simplify3D, also "Z=z" when post-processed), "; BEGIN_LAYER_OBJECT z="
 * (KISSlicer), "; <layer>" (IceSL), ";layer:0.25" (FlashPrint: the
 * thickness, not Z), "; Layer #1" (CraftWare), "(<layer> 0.475 )"
 * (ReplicatorG's Skeinforge: Z), ";; --- layer N (h @ z) ---"
 * (Kiri:Moto).  A file without them still shows its layers as
 * extrusions at a new height.  Both are counted; once a comment style is
 * seen its count is the one used, locked to that first style (a profile
 * may add a second one); until then the geometry's.
 *
 * One layer per layer height, whatever the file does between: a spiral
 * (vase mode) starts a layer only once it has climbed a whole layer
 * height, flat moves within the spiral included; a comment that names a
 * height already printed (Simplify3D's second process at the same Z) is
 * no new layer.  Sequential printing (one object after the other) is Z
 * going back down to the first layer after two layers or more, by more
 * than the file's own Z wobble (software bed levelling puts a Z on every
 * move): a purge line before the first layer or a move of the end code
 * is not it.
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
	LAYER_STYLE_CURA,	/* ;LAYER:n (Cura, ideaMaker, ...) */
	LAYER_STYLE_BAMBU,	/* ; CHANGE_LAYER + ; Z_HEIGHT: */
	LAYER_STYLE_S3D,	/* ; layer n, Z = z (Simplify3D) */
	LAYER_STYLE_KISS,	/* ; BEGIN_LAYER_OBJECT z= (KISSlicer) */
	LAYER_STYLE_ICESL,	/* ; <layer> */
	LAYER_STYLE_FLASHPRINT,	/* ;layer:h */
	LAYER_STYLE_CRAFTWARE,	/* ; Layer #n */
	LAYER_STYLE_SKEINFORGE,	/* (<layer> z ) */
	LAYER_STYLE_KIRI,	/* ;; --- layer n (h @ z) --- */
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
	bool expect_comments;		/* the slicer writes them */

	/* layers.c's own */
	double top_z;			/* highest layer so far (NaN) */
	double first_z;			/* the first layer's (NaN) */
	bool pending_z;			/* the next extrusion names it */
	bool last_helical;		/* the last extrusion climbed */
	int helix_moves;		/* climbing run: moves ... */
	double helix_climb;		/* ... and height */
	double wobble;			/* Z range within a flat layer */
	double lz_min, lz_max;		/* this layer's extrusions */
};

/*
 * Before the first layer; hint: the slicer's layer height (0: unknown);
 * comments: the slicer writes layer comments, so the first extrusions
 * before one (purge lines) start no layer, unless none comes for a few
 * geometric layers.
 */
void layers_init(struct layers *, double hint, bool comments);

/* A comment's text (n bytes after the ';' or inside '( )'): does it
 * start a layer? */
bool layers_comment(struct layers *, const char *c, size_t n);

/*
 * An extrusion whose ends are known, from height z0 to z: does it start
 * a layer (by geometry, while no comment style is locked)?
 */
bool layers_extrusion(struct layers *, double z0, double z);

/* "geometry", ";LAYER_CHANGE comments", ... */
const char *layers_source(const struct layers *);

#endif
