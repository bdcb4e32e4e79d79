/*
 * keys.c: the table of every family's keys, and storing a value.
 *
 * Multi-extruder values ("0.8,0.8", "0.8;0.8", "1.75|1.75") take the
 * first tool's.
 * Values that mean "not set" in their slicer are skipped: PrusaSlicer's
 * "nil" (no filament override), a speed of 0 ("as the retraction"), a
 * percentage, Cura's "=formula" and "None".  A number outside its range
 * is stored marked bad; for the machine's own speed and acceleration
 * limits, which slicers write huge to mean "none", it is skipped.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "num.h"
#include "settings/keys.h"
#include "settings/limits.h"

enum conv {
	C_NUM,		/* a number as is */
	C_POS,		/* a number, 0 meaning "not set" */
	C_BOOL,		/* 0/1, true/false, yes/no, on/off */
	C_PERMIN,	/* mm/min -> mm/s */
	C_OFF,		/* a switch: off stores 0 into the setting */
	C_LIMIT,	/* a machine limit: out of range is "none" */
	C_SAME,		/* a deretraction speed, 0 meaning "as the
			   retraction" (kept as 0) */
};

/* No range: the row's setting is not one that drives a block. */
#define NOLIM LIM_N

struct key {
	unsigned forms;		/* enum key_form bits */
	const char *key;
	size_t off;		/* offsetof(struct slicer_settings, x) */
	enum conv conv;
	enum limit_id lim;
	unsigned char prio;	/* higher wins; 0 the plain key */
};

#define S(f) offsetof(struct slicer_settings, f)
#define EQ FORM_EQ
#define CO FORM_COLON
#define SD FORM_S3D
#define SK FORM_SKEIN
#define CU FORM_CURA

