/*
 * machine.c: the state tracker.
 *
 * machine_feed() looks at what the line touches (dispute_rules()): a rule
 * the candidate firmwares read apart sends it to dispute.c, which runs
 * machine_apply() once per reading and keeps what they agree on;
 * otherwise it is applied once, as m->fw does, with a warning for what is
 * odd about it (oddity.c).  machine_apply() hands each command to a small function:
 * moves to motion.c, tools and firmware retraction to tools.c, the modes,
 * G92, homing and Klipper's commands here.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "errbuf.h"
#include "num.h"
#include "gcode/dispute.h"
#include "gcode/machine.h"
#include "gcode/motion.h"
#include "gcode/oddity.h"
#include "gcode/tools.h"

#define INCH 25.4
#define READING_RULES ((1ul << RULE_READING_END) - 1)

void
machine_config_default(struct machine_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->firmwares = 0;
	cfg->fw_retract_mm = 1.0;
	cfg->fw_retract_feed = 2400;
}

/* E's mode as coupling c reads the facts. */
static bool
e_absolute(const struct machine *m, int c)
{
	switch (c) {
	case EC_SEPARATE:
		return m->abs_e_flag;
	case EC_COUPLED:
		return m->abs_e_last;
	}
	return m->abs_xyz && m->abs_e_flag;
}

/* The effective E mode, and whether the candidates read it apart. */
static void
update_abs_e(struct machine *m)
{
	bool seen[2] = { false, false };

	m->abs_e = e_absolute(m, dialect_value(m->fw, RULE_E_COUPLING));
	if (!(m->disputed & RULE_BIT(RULE_E_COUPLING))) {
		m->e_ambiguous = false;
		return;
	}
	for (int f = 0; f < FW_N; f++)
		if (m->firmwares & FW_BIT(f))
			seen[e_absolute(m, dialect_value((enum firmware)f,
			    RULE_E_COUPLING))] = true;
	m->e_ambiguous = seen[0] && seen[1];
}

void
machine_set_firmware(struct machine *m, enum firmware f)
{
	m->fw = f;
	gcode_reading(&m->reading, f);
	update_abs_e(m);
}

void
machine_init(struct machine *m, const struct machine_config *cfg)
{
	memset(m, 0, sizeof *m);
	m->cfg = *cfg;
	m->firmwares = cfg->firmwares & FW_ALL ? cfg->firmwares & FW_ALL :
	    FW_UNKNOWN;
	m->fw = dialect_first(m->firmwares);
	m->disputed = dialect_disputed(m->firmwares);
	gcode_reading(&m->reading, m->fw);
	m->abs_xyz = true;
	m->abs_e_flag = m->abs_e_last = true;
	update_abs_e(m);
	m->known[AX_E] = true;	/* E starts at 0 on every firmware */
	m->fil = FIL_PRIMED;
	m->fw_retract_mm = cfg->fw_retract_mm;
	m->fw_retract_feed = m->fw_deretract_feed = cfg->fw_retract_feed;
	m->fw_lift_mm = cfg->fw_lift_mm;
	layers_init(&m->layers, cfg->layer_height_hint, cfg->layer_comments);
	for (int i = 0; i < 3; i++) {
		m->min[i] = INFINITY;
		m->max[i] = -INFINITY;
	}
}

void
machine_warn(struct machine *m, int kind, const char *id, const char *fmt,
    ...)
{
	char text[WARNINGS_TEXT];
	va_list ap;

	m->warnings++;
	if (m->warn == NULL || warnings_count(m->warn, kind) > 0) {
		if (m->warn != NULL)
			warnings_add(m->warn, kind, id, m->lines, "%s", "");
		return;
	}
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	warnings_add(m->warn, kind, id, m->lines, "%s", text);
}

