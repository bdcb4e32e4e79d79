/*
 * machine.c: the state tracker.
 *
 * Each command is a small function that reads the words of the line and
 * changes the state.  Motion goes through one place, apply_motion(), which
 * keeps the filament state machine, z-hop, layers and statistics in step:
 *
 *   extruding --E<0--> retracting --travel--> retracted --E>0--> primed
 *        ^                                        |  (or deretracting
 *        +----------- E>0 with motion ------------+   while some is left)
 */
#include <math.h>
#include <string.h>

#include "errbuf.h"
#include "gcode/machine.h"

#define INCH 25.4

void
machine_config_default(struct machine_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->e_coupling = E_COUPLED;
	cfg->fw_retract_mm = 1.0;
	cfg->fw_retract_feed = 2400;
}

static void
update_abs_e(struct machine *m)
{
	m->abs_e = m->cfg.e_coupling == E_KLIPPER ?
	    m->abs_xyz && m->abs_e_flag : m->abs_e_flag;
}

void
machine_init(struct machine *m, const struct machine_config *cfg)
{
	memset(m, 0, sizeof *m);
	m->cfg = *cfg;
	m->abs_xyz = true;
	m->abs_e_flag = true;
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

double
machine_retracted(const struct machine *m)
{
	return m->retracted[m->tool >= 0 && m->tool < MACHINE_TOOLS ?
	    m->tool : MACHINE_TOOLS - 1];
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

static double *
retracted_now(struct machine *m)
{
	/* Tools past the table share its last slot. */
	return &m->retracted[m->tool >= 0 && m->tool < MACHINE_TOOLS ?
	    m->tool : MACHINE_TOOLS - 1];
}

/* Motion ---------------------------------------------------------------- */

static void
note_extent(struct machine *m, const double *p)
{
	for (int i = 0; i < 3; i++) {
		if (p[i] < m->min[i])
			m->min[i] = p[i];
		if (p[i] > m->max[i])
			m->max[i] = p[i];
	}
}

static int
apply_motion(struct machine *m, struct machine_move *mv)
{
	double *r = retracted_now(m);
	bool moves_xyz = mv->moved;
	int ev = EV_MOVE;

	m->moves++;
	m->e_net += mv->de;
	if (mv->de < -MACHINE_EPS) {
		mv->kind = MOVE_RETRACT;
		*r += -mv->de;
		m->fil = FIL_RETRACTING;
	} else if (mv->de > MACHINE_EPS && moves_xyz) {
		mv->kind = MOVE_EXTRUDE;
		*r = *r > mv->de ? *r - mv->de : 0;
		m->fil = FIL_EXTRUDING;
		m->e_extruded += mv->de;
		m->extrude_moves++;
		m->extrude_mm += mv->length;
		if (mv->known) {
			m->last_extrude_z = mv->to[AX_Z];
			m->extruded = true;
			note_extent(m, mv->from);
			note_extent(m, mv->to);
			if (layers_extrusion(&m->layers, mv->from[AX_Z],
			    mv->to[AX_Z]))
				ev |= EV_LAYER;
		}
	} else if (mv->de > MACHINE_EPS) {
		mv->kind = MOVE_DERETRACT;
		*r = *r > mv->de ? *r - mv->de : 0;
		m->fil = *r > MACHINE_EPS ? FIL_DERETRACTING : FIL_PRIMED;
	} else if (moves_xyz) {
		mv->kind = MOVE_TRAVEL;
		m->travel_moves++;
		m->travel_mm += mv->length;
		if (m->fil == FIL_RETRACTING || m->fil == FIL_DERETRACTING)
			m->fil = FIL_RETRACTED;
		else if (m->fil == FIL_EXTRUDING)
			m->fil = *r > MACHINE_EPS ? FIL_RETRACTED : FIL_PRIMED;
	} else {
		mv->kind = MOVE_NONE;
		ev = 0;
	}
	return ev;
}

static double
to_mm(const struct machine *m, double v)
{
	return m->inches ? v * INCH : v;
}

/* Target of one axis word, or the current position. */
static int
axis_target(struct machine *m, const struct gcode_line *gl, int ax,
    double *to, bool *known, char *err, size_t errlen)
{
	static const char letters[] = "XYZE";
	char l = letters[ax];
	double v;

	*to = m->pos[ax];
	*known = m->known[ax];
	if (!gcode_has(gl, l))
		return 0;
	if (gl->exprs >> (l - 'A') & 1) {
		*known = false;		/* {expression}: firmware decides */
		return 1;
	}
	if (!gcode_has_value(gl, l))
		return errbuf_set(err, errlen, "G%d: %c without a value",
		    gl->code, l);
	v = to_mm(m, gcode_value(gl, l));
	if (ax == AX_E ? !m->abs_e : !m->abs_xyz) {
		*to = m->pos[ax] + v;
	} else {
		*to = v;
		*known = true;
	}
	return 1;
}

static int
set_feed(struct machine *m, const struct gcode_line *gl, char *err,
    size_t errlen)
{
	if (!gcode_has(gl, 'F'))
		return 0;
	if (gl->exprs >> ('F' - 'A') & 1)
		return 0;
	if (!gcode_has_value(gl, 'F'))
		return errbuf_set(err, errlen, "G%d: F without a value",
		    gl->code);
	if (gcode_value(gl, 'F') <= 0) {
		/* Marlin ignores F0; RRF too.  Keep the old feed rate. */
		m->warnings++;
		errbuf_set(err, errlen, "G%d: F%g ignored", gl->code,
		    gcode_value(gl, 'F'));
		return 0;
	}
	m->feed = to_mm(m, gcode_value(gl, 'F'));
	return 0;
}

/*
 * Length of an arc from the current position (G2 clockwise, G3 not), its
 * centre and its sweep into mv.
 */
static int
arc_length(struct machine *m, const struct gcode_line *gl,
    const double *to, struct machine_move *mv, char *err, size_t errlen)
{
	double x0 = m->pos[AX_X], y0 = m->pos[AX_Y];
	double x1 = to[AX_X], y1 = to[AX_Y];
	double cx, cy, r, a0, a1, sweep, dz = to[AX_Z] - m->pos[AX_Z];
	bool cw = gl->code == 2;

	if (gcode_has_value(gl, 'R')) {
		double rr = to_mm(m, gcode_value(gl, 'R'));
		double dx = x1 - x0, dy = y1 - y0, d = hypot(dx, dy), h;

		if (d < MACHINE_EPS || fabs(rr) < d / 2 - 1e-4)
			return errbuf_set(err, errlen,
			    "G%d: radius R%g cannot reach the end point",
			    gl->code, gcode_value(gl, 'R'));
		h = sqrt(fmax(rr * rr - d * d / 4, 0));
		/* Centre on the right of the chord for cw with R > 0. */
		if ((rr > 0) == cw)
			h = -h;
		cx = x0 + dx / 2 - h * dy / d;
		cy = y0 + dy / 2 + h * dx / d;
	} else if (gcode_has_value(gl, 'I') || gcode_has_value(gl, 'J')) {
		cx = x0 + (gcode_has_value(gl, 'I') ?
		    to_mm(m, gcode_value(gl, 'I')) : 0);
		cy = y0 + (gcode_has_value(gl, 'J') ?
		    to_mm(m, gcode_value(gl, 'J')) : 0);
	} else {
		return errbuf_set(err, errlen, "G%d: arc without I, J or R",
		    gl->code);
	}
	r = hypot(x0 - cx, y0 - cy);
	a0 = atan2(y0 - cy, x0 - cx);
	a1 = atan2(y1 - cy, x1 - cx);
	sweep = cw ? a0 - a1 : a1 - a0;
	while (sweep <= 1e-9)
		sweep += 2 * M_PI;
	mv->length = hypot(r * sweep, dz);
	mv->centre[0] = cx;
	mv->centre[1] = cy;
	mv->sweep = cw ? -sweep : sweep;
	return 0;
}

static int
do_move(struct machine *m, const struct gcode_line *gl, char *err,
    size_t errlen)
{
	struct machine_move *mv = &m->last;
	bool known[AX_N];
	int any = 0;

	memset(mv, 0, sizeof *mv);
	if (set_feed(m, gl, err, errlen) == -1)
		return -1;
	if (m->e_ambiguous && !m->cfg.e_coupling_known &&
	    gcode_has(gl, 'E')) {
		m->warnings++;
		errbuf_set(err, errlen, "E after G90/G91 reads differently on "
		    "RepRapFirmware, Marlin 2 and Klipper (read as %s; say "
		    "which firmware with --firmware)",
		    m->abs_e ? "absolute" : "relative");
	}
	for (int ax = 0; ax < AX_N; ax++) {
		int r = axis_target(m, gl, ax, &mv->to[ax], &known[ax], err,
		    errlen);

		if (r == -1)
			return -1;
		any |= r;
		mv->from[ax] = m->pos[ax];
	}
	mv->feed = m->feed;
	mv->known = m->known[AX_X] && m->known[AX_Y] && m->known[AX_Z] &&
	    known[AX_X] && known[AX_Y] && known[AX_Z];
	mv->de = known[AX_E] && m->known[AX_E] ?
	    mv->to[AX_E] - m->pos[AX_E] : 0;
	if (gl->code >= 2 && mv->known) {
		mv->arc = true;
		if (arc_length(m, gl, mv->to, mv, err, errlen) == -1)
			return -1;
		mv->moved = mv->length > MACHINE_EPS;
	} else if (mv->known) {
		double dx = mv->to[AX_X] - mv->from[AX_X];
		double dy = mv->to[AX_Y] - mv->from[AX_Y];
		double dz = mv->to[AX_Z] - mv->from[AX_Z];

		double d2 = dx * dx + dy * dy + dz * dz;

		/* Branch on the square: no waiting for the root. */
		mv->moved = d2 > MACHINE_EPS * MACHINE_EPS;
		mv->length = sqrt(d2);
	} else if (gcode_has(gl, 'X') || gcode_has(gl, 'Y') ||
	    gcode_has(gl, 'Z')) {
		mv->length = 1;		/* it moved; how far is unknown */
		mv->moved = true;
	}
	for (int ax = 0; ax < AX_N; ax++) {
		m->pos[ax] = mv->to[ax];
		m->known[ax] = known[ax];
	}
	if (!any)
		return 0;
	return apply_motion(m, mv);
}

static int
do_fw_retract(struct machine *m, bool retract)
{
	struct machine_move *mv = &m->last;
	double *r = retracted_now(m);

	memset(mv, 0, sizeof *mv);
	for (int ax = 0; ax < AX_N; ax++)
		mv->from[ax] = mv->to[ax] = m->pos[ax];
	if (retract) {
		if (m->fw_retracted)
			return 0;	/* firmware ignores a second G10 */
		m->fw_retracted = true;
		mv->kind = MOVE_FW_RETRACT;
		mv->de = -m->fw_retract_mm;
		mv->feed = m->fw_retract_feed;
		*r += m->fw_retract_mm;
		m->fil = FIL_RETRACTING;
	} else {
		if (!m->fw_retracted)
			return 0;
		m->fw_retracted = false;
		mv->kind = MOVE_FW_DERETRACT;
		mv->de = m->fw_retract_mm + m->fw_extra_mm;
		mv->feed = m->fw_deretract_feed;
		*r = *r > mv->de ? *r - mv->de : 0;
		m->fil = *r > MACHINE_EPS ? FIL_DERETRACTING : FIL_PRIMED;
	}
	return EV_MOVE;
}

static void
do_g92(struct machine *m, const struct gcode_line *gl)
{
	static const char letters[] = "XYZE";
	bool bare = (gl->words & ((1u << ('X' - 'A')) | (1u << ('Y' - 'A')) |
	    (1u << ('Z' - 'A')) | (1u << ('E' - 'A')))) == 0;

	for (int ax = 0; ax < AX_N; ax++) {
		double v;

		if (bare && m->cfg.g92_bare_zeroes)
			v = 0;
		else if (gcode_has_value(gl, letters[ax]))
			v = to_mm(m, gcode_value(gl, letters[ax]));
		else
			continue;
		if (m->known[ax])
			m->shift[ax] += m->pos[ax] - v;
		m->pos[ax] = v;
		m->known[ax] = true;
	}
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
		}
	}
}