static const struct key keys[] = {
	/* PrusaSlicer, SuperSlicer, Slic3r (0.9 to 1.3) */
	{ EQ, "retract_length", S(retract_mm), C_NUM, LIM_RETRACT, 0 },
	{ EQ, "filament_retract_length", S(retract_mm), C_NUM, LIM_RETRACT,
	    2 },
	{ EQ, "retract_speed", S(retract_speed), C_POS, LIM_RETRACT_SPEED,
	    0 },
	{ EQ, "filament_retract_speed", S(retract_speed), C_POS,
	    LIM_RETRACT_SPEED, 2 },
	{ EQ, "deretract_speed", S(deretract_speed), C_SAME,
	    LIM_RETRACT_SPEED, 0 },
	{ EQ, "filament_deretract_speed", S(deretract_speed), C_SAME,
	    LIM_RETRACT_SPEED, 2 },
	{ EQ, "retract_lift", S(zhop_mm), C_NUM, LIM_ZHOP, 0 },
	{ EQ, "filament_retract_lift", S(zhop_mm), C_NUM, LIM_ZHOP, 2 },
	{ EQ, "travel_speed", S(travel_speed), C_NUM, LIM_TRAVEL_SPEED, 0 },
	{ EQ, "max_print_height", S(max_height), C_POS, LIM_MAX_HEIGHT, 0 },
	{ EQ, "use_relative_e_distances", S(relative_e), C_BOOL, NOLIM, 0 },
	{ EQ, "use_firmware_retraction", S(fw_retraction), C_BOOL, NOLIM, 0 },
	{ EQ, "spiral_vase", S(vase), C_BOOL, NOLIM, 0 },
	{ EQ, "complete_objects", S(sequential), C_BOOL, NOLIM, 0 },
	{ EQ, "print_sequence", S(sequential), C_BOOL, NOLIM, 0 },
	{ EQ, "layer_height", S(layer_height), C_POS, LIM_LAYER_HEIGHT, 0 },
	{ EQ, "first_layer_height", S(first_layer_height), C_POS,
	    LIM_LAYER_HEIGHT, 0 },
	{ EQ, "default_acceleration", S(accel), C_LIMIT, LIM_ACCEL, 0 },
	{ EQ, "travel_acceleration", S(accel_travel), C_LIMIT, LIM_ACCEL, 0 },
	{ EQ, "machine_max_acceleration_travel", S(accel_travel), C_LIMIT,
	    LIM_ACCEL, 1 },
	{ EQ, "machine_max_acceleration_z", S(accel_z), C_LIMIT, LIM_ACCEL,
	    0 },
	{ EQ, "machine_max_acceleration_e", S(accel_e), C_LIMIT, LIM_ACCEL,
	    0 },
	{ EQ, "machine_max_feedrate_x", S(feed_xy), C_LIMIT, LIM_FEEDRATE,
	    0 },
	{ EQ, "machine_max_feedrate_z", S(feed_z), C_LIMIT, LIM_FEEDRATE, 0 },
	{ EQ, "filament used [mm]", S(filament_mm), C_POS, NOLIM, 0 },
	{ EQ | CO, "filament_diameter", S(filament_diameter), C_POS,
	    LIM_FILAMENT, 0 },

	/* OrcaSlicer, BambuStudio, Creality Print 5 */
	{ EQ, "retraction_length", S(retract_mm), C_NUM, LIM_RETRACT, 0 },
	{ EQ, "filament_retraction_length", S(retract_mm), C_NUM,
	    LIM_RETRACT, 2 },
	{ EQ, "retraction_speed", S(retract_speed), C_POS, LIM_RETRACT_SPEED,
	    0 },
	{ EQ, "filament_retraction_speed", S(retract_speed), C_POS,
	    LIM_RETRACT_SPEED, 2 },
	{ EQ, "deretraction_speed", S(deretract_speed), C_SAME,
	    LIM_RETRACT_SPEED, 0 },
	{ EQ, "filament_deretraction_speed", S(deretract_speed), C_SAME,
	    LIM_RETRACT_SPEED, 2 },
	{ EQ, "z_hop", S(zhop_mm), C_NUM, LIM_ZHOP, 0 },
	{ EQ, "filament_z_hop", S(zhop_mm), C_NUM, LIM_ZHOP, 2 },
	{ EQ, "printable_height", S(max_height), C_POS, LIM_MAX_HEIGHT, 0 },
	{ EQ, "spiral_mode", S(vase), C_BOOL, NOLIM, 0 },
	{ EQ, "initial_layer_print_height", S(first_layer_height), C_POS,
	    LIM_LAYER_HEIGHT, 0 },
	{ EQ, "machine_max_speed_x", S(feed_xy), C_LIMIT, LIM_FEEDRATE, 0 },
	{ EQ, "machine_max_speed_z", S(feed_z), C_LIMIT, LIM_FEEDRATE, 0 },

	/* KISSlicer (the "As Used" section wins, keys.c's caller) */
	{ EQ, "destring_length", S(retract_mm), C_NUM, LIM_RETRACT, 0 },
	{ EQ, "destring_speed_mm_per_s", S(retract_speed), C_POS,
	    LIM_RETRACT_SPEED, 0 },
	{ EQ, "travel_speed_mm_per_s", S(travel_speed), C_NUM,
	    LIM_TRAVEL_SPEED, 0 },
	{ EQ, "Z_lift_mm", S(zhop_mm), C_NUM, LIM_ZHOP, 0 },
	{ EQ, "layer_thickness_mm", S(layer_height), C_POS, LIM_LAYER_HEIGHT,
	    0 },
	{ EQ, "first_layer_thickness_mm", S(first_layer_height), C_POS,
	    LIM_LAYER_HEIGHT, 0 },
	{ EQ, "bed_size_z_mm", S(max_height), C_POS, LIM_MAX_HEIGHT, 0 },
	{ EQ, "xy_accel_mm_per_s_per_s", S(accel), C_LIMIT, LIM_ACCEL, 0 },

	/* MatterControl (MatterSlice) */
	{ EQ, "retractionOnTravel", S(retract_mm), C_NUM, LIM_RETRACT, 0 },
	{ EQ, "retractionSpeed", S(retract_speed), C_POS, LIM_RETRACT_SPEED,
	    0 },
	{ EQ, "retractionZHop", S(zhop_mm), C_NUM, LIM_ZHOP, 0 },
	{ EQ, "travelSpeed", S(travel_speed), C_NUM, LIM_TRAVEL_SPEED, 0 },
	{ EQ, "layerThickness", S(layer_height), C_POS, LIM_LAYER_HEIGHT, 0 },
	{ EQ, "firstLayerThickness", S(first_layer_height), C_POS,
	    LIM_LAYER_HEIGHT, 0 },
	{ EQ, "continuousSpiralOuterPerimeter", S(vase), C_BOOL, NOLIM, 0 },
	{ EQ, "filamentDiameter", S(filament_diameter), C_POS, LIM_FILAMENT,
	    0 },

	/* Kiri:Moto */
	{ EQ, "outputRetractDist", S(retract_mm), C_NUM, LIM_RETRACT, 0 },
	{ EQ, "outputRetractSpeed", S(retract_speed), C_POS,
	    LIM_RETRACT_SPEED, 0 },
	{ EQ, "outputSeekrate", S(travel_speed), C_NUM, LIM_TRAVEL_SPEED, 0 },
	{ EQ, "zHopDistance", S(zhop_mm), C_NUM, LIM_ZHOP, 0 },
	{ EQ, "sliceHeight", S(layer_height), C_POS, LIM_LAYER_HEIGHT, 0 },
	{ EQ, "firstSliceHeight", S(first_layer_height), C_POS,
	    LIM_LAYER_HEIGHT, 0 },

	/* Creality Print 4 (";Key:value") */
	{ CO, "Retraction Distance", S(retract_mm), C_NUM, LIM_RETRACT, 0 },
	{ CO, "Enable Retraction", S(retract_mm), C_OFF, NOLIM, 3 },
	{ CO, "Retraction Speed", S(retract_speed), C_POS, LIM_RETRACT_SPEED,
	    0 },
	{ CO, "Retraction Prime Speed", S(deretract_speed), C_POS,
	    LIM_RETRACT_SPEED, 0 },
	{ CO, "Z Hop Height", S(zhop_mm), C_NUM, LIM_ZHOP, 0 },
	{ CO, "Z Hop When Retracted", S(zhop_mm), C_OFF, NOLIM, 3 },
	{ CO, "Travel Speed", S(travel_speed), C_NUM, LIM_TRAVEL_SPEED, 0 },
	{ CO, "Machine Height", S(max_height), C_POS, LIM_MAX_HEIGHT, 0 },
	{ CO, "Vase Model", S(vase), C_BOOL, NOLIM, 0 },
	{ CO, "Travel Acceleration", S(accel_travel), C_LIMIT, LIM_ACCEL, 0 },
	{ CO, "Layer height", S(layer_height), C_POS, LIM_LAYER_HEIGHT, 0 },
	{ CO, "Layer Height", S(layer_height), C_POS, LIM_LAYER_HEIGHT, 0 },
	{ CO, "LAYER_COUNT", S(layer_count), C_POS, NOLIM, 0 },
	{ CO, "Material Diameter", S(filament_diameter), C_POS, LIM_FILAMENT,
	    0 },
	/* ideaMaker */
	{ CO, "Filament Diameter #1", S(filament_diameter), C_POS,
	    LIM_FILAMENT, 0 },
	/* IceSL ("; key : value") */
	{ CO, "travel_speed_mm_per_sec", S(travel_speed), C_NUM,
	    LIM_TRAVEL_SPEED, 0 },
	{ CO, "filament_priming_mm[0]", S(retract_mm), C_NUM, LIM_RETRACT,
	    0 },
	{ CO, "priming_mm_per_sec[0]", S(retract_speed), C_POS,
	    LIM_RETRACT_SPEED, 0 },
	{ CO, "z_layer_height_mm", S(layer_height), C_POS, LIM_LAYER_HEIGHT,
	    0 },
	{ CO, "z_layer_height_first_layer_mm", S(first_layer_height), C_POS,
	    LIM_LAYER_HEIGHT, 0 },
	{ CO, "enable_z_lift", S(zhop_mm), C_OFF, NOLIM, 3 },
	{ CO, "z_lift_mm", S(zhop_mm), C_NUM, LIM_ZHOP, 0 },
	/* FlashPrint (";key: value") */
	{ CO, "travel_speed", S(travel_speed), C_NUM, LIM_TRAVEL_SPEED, 0 },
	{ CO, "layer_height", S(layer_height), C_POS, LIM_LAYER_HEIGHT, 0 },

	/* Simplify3D */
	{ SD, "extruderRetractionDistance", S(retract_mm), C_NUM,
	    LIM_RETRACT, 0 },
	{ SD, "extruderUseRetract", S(retract_mm), C_OFF, NOLIM, 3 },
	{ SD, "extruderRetractionSpeed", S(retract_speed), C_PERMIN,
	    LIM_RETRACT_SPEED, 0 },
	{ SD, "extruderRetractionZLift", S(zhop_mm), C_NUM, LIM_ZHOP, 0 },
	{ SD, "rapidXYspeed", S(travel_speed), C_PERMIN, LIM_TRAVEL_SPEED,
	    0 },
	{ SD, "relativeEdistances", S(relative_e), C_BOOL, NOLIM, 0 },
	{ SD, "spiralVaseMode", S(vase), C_BOOL, NOLIM, 0 },
	{ SD, "layerHeight", S(layer_height), C_POS, LIM_LAYER_HEIGHT, 0 },
	{ SD, "strokeZoverride", S(max_height), C_POS, LIM_MAX_HEIGHT, 0 },
	{ SD, "filamentDiameters", S(filament_diameter), C_POS, LIM_FILAMENT,
	    0 },

	/* Skeinforge (ReplicatorG) */
	{ SK, "Retraction_Distance_(millimeters)", S(retract_mm), C_NUM,
	    LIM_RETRACT, 0 },
	{ SK, "Extruder_Retraction_Speed_(mm/s)", S(retract_speed), C_POS,
	    LIM_RETRACT_SPEED, 0 },
	{ SK, "Travel_Feed_Rate_(mm/s)", S(travel_speed), C_NUM,
	    LIM_TRAVEL_SPEED, 0 },
	{ SK, "travelFeedRatePerSecond", S(travel_speed), C_NUM,
	    LIM_TRAVEL_SPEED, 1 },
	{ SK, "Relative_Extrusion_Distance", S(relative_e), C_BOOL, NOLIM,
	    0 },
	{ SK, "layerHeight", S(layer_height), C_POS, LIM_LAYER_HEIGHT, 0 },
	{ SK, "Filament_Diameter_(mm)", S(filament_diameter), C_POS,
	    LIM_FILAMENT, 0 },

	/* Cura's ";SETTING_3" (extruder stacks win: cura.c) */
	{ CU, "retraction_amount", S(retract_mm), C_NUM, LIM_RETRACT, 0 },
	{ CU, "retraction_enable", S(retract_mm), C_OFF, NOLIM, 3 },
	{ CU, "retraction_speed", S(retract_speed), C_POS, LIM_RETRACT_SPEED,
	    0 },
	{ CU, "retraction_retract_speed", S(retract_speed), C_POS,
	    LIM_RETRACT_SPEED, 1 },
	{ CU, "retraction_prime_speed", S(deretract_speed), C_POS,
	    LIM_RETRACT_SPEED, 1 },
	{ CU, "speed_travel", S(travel_speed), C_NUM, LIM_TRAVEL_SPEED, 0 },
	{ CU, "retraction_hop", S(zhop_mm), C_NUM, LIM_ZHOP, 0 },
	{ CU, "relative_extrusion", S(relative_e), C_BOOL, NOLIM, 0 },
	{ CU, "machine_firmware_retract", S(fw_retraction), C_BOOL, NOLIM,
	    0 },
	{ CU, "magic_spiralize", S(vase), C_BOOL, NOLIM, 0 },
	{ CU, "print_sequence", S(sequential), C_BOOL, NOLIM, 0 },
	{ CU, "layer_height", S(layer_height), C_POS, LIM_LAYER_HEIGHT, 0 },
	{ CU, "layer_height_0", S(first_layer_height), C_POS,
	    LIM_LAYER_HEIGHT, 0 },
	{ CU, "machine_height", S(max_height), C_POS, LIM_MAX_HEIGHT, 0 },
	{ CU, "material_diameter", S(filament_diameter), C_POS, LIM_FILAMENT,
	    0 },
	{ CU, "acceleration_travel", S(accel_travel), C_LIMIT, LIM_ACCEL, 0 },
	{ CU, "acceleration_print", S(accel), C_LIMIT, LIM_ACCEL, 0 },
	{ CU, "machine_max_acceleration_z", S(accel_z), C_LIMIT, LIM_ACCEL,
	    0 },
	{ CU, "machine_max_acceleration_e", S(accel_e), C_LIMIT, LIM_ACCEL,
	    0 },
	{ CU, "machine_max_feedrate_x", S(feed_xy), C_LIMIT, LIM_FEEDRATE,
	    0 },
	{ CU, "machine_max_feedrate_z", S(feed_z), C_LIMIT, LIM_FEEDRATE,
	    0 },
};

