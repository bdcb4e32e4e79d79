/*
 * slicer.h: which slicer wrote the file, for which firmware, and the
 * settings it left in its comments or showed in its moves.
 *
 * Every family writes its settings its own way (keys.c has them all):
 * PrusaSlicer, SuperSlicer and Slic3r a "; key = value" block at the end
 * (Slic3r 0.9 at the top); OrcaSlicer, BambuStudio and Creality Print 5
 * the same inside "; CONFIG_BLOCK_START"; Creality Print 4 ";Key:value"
 * banners at the top; Cura the JSON of its changed settings in
 * ";SETTING_3" lines at the end (cura.c); Simplify3D ";   key,value";
 * KISSlicer, MatterControl and Kiri:Moto "; key = value" of their own;
 * IceSL "; key : value"; ideaMaker, FlashPrint ";Key: value";
 * ReplicatorG's Skeinforge "(<setting> plugin Name: value </setting>)".
 * slicer_scan() reads the head and the tail of a file, so the cost does
 * not grow with the file, then learns what the comments do not say from
 * the moves of the head (learn.h).  detect.c names the slicer by the
 * strongest evidence.  slicer_machine_init() turns it all into the
 * tracker's set-up, the one rewrite, verify and --info use.
 *
 * Each setting says where it came from (the file's comment and its line,
 * the moves, a profile, an option).  A value outside its sane range
 * (limits.h) is kept, marked bad, and is an error where it would be used.
 *
 * Invariant: a setting is set only from a value read whole; a stronger
 * key (a filament's override, KISSlicer's "As Used" section) is never
 * replaced by a weaker one, a comment never by a guess from the moves.
 */
#ifndef SLICER_H
#define SLICER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "gcode/machine.h"
#include "settings/flavor.h"
#include "settings/limits.h"

enum slicer_kind {
	SLICER_UNKNOWN,
	SLICER_PRUSA,
	SLICER_SUPERSLICER,
	SLICER_SLIC3R,
	SLICER_SLIC3R_PE,	/* Slic3r Prusa Edition */
	SLICER_ORCA,
	SLICER_BAMBU,
	SLICER_CREALITY,	/* Creality Print 4 (Cura-based), 5 (Orca) */
	SLICER_CURA,
	SLICER_S3D,
	SLICER_IDEAMAKER,
	SLICER_KISSLICER,
	SLICER_KIRI,
	SLICER_ICESL,
	SLICER_FLASHPRINT,
	SLICER_REPLICATORG,	/* ReplicatorG with Skeinforge */
	SLICER_MATTERCONTROL,	/* MatterSlice */
	SLICER_CRAFTWARE,
	SLICER_FULLCONTROL,
};

/* Where a setting in force came from. */
enum setting_source {
	SRC_NONE,		/* not known */
	SRC_FILE,		/* the slicer's comment */
	SRC_LEARNED,		/* the file's own moves */
	SRC_PROFILE,		/* --config FILE */
	SRC_OPTION,		/* the command line */
	SRC_DEFAULT,		/* gcode-lapse's own default */
};

struct origin {
	enum setting_source src;
	unsigned long line;	/* in the file, from 1 (0: see from_end) */
	unsigned long from_end;	/* else its place from the end (1: last) */
	const char *key;	/* the file's key or the option (static) */
};

#define SETTING_TEXT 24

/* A number the file may or may not give. */
struct setting {
	double v;
	bool set;
	bool bad;		/* out of its range (limits.h): not usable */
	unsigned char prio;	/* a stronger key wins over a weaker */
	struct origin at;
	char text[SETTING_TEXT];	/* the value as written */
};

struct bed {
	bool set;
	bool circular;
	double x0, y0, x1, y1;	/* bounding rectangle, logical mm */
	double cx, cy, r;	/* circular beds */
};

struct slicer_settings {
	enum slicer_kind slicer;
	char version[32];
	enum flavor flavor;
	char flavor_text[32];
	struct bed bed;
	struct origin bed_at;
	bool bed_bad;		/* a coordinate out of range */
	char bed_text[48];	/* as written, for the message */
	struct setting max_height;	/* mm */
	struct setting retract_mm;
	struct setting retract_speed;	/* mm/s */
	struct setting deretract_speed;	/* mm/s */
	struct setting zhop_mm;
	struct setting travel_speed;	/* mm/s */
	struct setting relative_e;	/* 0/1 */
	struct setting fw_retraction;	/* 0/1 */
	struct setting vase;		/* 0/1 */
	struct setting sequential;	/* 0/1 */
	struct setting layer_height;
	struct setting first_layer_height;
	struct setting accel;		/* mm/s^2, printing moves */
	struct setting accel_travel;	/* mm/s^2, travel moves */
	struct setting accel_z;		/* Z axis limit, mm/s^2 */
	struct setting accel_e;		/* extruder limit, mm/s^2 */
	struct setting feed_xy;		/* X/Y speed limit, mm/s */
	struct setting feed_z;		/* Z speed limit, mm/s */
	struct setting est_time_s;	/* the slicer's own estimate */
	struct setting filament_mm;	/* the slicer's own total */
	struct setting layer_count;	/* ;LAYER_COUNT: (Cura) */
	struct setting filament_diameter; /* mm (a preview's bead widths) */
	bool already_processed;		/* ends with our processed mark */
	unsigned long first_e;		/* the first E move's line, 0:
					   none in the head */
	bool e_mode_set;		/* M82/M83 before it */
	bool e_mode_open;		/* none in the head at all, and its E
					   words look like a print read as
					   absolute and as relative: the
					   verifier cannot tell which */
	unsigned long e_fixed_line;	/* the first M82/M83, when it comes
					   after the first E move (0: none
					   in the head) */
	bool e_no_print[2];		/* no M82/M83 in the head: read as
					   absolute [0], relative [1], its E
					   words are no print (so the verifier
					   sets that reading aside) */

