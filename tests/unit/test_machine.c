/*
 * test_machine.c: the state tracker, command by command, and the tricky
 * cases that break timelapse tools: E modes under each firmware, G92,
 * inches, homing, arcs, firmware retraction, tools, layers in vase and
 * sequential prints.
 */
#include <math.h>
#include <string.h>

#include "t.h"
#include "gcode/machine.h"

static char err[256];

/* Feed each line of text; returns the OR of events, -1 at an error. */
static int
run(struct machine *m, const char *text)
{
	int ev = 0;

	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		int r = machine_feed_text(m, text, n, err, sizeof err);

		if (r == -1)
			return -1;
		ev |= r;
		text += n + (nl != NULL);
	}
	return ev;
}

/* A tracker for one firmware: E_COUPLED is Marlin 2's rule, E_SEPARATE
 * RRF's, E_KLIPPER Klipper's. */
static void
fresh_fw(struct machine *m, enum firmware f)
{
	struct machine_config cfg;

	machine_config_default(&cfg);
	cfg.firmwares = FW_BIT(f);
	machine_init(m, &cfg);
}

static void
fresh(struct machine *m, enum e_coupling c)
{
	fresh_fw(m, c == E_SEPARATE ? FW_RRF : c == E_KLIPPER ? FW_KLIPPER :
	    FW_MARLIN2);
}

static void
test_positions(void)
{
	struct machine m;

	fresh(&m, E_COUPLED);
	run(&m, "G90\nG1 X10 Y20 Z0.3 F3000\nG91\nG1 X5 Y-5\nG90");
	T_OK(m.pos[AX_X] == 15 && m.pos[AX_Y] == 15 && m.pos[AX_Z] == 0.3,
	    "G90 then G91 relative move");
	T_EQ_DBL(m.feed, 3000, 0, "feed rate is modal");
	T_OK(m.known[AX_X] && m.known[AX_Z], "positions known after moves");

	/*
	 * Inches are RRF's: Marlin 2 without INCH_MODE_SUPPORT (its default)
	 * does not know G20 (Marlin/src/gcode/gcode.cpp :388-392).
	 */
	fresh(&m, E_SEPARATE);
	run(&m, "G90\nG1 X10 Y20 Z0.3 F3000\nG91\nG1 X5 Y-5\nG90");
	run(&m, "G20\nG1 X1 F60\nG21");
	T_EQ_DBL(m.pos[AX_X], 25.4, 1e-9, "G20: X1 is 25.4 mm");
	T_EQ_DBL(m.feed, 60 * 25.4, 1e-9, "G20: F in inches per minute");
	fresh(&m, E_COUPLED);
	run(&m, "G90\nG1 X10 Y20 Z0.3 F3000\nG91\nG1 X5 Y-5\nG90");
	run(&m, "G20\nG1 X1 F60\nG21");
	T_EQ_DBL(m.pos[AX_X], 1, 0, "Marlin 2: G20 ignored, X1 is 1 mm");

	run(&m, "G92 X0");
	T_EQ_DBL(m.pos[AX_X], 0, 0, "G92 X0 sets the logical position");
	T_EQ_DBL(m.shift[AX_X], 1, 1e-9, "G92 keeps the physical offset");
	run(&m, "G1 X10");
	T_EQ_DBL(m.pos[AX_X] + m.shift[AX_X], 11, 1e-9,
	    "physical = logical + shift");

	run(&m, "G28 X");
	T_OK(!m.known[AX_X] && m.known[AX_Y], "G28 X: only X unknown");
	T_EQ_DBL(m.shift[AX_X], 0, 0, "G28 clears the G92 shift");
	run(&m, "G91\nG1 X5\nG90");
	T_OK(!m.known[AX_X], "relative move keeps an unknown axis unknown");
	run(&m, "G1 X7");
	T_OK(m.known[AX_X] && m.pos[AX_X] == 7, "absolute move makes it known");
	run(&m, "G28");
	T_OK(!m.known[AX_X] && !m.known[AX_Y] && !m.known[AX_Z],
	    "G28 alone homes every axis");
	T_EQ_INT(m.homed, 7, "homed bits");
	run(&m, "G1 X1 Y1 Z1\nG29");
	T_OK(!m.known[AX_X], "probing leaves the position unknown");
	run(&m, "G1 X1 Y1 Z1\nG1 Z{move.axes[2].max}");
	T_OK(!m.known[AX_Z] && m.known[AX_X], "an expression makes Z unknown");

	/*
	 * A letter without a value is read four ways (Marlin ignores it,
	 * Prusa reads 0, Klipper stops, RRF aborts): never a reason to
	 * refuse the file.
	 */
	struct warnings ws;

	warnings_init(&ws);
	m.warn = &ws;
	T_EQ_INT(run(&m, "G1 X"), 0, "G1 X without a value is no error");
	T_OK(m.known[AX_X] && m.pos[AX_X] == 1,
	    "Marlin 2 ignores the X without a value");
	T_OK(strstr(ws.w[MW_ODD + RULE_VALUELESS].text, "without a value") !=
	    NULL, "the warning says why: %s",
	    ws.w[MW_ODD + RULE_VALUELESS].text);
	m.warn = NULL;
	unsigned long w = m.warnings;
	run(&m, "G1 X1 F0");
	T_OK(m.warnings == w + 1 && m.feed > 0, "F0 is ignored with a warning");
}