void
machine_warn_as(struct machine *m, enum rule r, const struct gcode_line *gl,
    const char *what)
{
	char t[80], names[160];

	if (m->warn != NULL && warnings_count(m->warn, MW_ODD + r) > 0) {
		machine_warn(m, MW_ODD + r, dialect_rule_id(r), "%s", "");
		return;
	}
	machine_warn(m, MW_ODD + r, dialect_rule_id(r), "%s: %s %s",
	    gcode_code_text(gl, t, sizeof t), dialect_names(dialect_same(
	    m->firmwares, m->fw, RULE_BIT(r)), names, sizeof names), what);
}

double
machine_retracted(const struct machine *m)
{
	return m->retracted[machine_slot(m->tool, MACHINE_TOOLS)];
}

double
machine_offset(const struct machine *m, int ax)
{
	return ax >= 0 && ax < 3 ?
	    m->offset[machine_slot(m->offset_slot, MACHINE_OFFSETS)][ax] : 0;
}

double
machine_lift(const struct machine *m)
{
	double lift;

	if (!m->extruded || !m->known[AX_Z])
		return 0;
	lift = m->pos[AX_Z] - m->last_extrude_z;
	if (m->fw_retracted)
		lift += m->fw_lift_mm;
	return lift > 0 ? lift : 0;
}

const char *
machine_unsure(const struct machine *m, bool filament)
{
	if (!m->known[AX_X] || !m->known[AX_Y] || !m->known[AX_Z])
		return "head position unknown (after homing, probing, a tool "
		    "change or a line firmwares read apart)";
	if (m->shift_lost != 0)
		return "where the head is on the bed unknown: a G92 after a "
		    "line firmwares read apart (see the warnings), until "
		    "homing";
	if (m->unknown & (UNK_XYZ_MODE | UNK_E_MODE | UNK_UNITS))
		return "positioning mode unknown: firmwares read a line apart "
		    "(see the warnings)";
	if (m->unknown & UNK_FEED)
		return "feed rate unknown: firmwares read a line apart (see "
		    "the warnings)";
	if (m->unknown & UNK_TOOL)
		return "tool unknown: firmwares read a line apart (see the "
		    "warnings)";
	if (filament && (m->unknown & UNK_FILAMENT))
		return "filament state unknown: firmwares read a line apart "
		    "(see the warnings)";
	return NULL;
}


/* Axis ax now reads v without the head moving. */
static void
set_position(struct machine *m, int ax, double v)
{
	if (m->known[ax])
		m->shift[ax] += m->pos[ax] - v;
	else if (ax < AX_E && (m->lost >> ax & 1))
		m->shift_lost |= 1u << ax;	/* the offset is a guess */
	m->pos[ax] = v;
	m->known[ax] = true;
	if (ax == AX_E)
		m->e_base = v;
	else
		m->noted = false;
}

static int
do_g92(struct machine *m, const struct gcode_line *gl)
{
	static const char letters[] = "XYZE";
	uint32_t drop, zero;

	if (gl->subcode >= 0)
		return 0;	/* G92.1...: offsets some builds have */
	if (!(gl->words & GCODE_XYZE)) {
		switch (dialect_value(m->fw, RULE_G92_BARE)) {
		case G92_ZERO_ALL:
			for (int ax = 0; ax < AX_N; ax++)
				set_position(m, ax, 0);
			break;
		case G92_SMOOTHIE:
			/* its G92 offsets cleared, E set to 0 */
			for (int ax = 0; ax < AX_E; ax++) {
				m->pos[ax] += m->shift[ax];
				m->shift[ax] = 0;
			}
			m->noted = false;
			set_position(m, AX_E, 0);
			break;
		default:
			machine_warn_as(m, RULE_G92_BARE, gl,
			    "sets nothing on a bare G92");
			return 0;
		}
		return EV_SETPOS;
	}
	if (!motion_valueless(m, gl, &drop, &zero))
		return 0;
	for (int ax = 0; ax < AX_N; ax++) {
		uint32_t bit = GCODE_BIT(letters[ax]);

		if (!(gl->words & bit) || (drop & bit))
			continue;
		if (gl->exprs & bit) {
			m->known[ax] = false;
			continue;
		}
		set_position(m, ax, zero & bit ? 0 :
		    gcode_value(gl, letters[ax]) * (m->inches ? INCH : 1));
		if (!isfinite(m->pos[ax]))
			m->known[ax] = false;
	}
	return EV_SETPOS;
}