static void
do_m207(struct machine *m, const struct gcode_line *gl)
{
	if (gcode_has_value(gl, 'S') && gcode_value(gl, 'S') >= 0)
		m->fw_retract_mm = gcode_value(gl, 'S');
	if (gcode_has_value(gl, 'F') && gcode_value(gl, 'F') > 0)
		m->fw_retract_feed = m->fw_deretract_feed =
		    gcode_value(gl, 'F');
	if (gcode_has_value(gl, 'T') && gcode_value(gl, 'T') > 0)
		m->fw_deretract_feed = gcode_value(gl, 'T');
	if (gcode_has_value(gl, 'R'))
		m->fw_extra_mm = gcode_value(gl, 'R');
	if (gcode_has_value(gl, 'Z') && gcode_value(gl, 'Z') >= 0)
		m->fw_lift_mm = gcode_value(gl, 'Z');
}

/*
 * G90/G91.  Firmwares disagree on what they do to E; after one, remember
 * whether RRF, Marlin 2 and Klipper rules would now read E differently,
 * and say so at the first E move that depends on it.
 */
static void
set_xyz_mode(struct machine *m, bool absolute)
{
	bool separate = m->abs_e_flag, coupled = absolute;
	bool klipper = absolute && m->abs_e_flag;

	m->abs_xyz = absolute;
	if (m->cfg.e_coupling == E_COUPLED)
		m->abs_e_flag = absolute;
	update_abs_e(m);
	m->e_ambiguous = separate != coupled || coupled != klipper;
}