#undef EQ
#undef CO
#undef SD
#undef SK
#undef CU

void
keys_trim(const char **s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static const struct key *
find(unsigned form, const char *k, size_t n)
{
	if (n == 0)
		return NULL;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if ((keys[i].forms & form) && keys[i].key[0] == k[0] &&
		    strlen(keys[i].key) == n && memcmp(keys[i].key, k, n) == 0)
			return &keys[i];
	return NULL;
}

/* true, false, or -1 for a word that is neither. */
static int
truth(const char *v, size_t n)
{
	static const char *const yes[] = { "1", "true", "yes", "on",
	    "by object", "one_at_a_time" };
	static const char *const no[] = { "0", "false", "no", "off",
	    "by layer", "all_at_once" };

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strlen(yes[i]) == n && strncasecmp(yes[i], v, n) == 0)
			return 1;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strlen(no[i]) == n && strncasecmp(no[i], v, n) == 0)
			return 0;
	return -1;
}

void
keys_origin(struct origin *o, const char *key, unsigned long line,
    bool from_end)
{
	o->src = SRC_FILE;
	o->key = key;
	o->line = from_end ? 0 : line;
	o->from_end = from_end ? line : 0;
}

void
keys_set(struct slicer_settings *s, struct setting *st, double v,
    unsigned char prio, const char *key, unsigned long line, bool from_end)
{
	(void)s;
	if (st->set && st->at.src == SRC_FILE && st->prio > prio)
		return;
	st->v = v;
	st->set = true;
	st->bad = false;
	st->prio = prio;
	snprintf(st->text, sizeof st->text, "%.15g", v);
	keys_origin(&st->at, key, line, from_end);
}