static void
test_e_modes(void)
{
	struct machine m;

	/* Marlin 2: G90 after M83 turns E absolute. */
	fresh(&m, E_COUPLED);
	run(&m, "M83\nG91\nG90");
	T_OK(m.abs_e, "Marlin 2: M83, G91, G90 -> absolute E");
	fresh(&m, E_COUPLED);
	run(&m, "M82\nG91");
	T_OK(!m.abs_e, "Marlin 2: G91 makes E relative");

	/* RepRapFirmware: G90/G91 never touch E. */
	fresh(&m, E_SEPARATE);
	run(&m, "M83\nG91\nG90");
	T_OK(!m.abs_e, "RRF: M83 survives G91/G90");
	fresh(&m, E_SEPARATE);
	run(&m, "M82\nG91");
	T_OK(m.abs_e, "RRF: G91 leaves E absolute");

	/* Klipper / Marlin 1 / Prusa: G91 forces relative, G90 restores. */
	fresh(&m, E_KLIPPER);
	run(&m, "M82\nG91");
	T_OK(!m.abs_e, "Klipper: G91 makes E relative");
	run(&m, "G90");
	T_OK(m.abs_e, "Klipper: G90 gives back M82");
	fresh(&m, E_KLIPPER);
	run(&m, "M83\nG91\nG90");
	T_OK(!m.abs_e, "Klipper: G90 gives back M83");

	/* Unknown firmware: warn at the E move that depends on it only. */
	struct machine_config cfg;

	machine_config_default(&cfg);
	machine_init(&m, &cfg);
	run(&m, "M83\nG91\nG1 Z5\nG90\nG1 X1");
	T_EQ_INT(m.warnings, 0, "no warning while no E move depends on it");
	run(&m, "G1 X2 E1");
	T_EQ_INT(m.warnings, 1, "warning at the E move that depends on it");
	run(&m, "M83\nG1 X3 E1");
	T_EQ_INT(m.warnings, 1, "M83 settles it again");

	/* E totals across G92 E0 resets, absolute and relative. */
	fresh(&m, E_COUPLED);
	run(&m, "G1 X0 Y0 Z0.2\nM82\nG1 X10 E2\nG1 E1.2\nG92 E0\n"
	    "G1 E0.8\nG1 X20 E1.8");
	T_EQ_DBL(m.e_net, 3.0, 1e-9, "absolute E: net across G92 E0");
	T_EQ_DBL(m.e_extruded, 3.0, 1e-9, "absolute E: extruded");
	T_EQ_DBL(m.pos[AX_E], 1.8, 1e-9, "logical E after reset");
	fresh(&m, E_COUPLED);
	run(&m, "G1 X0 Y0 Z0.2\nM83\nG1 X10 E2\nG1 E-0.8\nG1 E0.8\n"
	    "G1 X20 E1");
	T_EQ_DBL(m.e_net, 3.0, 1e-9, "relative E: net");
	T_EQ_DBL(m.e_extruded, 3.0, 1e-9, "relative E: extruded");

	/*
	 * A bare G92 sets nothing on Marlin 2 (geometry/G92.cpp loops over
	 * the axes given) and zeroes every axis on Klipper
	 * (extras/gcode_move.py cmd_G92()).
	 */
	fresh(&m, E_COUPLED);
	run(&m, "G1 X5 Y5 Z1\nG92");
	T_OK(m.pos[AX_X] == 5 && m.pos[AX_Z] == 1,
	    "Marlin: bare G92 changes nothing");
	fresh(&m, E_KLIPPER);
	run(&m, "G1 X5 Y5 Z1\nG92");
	T_OK(m.pos[AX_X] == 0 && m.pos[AX_Z] == 0 && m.pos[AX_E] == 0,
	    "Klipper: bare G92 zeroes every axis");
	fresh(&m, E_SEPARATE);
	run(&m, "G1 X5 Y5 Z1\nG92");
	T_OK(m.pos[AX_X] == 5, "RRF: bare G92 changes nothing");
}

