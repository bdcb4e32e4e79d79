/*
 * info.h: what a G-code file holds, for "gcode-lapse --info".
 *
 * Runs the file through the scanner with the slicer's settings applied and
 * gathers a report: slicer and flavor, the settings found, layers,
 * extents, filament, moves and an estimated print time beside the
 * slicer's own.  Printing is separate from gathering, as text or JSON.
 */
#ifndef INFO_H
#define INFO_H

#include <stdio.h>

#include "gcode/machine.h"
#include "gcode/warnings.h"
#include "plan/estimate.h"
#include "settings/slicer.h"

struct info {
	const char *file;
	unsigned long long bytes;
	struct slicer_settings settings;
	struct machine m;		/* state at the end */
	double estimate_s;
	unsigned long warnings;
	struct warnings warns;		/* by kind, for main to print */
};

/*
 * Gather the report for the file open on fd.  firmware: a flavor name
 * that overrides the file's ("rrf", "marlin2", "klipper"...) or NULL.
 * The warnings are in warns.  Returns 0 or -1 with err.
 */
int info_gather(struct info *, int fd, const char *file,
    const char *firmware, char *err, size_t errlen);

void info_print_text(FILE *, const struct info *);

/* Returns 0, or -1 when out of memory. */
int info_print_json(FILE *, const struct info *);

#endif
