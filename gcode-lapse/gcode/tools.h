/*
 * tools.h: the tool, its offset and its firmware retraction, as the
 * tracker's firmware has them, for machine.c.
 *
 * T (tool changes: what the logical position does, per firmware; Prusa's
 * MMU forms; RRF's T-1; Bambu's pseudo tools), tool offsets (RRF's
 * G10 P X Y Z, Marlin's M218, GPX's G10 Pn work offsets with G53..G59),
 * firmware retraction (G10/G11, M207/M208, Klipper's SET_RETRACTION).
 * The offset in force is the nozzle's from the carriage:
 * carriage = logical + shift - offset.  Each returns the line's EV_*.
 */
#ifndef TOOLS_H
#define TOOLS_H

#include "gcode/gcode.h"
#include "gcode/machine.h"

int tools_t(struct machine *, const struct gcode_line *);
int tools_g10(struct machine *, const struct gcode_line *);
int tools_g11(struct machine *, const struct gcode_line *);
int tools_workplace(struct machine *, const struct gcode_line *);
int tools_m207(struct machine *, const struct gcode_line *);
int tools_m208(struct machine *, const struct gcode_line *);
int tools_m218(struct machine *, const struct gcode_line *);
int tools_set_retraction(struct machine *, const struct gcode_line *);

#endif