static void
do_home(struct machine *m, const struct gcode_line *gl, bool probe)
{
	unsigned axes = 0;

	if (!probe) {
		if (gcode_has(gl, 'X'))
			axes |= 1u << AX_X;
		if (gcode_has(gl, 'Y'))
			axes |= 1u << AX_Y;
		if (gcode_has(gl, 'Z'))
			axes |= 1u << AX_Z;
	}
	if (axes == 0)
		axes = 1u << AX_X | 1u << AX_Y | 1u << AX_Z;
	for (int ax = 0; ax < AX_E; ax++) {
		if (!(axes >> ax & 1))
			continue;
		m->known[ax] = false;
		if (!probe) {
			m->shift[ax] = 0;
			m->homed |= 1u << ax;
			m->lost &= ~(1u << ax);
			m->shift_lost &= ~(1u << ax);
		}
	}
	m->noted = false;
}

/* Klipper's commands ------------------------------------------------------ */

/* Macros that home, probe and purge: where they leave the head is theirs. */
static bool
is_start_macro(const struct gcode_line *gl)
{
	return gcode_named(gl, "PRINT_START") ||
	    gcode_named(gl, "START_PRINT") ||
	    gcode_named(gl, "BED_MESH_CALIBRATE") ||
	    gcode_named(gl, "QUAD_GANTRY_LEVEL") ||
	    gcode_named(gl, "Z_TILT_ADJUST");
}

/* Klipper's own commands the tracker follows; the rest move nothing. */
static bool
followed_extended(const struct gcode_line *gl)
{
	return gcode_named(gl, "SET_RETRACTION") ||
	    gcode_named(gl, "SET_GCODE_OFFSET") ||
	    gcode_named(gl, "ACTIVATE_EXTRUDER") || is_start_macro(gl);
}

static int
do_extended(struct machine *m, const struct gcode_line *gl)
{
	double v;

	if (dialect_value(m->fw, RULE_EXTENDED) != EX_RUNS ||
	    !followed_extended(gl))
		return 0;
	if (gcode_named(gl, "SET_RETRACTION"))
		return tools_set_retraction(m, gl);
	if (gcode_named(gl, "SET_GCODE_OFFSET")) {
		/*
		 * physical = logical + offset.  X_ADJUST=d: the offset grows by
		 * d, and the logical position drops by d unless MOVE=1 moves
		 * the head instead; X=v sets it from a value this reader
		 * does not know (KLP extras/gcode_move.py :208-227).
		 */
		static const char *const abs_key[] = { "X", "Y", "Z" };
		static const char *const adj_key[] = { "X_ADJUST", "Y_ADJUST",
		    "Z_ADJUST" };
		bool move = gcode_named_value(gl, "MOVE") == 1;

		for (int ax = 0; ax < 3; ax++) {
			if (!isnan(v = gcode_named_value(gl, adj_key[ax]))) {
				m->shift[ax] += v;
				if (!move)
					m->pos[ax] -= v;
			} else if (!isnan(gcode_named_value(gl, abs_key[ax]))) {
				m->known[ax] = false;
			} else {
				continue;
			}
			m->noted = false;
		}
		return EV_SETPOS;
	}
	if (gcode_named(gl, "ACTIVATE_EXTRUDER")) {
		/* E starts at 0 for the new extruder */
		m->pos[AX_E] = m->e_base = 0;
		return EV_TOOL;
	}
	if (is_start_macro(gl)) {
		for (int ax = 0; ax < AX_E; ax++)
			m->known[ax] = false;
		m->noted = false;
		return EV_HOME;
	}
	return 0;
}

