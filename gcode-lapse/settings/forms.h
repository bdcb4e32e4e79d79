/*
 * forms.h: the forms the families write their settings in.
 *
 * forms_line() takes one comment line of the head or the tail (slicer.c
 * has trimmed it and set aside our own marks) and stores what settings
 * it holds through keys.h; forms_end() makes, once all lines are read,
 * the settings that take several lines (the beds of Simplify3D,
 * KISSlicer and ideaMaker).
 */
#ifndef FORMS_H
#define FORMS_H

#include <stdbool.h>
#include <stddef.h>

#include "settings/slicer.h"

/* t[0, n) starts with ';' or '('; line counts from the end of the file
 * when from_end. */
void forms_line(struct slicer_settings *s, const char *t, size_t n,
    unsigned long line, bool from_end);
void forms_end(struct slicer_settings *s);

#endif