static void
test_filament(void)
{
	struct machine m;

	fresh(&m, E_COUPLED);
	run(&m, "M83\nG1 X0 Y0 Z0.3 F1200\nG1 X10 E1");
	T_EQ_INT(m.fil, FIL_EXTRUDING, "extruding");
	T_EQ_INT(m.last.kind, MOVE_EXTRUDE, "move kind extrude");
	run(&m, "G1 E-0.8 F2100");
	T_EQ_INT(m.fil, FIL_RETRACTING, "retracting");
	T_EQ_DBL(machine_retracted(&m), 0.8, 1e-9, "0.8 retracted");
	run(&m, "G1 Z0.7\nG1 X20 F9000");
	T_EQ_INT(m.fil, FIL_RETRACTED, "retracted after travel");
	T_EQ_DBL(machine_lift(&m), 0.4, 1e-9, "lifted 0.4 above the print");
	run(&m, "G1 Z0.3\nG1 E0.5");
	T_EQ_INT(m.fil, FIL_DERETRACTING, "partly deretracted");
	T_EQ_DBL(machine_retracted(&m), 0.3, 1e-9, "0.3 still retracted");
	run(&m, "G1 E0.3");
	T_EQ_INT(m.fil, FIL_PRIMED, "primed");
	T_EQ_DBL(machine_lift(&m), 0, 1e-9, "back at the print height");

	/* Wipe: retract while moving. */
	run(&m, "G1 X25 E1\nG1 X27 E-0.4\nG1 X29 E-0.4");
	T_EQ_DBL(machine_retracted(&m), 0.8, 1e-9,
	    "wipe retracts while moving");
	T_EQ_INT(m.last.kind, MOVE_RETRACT, "wipe move is a retract");

	/* Tools keep their own retraction. */
	run(&m, "T1");
	T_EQ_DBL(machine_retracted(&m), 0, 0, "T1 starts unretracted");
	run(&m, "G1 E-2");
	T_EQ_DBL(machine_retracted(&m), 2, 1e-9, "T1 retracted 2");
	T_EQ_INT(run(&m, "T0"), EV_TOOL, "tool change event");
	T_EQ_DBL(machine_retracted(&m), 0.8, 1e-9, "T0 still has its 0.8");
}

static void
test_firmware_retraction(void)
{
	struct machine m;

	fresh(&m, E_SEPARATE);
	run(&m, "M83\nM207 S1.5 F3000 Z0.2\nG1 X0 Y0 Z0.3\nG1 X5 E1");
	run(&m, "G10");
	T_OK(m.fw_retracted, "G10 retracts");
	T_EQ_DBL(machine_retracted(&m), 1.5, 1e-9, "by M207 S");
	T_EQ_DBL(machine_lift(&m), 0.2, 1e-9, "with the M207 Z lift");
	run(&m, "G10");
	T_EQ_DBL(machine_retracted(&m), 1.5, 1e-9, "a second G10 is ignored");
	run(&m, "G10 P0 S205 R150");
	T_EQ_DBL(machine_retracted(&m), 1.5, 1e-9,
	    "G10 P0 S205 sets temperatures, not a retraction");
	run(&m, "G10 L2 P1 X0");
	T_EQ_DBL(machine_retracted(&m), 1.5, 1e-9, "G10 L2 is not one either");
	run(&m, "G11");
	T_OK(!m.fw_retracted && m.fil == FIL_PRIMED, "G11 primes");
	T_EQ_DBL(m.e_net, 1, 1e-9, "G10/G11 are not in the net E total");
	run(&m, "G10");
	T_EQ_DBL(m.e_net, 1, 1e-9, "not even an unbalanced G10");
}

/* A number too large for any axis leaves its axis unknown, not infinite,
 * however it is written (fuzz_gcode found RRF's exponent letting one by). */
static void
test_too_large(void)
{
	struct machine m;

	fresh(&m, E_SEPARATE);
	run(&m, "G90\nG1 X10 Y20 Z0.3 F3000\nG1 X11 Y114.8E306 E.01");
	T_OK(m.known[AX_X] && m.pos[AX_X] == 11 && !m.known[AX_Y],
	    "RRF: Y114.8E306 leaves Y unknown, X moves");
	fresh(&m, E_COUPLED);
	run(&m, "G90\nG1 X10 Y20 Z0.3 F3000\nG1 Y12345678901234");
	T_OK(!m.known[AX_Y], "Marlin 2: Y of 14 digits leaves Y unknown");
}