/* Modes ------------------------------------------------------------------ */

/* G90/G91: every firmware switches X, Y, Z; what E does is fw's rule. */
static void
set_xyz_mode(struct machine *m, bool absolute)
{
	m->abs_xyz = absolute;
	m->abs_e_last = absolute;
	m->unknown &= ~UNK_XYZ_MODE;
	update_abs_e(m);
}

void
machine_set_e_mode(struct machine *m, bool absolute)
{
	/* RRF measures absolute E from the last absolute target */
	if (absolute && !m->abs_e &&
	    dialect_value(m->fw, RULE_E_BASE) == EB_ABSOLUTE_ONLY)
		m->pos[AX_E] = m->e_base;
	else if (!absolute)
		m->e_base = m->pos[AX_E];
	m->abs_e_flag = m->abs_e_last = absolute;
	m->unknown &= ~UNK_E_MODE;
	update_abs_e(m);
}

static int
do_g20(struct machine *m, const struct gcode_line *gl)
{
	if (gl->code == 21) {
		m->inches = false;
		m->unknown &= ~UNK_UNITS;
		return EV_UNITS;
	}
	if (dialect_value(m->fw, RULE_G20) != G20_INCHES) {
		machine_warn_as(m, RULE_G20, gl, dialect_value(m->fw,
		    RULE_G20) == G20_REJECT ? "stops at G20 (inches)" :
		    "ignores G20 and stays in millimetres");
		return 0;
	}
	m->inches = true;
	m->unknown &= ~UNK_UNITS;
	return EV_UNITS;
}

/* Prusa's M221/M200 scale the E coordinate itself (PRU :9458-9467). */
static int
do_e_factor(struct machine *m, const struct gcode_line *gl)
{
	bool scaled;

	if (dialect_value(m->fw, RULE_E_FACTOR) != EF_COORDINATE)
		return 0;
	if (gl->code == 221)
		scaled = gcode_has_value(gl, 'S') &&
		    fabs(gcode_value(gl, 'S') - 100) > 1e-9;
	else
		scaled = gcode_has_value(gl, 'D') && gcode_value(gl, 'D') > 0;
	if (scaled)
		m->unknown |= UNK_E_POS;
	else
		m->unknown &= ~UNK_E_POS;
	return 0;
}

static int
do_g(struct machine *m, const struct gcode_line *gl)
{
	switch (gl->code) {
	case 0: case 1: case 2: case 3:
		return motion_move(m, gl);
	case 10:
		return tools_g10(m, gl);
	case 11:
		return tools_g11(m, gl);
	case 20:
	case 21:
		return do_g20(m, gl);
	case 28:
		do_home(m, gl, false);
		return EV_HOME;
	case 29: case 30: case 32: case 80:
		do_home(m, gl, true);
		return EV_HOME;
	case 53: case 54: case 55: case 56: case 57: case 58: case 59:
		return tools_workplace(m, gl);
	case 90:
	case 91:
		set_xyz_mode(m, gl->code == 90);
		return EV_MODE;
	case 92:
		return do_g92(m, gl);
	}
	return 0;
}

static int
do_m(struct machine *m, const struct gcode_line *gl)
{
	switch (gl->code) {
	case 82:
	case 83:
		machine_set_e_mode(m, gl->code == 82);
		/* absolute from the sum of moves only a guess made relative:
		 * unknown until a G92 sets it (the verifier reads the E
		 * before it both ways) */
		if (m->e_guessed && gl->code == 82)
			m->known[AX_E] = false;
		m->e_guessed = false;
		return EV_MODE;
	case 200: case 221:
		return do_e_factor(m, gl);
	case 207:
		return tools_m207(m, gl);
	case 208:
		return tools_m208(m, gl);
	case 218:
		return tools_m218(m, gl);
	}
	return 0;
}