	/* the reading's own state: detect.c, keys.c, cura.c */
	struct slicer_evidence {
		enum slicer_kind kind;
		char version[32];
		int score;
		unsigned long line;
		bool config_block;	/* "; CONFIG_BLOCK_START" */
		bool header_block;	/* inside "; HEADER_BLOCK_START" */
		bool commands;		/* a G-code command was seen */
		unsigned hints;		/* detect.c's formats seen */
		bool s3d_override;	/* overrideMachineDefinition,1 */
		int s3d_machine;	/* machineTypeOverride */
		double s3d_stroke[2], s3d_origin[2];
		bool s3d_stroke_set[2];
		int bonus;		/* to the priority of keys now:
					   KISSlicer's "As Used", Cura's
					   extruder stack */
		double kiss_bed[2], kiss_offset[2];
		bool kiss_round;
		int ideamaker_origin;	/* Origin Center */
		double dim[2];		/* ideaMaker, Creality 4 */
		bool dim_set;
		bool flavor_creality;	/* ;FLAVOR:Creality OS */
		struct origin dim_at;
		char *cura_json;	/* ";SETTING_3" text, joined */
		size_t cura_len, cura_cap;
		unsigned long cura_line;
		bool cura_from_end;
		bool in_tail;		/* lines counted from the end */
		unsigned long line_no, tail_lines;
		bool mark_last;		/* the processed mark, only
					   comments after it */
	} ev;
};

void slicer_init(struct slicer_settings *);

/*
 * One line of text (without terminator) from anywhere in the file, its
 * number (0: unknown).  After the last, slicer_end().
 */
void slicer_line(struct slicer_settings *, const char *text, size_t len,
    unsigned long number);

/* Every line given: decode what spans lines (Cura), name the slicer. */
void slicer_end(struct slicer_settings *);

/*
 * Read the head and the tail of the file open on fd (pread, the offset
 * is not moved), then learn from its first moves.  Returns 0, or -1 with
 * errno on a read error or when out of memory.
 */
int slicer_scan(struct slicer_settings *, int fd);

/* The same over a whole file in memory. */
int slicer_scan_mem(struct slicer_settings *, const char *data, size_t len);

/* The line number of a setting's origin, now that the file has
 * total_lines lines (0: not known; then 0 for one counted from the end). */
unsigned long slicer_origin_line(const struct origin *,
    unsigned long total_lines);

/* A setting the file gave out of its range lim (st->bad): -1 with err
 * "line N: key = value: out of range (...)"; else 0. */
int slicer_check(const struct setting *st, enum limit_id lim, char *err,
    size_t errlen);

/* The flavor in force: firmware's (a name, NULL or "": none), else the
 * file's. */
enum flavor slicer_flavor(const struct slicer_settings *,
    const char *firmware);

/*
 * Start the tracker m for a file with these settings: the rules of the
 * flavor in force (slicer_flavor()), the slicer's firmware retraction,
 * layer height, and the E mode the file starts in when it never says.
 */
void slicer_machine_init(struct machine *m, const struct slicer_settings *,
    const char *firmware);

/* Accelerations for estimates, mm/s^2: the file's, else what its slicer
 * assumed by default. */
struct accels {
	double xy, travel, z, e;
	double feed_xy, feed_z;	/* axis speed limits, mm/s (0: none) */
};
struct accels slicer_accels(const struct slicer_settings *);

const char *slicer_name(enum slicer_kind);

/* "file", "learned", "profile", ... (JSON) */
const char *slicer_source_name(enum setting_source);

/*
 * Where a setting came from, for people: "the file's comment, line 8123
 * (retract_length)", "learned from the moves at line 211 (travels)",
 * "option --retract", "profile (retract)", "default".  total_lines: as
 * for slicer_origin_line().
 */
void slicer_origin_text(char *buf, size_t size, const struct origin *,
    unsigned long total_lines);

/* "0,0 to 220,220", "circle, centre 0,0 radius 100" */
void slicer_bed_text(char *buf, size_t size, const struct bed *);

#endif
