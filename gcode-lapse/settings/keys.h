/*
 * keys.h: every slicer's names for the settings gcode-lapse needs, and
 * how their values are written.
 *
 * One table maps each family's key, in the form that family writes it,
 * to a setting of struct slicer_settings, with its unit and its range
 * (limits.h): adding a slicer is adding rows.  keys_store() is the one
 * place a setting is set from text, so every value is checked the same
 * way and keeps where it came from.
 *
 * Invariant: a value is stored whole or not at all; a row of lower
 * priority never replaces one of higher priority.
 */
#ifndef KEYS_H
#define KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "settings/slicer.h"

/* How a family writes its settings. */
enum key_form {
	FORM_EQ = 1 << 0,	/* "; key = value" (Slic3r family, Orca,
				   KISSlicer, MatterControl, Kiri:Moto) */
	FORM_COLON = 1 << 1,	/* ";Key:value", "; key : value" (Creality 4,
				   IceSL, FlashPrint, ideaMaker, Cura) */
	FORM_S3D = 1 << 2,	/* ";   key,value" */
	FORM_SKEIN = 1 << 3,	/* "(<setting> plugin Key: value </setting>)",
				   "(<key> value </key>)" */
	FORM_CURA = 1 << 4,	/* "key = value" in ";SETTING_3"'s ini text */
};

/*
 * Store the value text of key (in form) if it is one of ours.  line:
 * the line number in the file, or its place from the end when from_end.
 * Returns true when the key was one of the table's.
 */
bool keys_store(struct slicer_settings *, enum key_form, const char *key,
    size_t keylen, const char *value, size_t valuelen, unsigned long line,
    bool from_end);

/* Set a setting to v from the file (a value computed from several keys,
 * as a bed or a switched-off retraction). */
void keys_set(struct slicer_settings *, struct setting *, double v,
    unsigned char prio, const char *key, unsigned long line, bool from_end);

/* Where a value of the file is: line, or its place from the end. */
void keys_origin(struct origin *, const char *key, unsigned long line,
    bool from_end);

/* The blanks around text cut off. */
void keys_trim(const char **s, size_t *n);

#endif