int
machine_apply(struct machine *m, const struct gcode_line *gl)
{
	int ev = 0;

	if (gl->kind == GCODE_EXTENDED)
		return do_extended(m, gl);
	if (gl->kind != GCODE_CODE || gl->reject >= 0)
		return 0;
	switch (gl->letter) {
	case 'G':
		ev = do_g(m, gl);
		break;
	case 'M':
		ev = do_m(m, gl);
		break;
	case 'T':
		ev = tools_t(m, gl);
		break;
	}
	if (gl->next > 0 && gl->next < gl->len) {
		/* RRF: a second command on the line (SP :1108-1111) */
		struct gcode_line rest;

		if (gcode_parse(gl->text + gl->next, gl->len - gl->next,
		    &m->reading, &rest) != GCODE_E_NUL)
			ev |= machine_apply(m, &rest);
	}
	return ev;
}

int
machine_feed(struct machine *m, const struct gcode_line *gl, char *err,
    size_t errlen)
{
	unsigned long rules;
	int ev = 0;

	(void)err;
	(void)errlen;
	m->lines++;
	/* a start macro set M83 before this line */
	if (m->lines == m->cfg.relative_e_line) {
		machine_set_e_mode(m, false);
		m->e_guessed = true;
	}
	/* the plain move, nearly every line: nothing odd, nothing disputed */
	if (gl->kind == GCODE_CODE && gl->letter == 'G' &&
	    (unsigned)gl->code <= 1 && gl->comment == NULL && gl->odd == 0 &&
	    gl->reject < 0 && m->tool >= 0 && !m->inches &&
	    !(m->e_ambiguous && gcode_has(gl, 'E')) &&
	    (gl->words & ~gl->valued) == 0 &&
	    (gl->words & ~GCODE_VALUE_WORDS) == 0)
		return motion_plain(m, gl);
	if (gl->comment != NULL) {
		if (layers_comment(&m->layers, gl->comment, gl->comment_len))
			ev |= EV_LAYER;
		if (feature_from_comment(gl->comment, gl->comment_len,
		    &m->feature))
			ev |= EV_FEATURE;
	}
	if (gl->kind == GCODE_CODE) {
		bool f = oddity_followed(gl);

		if (gl->odd & (GCODE_ODD_JUNK | GCODE_ODD_RANGE |
		    GCODE_ODD_OPEN))
			oddity_junk(m, gl);
		if (!f)
			return ev;
		rules = gl->odd & READING_RULES;
		if (m->disputed != 0) {
			rules = dispute_rules(m, gl);
			if (rules & m->disputed)
				return ev | dispute_feed(m, gl,
				    rules & m->disputed);
		}
		if ((rules & READING_RULES) || gl->reject >= 0)
			oddity_note(m, gl, rules);
		return ev | machine_apply(m, gl);
	}
	if (gl->kind == GCODE_EXTENDED && followed_extended(gl)) {
		if (m->disputed & RULE_BIT(RULE_EXTENDED))
			return ev | dispute_feed(m, gl,
			    RULE_BIT(RULE_EXTENDED));
		return ev | machine_apply(m, gl);
	}
	if (gl->kind == GCODE_JUNK)
		oddity_junk(m, gl);
	return ev;
}

int
machine_feed_text(struct machine *m, const char *text, size_t len,
    char *err, size_t errlen)
{
	struct gcode_line gl;
	enum gcode_error e = gcode_parse(text, len, &m->reading, &gl);

	if (e == GCODE_E_NUL || e == GCODE_E_BINARY)
		return errbuf_set(err, errlen, "column %zu: %s",
		    gl.error_column, gcode_strerror(e));
	return machine_feed(m, &gl, err, errlen);
}

const char *
machine_filament_name(enum filament_state s)
{
	switch (s) {
	case FIL_PRIMED:
		return "primed";
	case FIL_EXTRUDING:
		return "extruding";
	case FIL_RETRACTING:
		return "retracting";
	case FIL_RETRACTED:
		return "retracted";
	case FIL_DERETRACTING:
		return "deretracting";
	}
	return "?";
}
