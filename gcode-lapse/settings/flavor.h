/*
 * flavor.h: the firmware a file is meant for, and what that firmware does
 * where firmwares read the same G-code differently.
 *
 * The flavor comes from the slicer's comments (gcode_flavor, ;FLAVOR:,
 * firmwareTypeOverride) or from --firmware, by the names users and
 * slicers write.  Its rules are the firmwares' it may mean (gcode/dialect.h
 * has them, checked in the firmware sources): "marlin" is written for
 * Marlin 1, Marlin 2 and older Prusa printers alike, "reprap" for
 * RepRap/Sprinter (PrusaSlicer, Slic3r) and RepRapFirmware (Cura), and a
 * file that names none may be for any; where those read a line apart the
 * tracker says so.
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
	FLAVOR_PRUSA,		/* Prusa firmware 3.9.0 and later */
	FLAVOR_PRUSA_38,	/* Prusa firmware up to 3.8.x */
	FLAVOR_PRUSA_39RC,	/* Prusa firmware 3.9.0-RC1 */
	FLAVOR_MARLIN1,
	FLAVOR_REPRAP,		/* "reprap": RepRap/Sprinter or RRF */
	FLAVOR_SAILFISH,	/* MakerBot/Sailfish (GPX, ReplicatorG) */
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

/* The firmwares the flavor may mean, as FW_BIT()s (0: any). */
unsigned flavor_firmwares(enum flavor);

/* The flavor's rules into a tracker configuration. */
void flavor_machine_config(enum flavor, struct machine_config *);

#endif
