/*
 * flavor.h: the firmware a file is meant for, and what that firmware does
 * where firmwares read the same G-code differently.
 *
 * The flavor comes from the slicer's comments (gcode_flavor, ;FLAVOR:,
 * firmwareTypeOverride) or from --firmware, by the names users and
 * slicers write.  Its rules, checked in the firmware sources: whether
 * G90/G91 switch the extruder too, and whether a bare G92 zeroes every
 * axis.  "marlin" is written for Marlin 1 and 2 alike, so its E rule is
 * unknown and the tracker warns where it matters.
 */
#ifndef FLAVOR_H
#define FLAVOR_H

#include <stddef.h>

#include "gcode/machine.h"

enum flavor {
	FLAVOR_UNKNOWN,
	FLAVOR_MARLIN,		/* "marlin": legacy, often a Marlin 2 too */
	FLAVOR_MARLIN2,
	FLAVOR_RRF,
	FLAVOR_KLIPPER,
	FLAVOR_PRUSA,		/* Prusa firmware (Marlin 1 based) */
	FLAVOR_SMOOTHIE,
	FLAVOR_REPETIER,
	FLAVOR_OTHER,
};

/*
 * The flavor of a name as users and slicers write it ("marlin2",
 * "reprapfirmware", "RepRap (RepRap)", "klipper"...), blanks around it
 * ignored: FLAVOR_OTHER for a name not known, FLAVOR_UNKNOWN for none.
 */
enum flavor flavor_from(const char *name, size_t len);

/* "marlin2", "reprapfirmware", ... */
const char *flavor_name(enum flavor);

/* The flavor's rules into a tracker configuration. */
void flavor_machine_config(enum flavor, struct machine_config *);

#endif