/* A start macro's relative E (learned, cfg.relative_e_line): where an M82
 * later leaves E depends on that guess, so E is unknown until a G92. */
static void
test_guessed_relative_e(void)
{
	struct machine_config cfg;
	struct machine m;

	machine_config_default(&cfg);
	cfg.firmwares = FW_BIT(FW_MARLIN2);
	cfg.relative_e_line = 2;
	machine_init(&m, &cfg);
	run(&m, "G1 X0 Y0 Z0.3 F3000\nG1 X10 E0.5\nG1 X20 E0.5");
	T_OK(!m.abs_e && m.known[AX_E] && m.pos[AX_E] == 1,
	    "relative from the learned line");
	run(&m, "M82");
	T_OK(m.abs_e && !m.known[AX_E], "M82 after the guess: E unknown");
	run(&m, "G92 E0");
	T_OK(m.known[AX_E] && m.pos[AX_E] == 0, "until G92 E0");
	run(&m, "M83\nM82");
	T_OK(m.known[AX_E], "an M82 after the file's own M83: E known");
}

/* A line the candidates read apart is a move only where the followed one
 * moves: m->last is that move (fuzz_rewrite). */
static void
test_dispute_move(void)
{
	struct machine_config cfg;
	struct machine m;
	int ev;

	machine_config_default(&cfg);
	machine_init(&m, &cfg);	/* any firmware: Marlin 2's reading first */
	run(&m, "G90\nM83\nG1 X10 Y10 Z0.2 F3000\nG1 X20 E1");
	ev = run(&m, "G1 Z F600");	/* Prusa: Z0; Marlin: no move */
	T_OK(!(ev & EV_MOVE) && !m.known[AX_Z] && m.last.kind ==
	    MOVE_EXTRUDE, "no move reported, Z unknown");
}

static void
test_arcs(void)
{
	struct machine m;

	fresh(&m, E_COUPLED);
	run(&m, "G1 X10 Y0 Z0.2 F1200\nM83\nG3 X0 Y10 I-10 J0 E1");
	T_EQ_DBL(m.last.length, 10 * M_PI / 2, 1e-9,
	    "G3 quarter circle with I/J");
	T_OK(m.pos[AX_X] == 0 && m.pos[AX_Y] == 10, "arc end point");
	run(&m, "G2 X10 Y0 I0 J-10");
	T_EQ_DBL(m.last.length, 10 * M_PI / 2, 1e-9, "G2 back, clockwise");
	run(&m, "G2 X10 Y0 I-5 J0");
	T_EQ_DBL(m.last.length, 2 * M_PI * 5, 1e-9, "full circle");
	run(&m, "G1 X0 Y0\nG2 X10 Y0 R5");
	T_EQ_DBL(m.last.length, M_PI * 5, 1e-6, "half circle with R");
	run(&m, "G1 X0 Y0\nG2 X10 Y0 I5 J0 Z1");
	T_EQ_DBL(m.last.length, hypot(M_PI * 5, 0.8), 1e-6, "helical arc");
	T_EQ_DBL(m.pos[AX_Z], 1, 0, "helical arc ends at its Z");
	/* an arc that cannot be drawn: firmwares differ, the head is lost */
	T_OK(run(&m, "G1 X0 Y0\nG2 X10 Y0 R2") != -1 && !m.known[AX_X],
	    "R too small to reach the end: X unknown");
	run(&m, "G1 X0 Y0");
	T_OK(run(&m, "G2 X10 Y0") != -1 && !m.known[AX_Y],
	    "arc without I, J or R: Y unknown");
}

