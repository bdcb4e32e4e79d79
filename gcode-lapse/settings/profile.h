/*
 * profile.h: every setting of a rewrite, from the command line and from an
 * INI profile, through one table.
 *
 * A setting has one name, used as the long option (--every-layers 2) and
 * as the INI key (every-layers = 2, in any section or none but [render]).
 * The [render] section holds the preview video's settings, the keys of
 * capture-agent's [render] (render_options.h); on the command line they
 * are --render KEY=VALUE.  Numbers go through num.h (num_key_*() for a
 * setting that is one number), and the ones that drive the inserted
 * moves must lie in their sane range (limits.h), as values read from a
 * file must.  A value the file's slicer comments can give (retraction,
 * travel speed, bed...) stays unset (NaN, or bed.set false) until a flag
 * or the profile sets it; snapshot_plan() (snapshot.h) fills the rest
 * from the file and names the flag to pass when something that matters
 * is missing.
 */
#ifndef PROFILE_H
#define PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "render/render_options.h"
#include "scene/view.h"
#include "settings/slicer.h"

#define PROFILE_PATH_MAX 32	/* stabilization path points per axis */
#define PROFILE_SETTINGS 48	/* settings in the table, at most */
#define PROFILE_AREAS 16
#define PROFILE_TEXT 128

enum trigger_kind {
	TRIG_LAYER,		/* every N layers (N = every_layers) */
	TRIG_HEIGHT,		/* every N mm of height */
	TRIG_TIME,		/* every N seconds of estimated print time */
	TRIG_COMMAND,		/* only where the file asks */
};

enum axis_mode {
	AXIS_FIXED,		/* a bed coordinate */
	AXIS_PERCENT,		/* 0..100 % of the bed */
	AXIS_PATH,		/* coordinates advancing each snapshot */
	AXIS_DISABLED,		/* the axis does not move */
};

struct axis_plan {
	enum axis_mode mode;
	double v;			/* fixed coordinate or percentage */
	double path[PROFILE_PATH_MAX];
	int npath;
	bool pingpong;			/* else loop */
};

enum marker_dialect {
	MARK_DUET,		/* M291 P"gLapseCapture" S2 (+ init/finish) */
	MARK_KLIPPER,		/* TIMELAPSE_TAKE_FRAME */
	MARK_MARLIN,		/* M240 */
	MARK_OCTOPRINT,		/* @OCTOLAPSE TAKE-SNAPSHOT (Octolapse) */
	MARK_CUSTOM,		/* marker_line */
};

enum vase_policy { VASE_SNAP, VASE_SKIP, VASE_PARK };
enum seq_policy { SEQ_LIFT, SEQ_SKIP };

struct area {
	bool circle;
	double x0, y0, x1, y1;		/* rectangle */
	double cx, cy, r;		/* circle */
};

struct profile {
	/* when */
	enum trigger_kind trigger;
	int every_layers;
	double every_mm, every_s;
	char command[PROFILE_TEXT];	/* snapshot here */
	char pause[PROFILE_TEXT];	/* no snapshots from here ... */
	char resume[PROFILE_TEXT];	/* ... to here */
	bool smart;			/* cheapest point within the layer */
	bool snap;			/* no park move: snapshot in place */
	struct area allow[PROFILE_AREAS], forbid[PROFILE_AREAS];
	int nallow, nforbid;
	enum vase_policy vase;
	enum seq_policy sequential;

	/* where */
	struct axis_plan axis[2];	/* X, Y */

	/* how: NaN = from the file */
	double retract_mm, retract_speed, deretract_speed;
	double lift_mm, travel_speed, z_speed, max_height;
	struct bed bed;
	char firmware[32];		/* "" = from the file */
	double dwell_ms;
	double camera_s;		/* the camera's time parked, NaN:
					   the default */
	enum marker_dialect marker;
	char marker_line[PROFILE_TEXT];
	bool test_mode;

	/* the preview's camera (--preview); unset: in front of the bed */
	struct view_settings view;	/* camera, look-at, fov */
	int width, height;		/* pixels */
	struct render_options render;	/* the preview's video */

	/* where each setting came from: SRC_NONE, SRC_PROFILE or
	 * SRC_OPTION (profile_origin()) */
	unsigned char from[PROFILE_SETTINGS];
	bool loading;			/* inside profile_load() */
};

/* Defaults: every layer, back right corner, Duet marker. */
void profile_init(struct profile *);

/*
 * Set one setting by name ("every-layers", "park"...).  value is NULL for
 * flags given without one.  Returns 0, or -1 with err ("park: ...").
 */
int profile_set(struct profile *, const char *name, const char *value,
    char *err, size_t errlen);

/* Is name a setting, and does it take a value? (-1: unknown) */
int profile_takes_value(const char *name);

/* Every setting name, NULL-terminated (for getopt's table). */
const char *const *profile_names(void);

/*
 * Where the setting name (as in the table: "retract") came from: the
 * profile, the command line (o->key "--retract"), or SRC_NONE.
 */
struct origin profile_origin(const struct profile *, const char *name);

/* Read an INI file (its [render] section into render).  Returns 0, or -1
 * with err "file:line: what". */
int profile_load(struct profile *, const char *path, char *err,
    size_t errlen);

#endif