bool
keys_store(struct slicer_settings *s, enum key_form form, const char *k,
    size_t kn, const char *v, size_t vn, unsigned long line, bool from_end)
{
	const struct key *key;
	struct setting *st;
	const char *sep;
	char buf[64];
	double d;
	unsigned char prio;
	int t;

	keys_trim(&k, &kn);
	if ((key = find(form, k, kn)) == NULL)
		return false;
	st = (struct setting *)((char *)s + key->off);
	prio = key->prio;
	/* KISSlicer's "As Used" section, Cura's extruder stack */
	prio = (unsigned char)(prio + s->ev.bonus);
	if (st->set && st->at.src == SRC_FILE && st->prio > prio)
		return true;
	keys_trim(&v, &vn);
	if (key->conv != C_BOOL && key->conv != C_OFF &&
	    ((sep = memchr(v, ',', vn)) != NULL ||
	    (sep = memchr(v, ';', vn)) != NULL ||
	    (sep = memchr(v, '|', vn)) != NULL))
		vn = (size_t)(sep - v);
	keys_trim(&v, &vn);
	if (vn == 0 || v[vn - 1] == '%' || v[0] == '=' ||
	    (vn == 3 && memcmp(v, "nil", 3) == 0) ||
	    (vn == 4 && memcmp(v, "None", 4) == 0))
		return true;
	if (key->conv == C_BOOL || key->conv == C_OFF) {
		/* Simplify3D: "extruderUseRetract,1,1" */
		if (form == FORM_S3D && (sep = memchr(v, ',', vn)) != NULL)
			vn = (size_t)(sep - v);
		if ((t = truth(v, vn)) == -1)
			return true;
		if (key->conv == C_OFF) {
			if (t == 0)
				keys_set(s, st, 0, prio, key->key, line,
				    from_end);
			return true;
		}
		keys_set(s, st, t, prio, key->key, line, from_end);
		return true;
	}
	if (vn >= sizeof buf)
		return true;
	memcpy(buf, v, vn);
	buf[vn] = '\0';
	if (num_config(buf, -1e30, 1e30, &d) != NUM_OK)
		return true;
	if (key->conv == C_PERMIN)
		d /= 60;
	if ((key->conv == C_POS || key->conv == C_LIMIT) && d == 0)
		return true;
	if (key->conv == C_LIMIT && !limit_ok(key->lim, d))
		return true;
	st->v = d;
	st->set = true;
	st->bad = key->lim != NOLIM && !limit_ok(key->lim, d) &&
	    !(key->conv == C_SAME && d == 0);
	st->prio = prio;
	vn = vn < sizeof st->text ? vn : sizeof st->text - 1;
	memcpy(st->text, buf, vn);
	st->text[vn] = '\0';
	keys_origin(&st->at, key->key, line, from_end);
	return true;
}