static int
do_g(struct machine *m, const struct gcode_line *gl, char *err,
    size_t errlen)
{
	switch (gl->code) {
	case 0: case 1: case 2: case 3:
		return do_move(m, gl, err, errlen);
	case 10:
		/* RRF G10 P.. (tool settings) and G10 L.. are not retracts. */
		if (gcode_has(gl, 'P') || gcode_has(gl, 'L'))
			return 0;
		return do_fw_retract(m, true);
	case 11:
		return do_fw_retract(m, false);
	case 20:
	case 21:
		m->inches = gl->code == 20;
		return EV_UNITS;
	case 28:
		do_home(m, gl, false);
		return EV_HOME;
	case 29: case 30: case 32: case 80:
		do_home(m, gl, true);
		return EV_HOME;
	case 90:
	case 91:
		set_xyz_mode(m, gl->code == 90);
		return EV_MODE;
	case 92:
		do_g92(m, gl);
		return EV_SETPOS;
	}
	return 0;
}

static int
do_m(struct machine *m, const struct gcode_line *gl)
{
	switch (gl->code) {
	case 82:
	case 83:
		m->abs_e_flag = gl->code == 82;
		update_abs_e(m);
		m->e_ambiguous = false;
		return EV_MODE;
	case 207:
		do_m207(m, gl);
		return EV_FW_SETTINGS;
	}
	return 0;
}