static void
test_layers(void)
{
	struct machine m;
	int ev;

	/* Comments: PrusaSlicer style, a second style ignored. */
	fresh(&m, E_COUPLED);
	ev = run(&m, ";LAYER_CHANGE\n;Z:0.2\n;HEIGHT:0.2\n;LAYER:0\n"
	    "G1 X0 Y0 Z0.2\nG1 X10 E1");
	T_OK(ev & EV_LAYER, "layer event");
	T_EQ_INT(m.layers.count, 1, "one layer");
	T_EQ_DBL(m.layers.z, 0.2, 1e-9, ";Z: gives the layer height");
	run(&m, ";LAYER_CHANGE\n;Z:0.4\n;LAYER:1\nG1 Z0.4\nG1 X0 E2");
	T_EQ_INT(m.layers.count, 2, "a second style does not double the count");
	T_EQ_INT(m.layers.geometric, 2, "geometry agrees");

	/* Cura: ;LAYER:n, height from the first move. */
	fresh(&m, E_COUPLED);
	run(&m, ";LAYER:0\nG0 X0 Y0 Z0.3\nG1 X10 E1\n;LAYER:1\nG0 Z0.6\n"
	    "G1 X0 E2");
	T_OK(m.layers.count == 2 && m.layers.z == 0.6,
	    "Cura layers and heights");

	/* Geometry only; a z-hop travel is not a layer. */
	fresh(&m, E_COUPLED);
	run(&m, "M83\nG1 X0 Y0 Z0.2\nG1 X10 E1\nG1 Z0.6\nG1 X0\nG1 Z0.2\n"
	    "G1 X10 E1\nG1 Z0.4\nG1 X0 E1");
	T_EQ_INT(m.layers.count, 2, "geometric layers, hops ignored");
	T_EQ_DBL(m.layers.z, 0.4, 1e-9, "geometric layer height");

	/* Vase: a spiral climbing 0.2 per turn in 10 steps. */
	fresh(&m, E_COUPLED);
	run(&m, "M83\nG1 X0 Y0 Z0.2\nG1 X10 E1\nG1 Z0.4\nG1 X0 E1");
	for (int i = 1; i <= 50; i++) {
		char line[64];

		snprintf(line, sizeof line, "G1 X%d Z%.3f E0.1", i % 2 * 10,
		    0.4 + i * 0.02);
		run(&m, line);
	}
	T_OK(m.layers.vase_seen, "spiral seen");
	T_EQ_INT(m.layers.count, 2 + 5,
	    "spiral: a layer per 0.2 mm climbed, not "
	    "per move");

	/* Sequential: Z goes down for the second object. */
	fresh(&m, E_COUPLED);
	run(&m, "M83\nG1 X0 Y0 Z0.2\nG1 X10 E1\nG1 Z0.4\nG1 X0 E1\n"
	    "G1 Z5\nG1 X50\nG1 Z0.2\nG1 X60 E1");
	T_OK(m.layers.z_went_down, "sequential printing seen");
	T_EQ_INT(m.layers.count, 3,
	    "the second object's first layer is a layer");

	/* Features. */
	ev = run(&m, ";TYPE:External perimeter");
	T_OK((ev & EV_FEATURE) && m.feature == FEAT_OUTER_WALL,
	    "Prusa outer wall");
	run(&m, ";TYPE:WALL-INNER");
	T_EQ_INT(m.feature, FEAT_INNER_WALL, "Cura inner wall");
	run(&m, "; FEATURE: Sparse infill");
	T_EQ_INT(m.feature, FEAT_SPARSE_INFILL, "Orca sparse infill");
	run(&m, "; feature outer perimeter");
	T_EQ_INT(m.feature, FEAT_OUTER_WALL, "Simplify3D outer perimeter");
}

static void
test_bad_lines(void)
{
	struct machine m;
	char nul[] = "M104 S2\0";

	/* Marlin's strtof() reads X1.2 and skips ".3" (gcode/parser.cpp) */
	fresh(&m, E_COUPLED);
	T_OK(run(&m, "G1 X1.2.3") == EV_MOVE && m.pos[AX_X] == 1.2 &&
	    m.warnings == 1, "malformed G1 is read as X1.2, with a warning");
	unsigned long w = m.warnings;
	T_EQ_INT(run(&m, "M999 X1.2.3"), 0, "malformed unknown command");
	T_EQ_INT(m.warnings, w + 1, "is a warning");
	T_EQ_INT(machine_feed_text(&m, nul, sizeof nul - 1, err, sizeof err),
	    -1, "NUL is an error everywhere");
	T_OK(run(&m, "G1 X99999999999999999999") != -1 && !m.known[AX_X],
	    "absurd number in a move: X unknown");
	T_EQ_INT(run(&m, "FOO_BAR X=1\nM9999\nG999"), 0,
	    "unknown commands are passed over");
}

int
main(void)
{
	test_positions();
	test_e_modes();
	test_filament();
	test_firmware_retraction();
	test_too_large();
	test_dispute_move();
	test_guessed_relative_e();
	test_arcs();
	test_layers();
	test_bad_lines();
	return t_done();
}
