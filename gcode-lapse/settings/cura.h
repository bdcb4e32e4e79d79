/*
 * cura.h: Cura's settings, from the ";SETTING_3" lines at the end of its
 * files.
 *
 * Cura writes the settings the user changed (not the printer's
 * definition, not the defaults) as one JSON object cut into lines of 80
 * columns: {"global_quality": "<ini text>", "extruder_quality": ["<ini
 * text>", ...]}, whose ini texts hold "key = value" lines under
 * "[values]" with "\n" written as a backslash and an n.  A key that is
 * missing means "as the printer's definition says", not "off": it is
 * left unset, for learn.h to find in the moves.
 *
 * Invariant: the joined text lives only between the first ";SETTING_3"
 * line and cura_end(), in memory the settings own (at most
 * CURA_MAX_BYTES), and is freed there.
 */
#ifndef CURA_H
#define CURA_H

#include <stddef.h>

#include "settings/slicer.h"

#define CURA_MAX_BYTES (256 * 1024)

/* The text of one ";SETTING_3 " line after its prefix. */
void cura_piece(struct slicer_settings *, const char *text, size_t len,
    unsigned long line, bool from_end);

/* Decode what was joined, store its settings, free it. */
void cura_end(struct slicer_settings *);

#endif