int
machine_feed(struct machine *m, const struct gcode_line *gl, char *err,
    size_t errlen)
{
	int ev = 0;

	m->lines++;
	if (m->lines == m->cfg.relative_e_line) {
		/* the start macro that ran before this line set M83 */
		m->abs_e_flag = false;
		update_abs_e(m);
	}
	if (gl->comment != NULL &&
	    layers_comment(&m->layers, gl->comment, gl->comment_len))
		ev |= EV_LAYER;
	if (gl->comment != NULL &&
	    feature_from_comment(gl->comment, gl->comment_len, &m->feature))
		ev |= EV_FEATURE;
	if (gl->kind != GCODE_CODE)
		return ev;
	if (gl->glued_e & ~(1u << ('E' - 'A'))) {
		m->warnings++;
		errbuf_set(err, errlen, "a number directly followed by 'e' "
		    "reads as the E word (G-code has no exponents)");
	}
	switch (gl->letter) {
	case 'G': {
		int r = do_g(m, gl, err, errlen);

		return r == -1 ? -1 : ev | r;
	}
	case 'M':
		return ev | do_m(m, gl);
	case 'T':
		if (gl->code >= 0 && gl->code != m->tool) {
			m->tool = gl->code;
			ev |= EV_TOOL;
		}
		return ev;
	}
	return ev;
}

/* Commands whose every word the tracker needs. */
static bool
followed(const struct gcode_line *gl)
{
	if (gl->kind != GCODE_CODE)
		return false;
	if (gl->letter == 'T')
		return true;
	if (gl->letter == 'G')
		switch (gl->code) {
		case 0: case 1: case 2: case 3: case 10: case 11: case 20:
		case 21: case 28: case 90: case 91: case 92:
			return true;
		}
	if (gl->letter == 'M')
		return gl->code == 82 || gl->code == 83 || gl->code == 207;
	return false;
}

int
machine_feed_text(struct machine *m, const char *text, size_t len,
    char *err, size_t errlen)
{
	struct gcode_line gl;
	enum gcode_error e = gcode_parse(text, len, &gl);

	if (e != GCODE_OK) {
		if (e == GCODE_E_NUL || e == GCODE_E_BINARY || followed(&gl))
			return errbuf_set(err, errlen, "column %zu: %s",
			    gl.error_column, gcode_strerror(e));
		m->lines++;
		m->warnings++;
		errbuf_set(err, errlen, "column %zu: %s (line ignored)",
		    gl.error_column, gcode_strerror(e));
		return 0;
	}
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
