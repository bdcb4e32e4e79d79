/*
 * motion.c: G0-G3.
 *
 * The targets in the modes in force (and the firmware's reading of a
 * letter without a value, of E with no tool), the length (arcs from I/J
 * or R), then apply_motion(): the filament state machine, z-hop, extents
 * and layers, in one place:
 *
 *   extruding --E<0--> retracting --travel--> retracted --E>0--> primed
 *        ^                                        |  (or deretracting
 *        +----------- E>0 with motion ------------+   while some is left)
 *
 * An extrusion's start is the previous extrusion's end, already in the
 * extents (noted): only its end is added then.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gcode/motion.h"

#define INCH 25.4

static double *
retracted_now(struct machine *m)
{
	/* Tools past the table share its last slot. */
	return &m->retracted[machine_slot(m->tool, MACHINE_TOOLS)];
}

static inline void
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
	double de = mv->de;
	int ev = EV_MOVE;

	m->moves++;
	m->e_net += de;
	if (de < -MACHINE_EPS) {
		mv->kind = MOVE_RETRACT;
		*r += -de;
		m->fil = FIL_RETRACTING;
		if (mv->moved)
			m->noted = false;
	} else if (de > MACHINE_EPS && mv->moved) {
		mv->kind = MOVE_EXTRUDE;
		*r = *r > de ? *r - de : 0;
		m->fil = FIL_EXTRUDING;
		m->unknown &= ~UNK_FILAMENT;
		m->e_extruded += de;
		m->extrude_moves++;
		m->extrude_mm += mv->length;
		if (mv->known) {
			m->last_extrude_z = mv->to[AX_Z];
			m->extruded = true;
			/* an extrusion's start is the last one's end */
			if (!m->noted)
				note_extent(m, mv->from);
			note_extent(m, mv->to);
			m->noted = true;
			if (layers_extrusion(&m->layers, mv->from[AX_Z],
			    mv->to[AX_Z]))
				ev |= EV_LAYER;
		} else {
			m->noted = false;
		}
	} else if (de > MACHINE_EPS) {
		mv->kind = MOVE_DERETRACT;
		*r = *r > de ? *r - de : 0;
		m->fil = *r > MACHINE_EPS ? FIL_DERETRACTING : FIL_PRIMED;
	} else if (mv->moved) {
		mv->kind = MOVE_TRAVEL;
		m->travel_moves++;
		m->travel_mm += mv->length;
		m->noted = false;
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

/*
 * Letters without a value on a move or G92 ("G1 X"), as fw reads them:
 * the words to drop or to read as 0, or false when fw does not run the
 * line.
 */
bool
motion_valueless(struct machine *m, const struct gcode_line *gl, uint32_t *drop,
    uint32_t *zero)
{
	uint32_t bare = gl->words & ~gl->valued & ~gl->exprs &
	    GCODE_VALUE_WORDS;
	int rule = dialect_value(m->fw, RULE_VALUELESS);
	char t[80], names[160];

	*drop = *zero = 0;
	if (bare == 0)
		return true;
	if (rule == VL_IGNORE)
		*drop = bare;
	else if (rule == VL_ZERO)
		*zero = bare;
	machine_warn(m, (rule == VL_IGNORE || rule == VL_ZERO ? MW_ODD :
	    MW_NOT_RUN) + RULE_VALUELESS, rule == VL_IGNORE ||
	    rule == VL_ZERO ? dialect_rule_id(RULE_VALUELESS) :
	    dialect_rule_id_not_run(RULE_VALUELESS),
	    "%s: a letter without a value: %s %s", gcode_code_text(gl, t,
	    sizeof t), dialect_names(dialect_same(m->firmwares, m->fw,
	    (1ul << RULE_VALUELESS)), names, sizeof names),
	    rule == VL_IGNORE ? "ignores the letter" : rule == VL_ZERO ?
	    "reads it as 0" : rule == VL_ABORT ? "does not run the line and "
	    "aborts the print" : "does not run the line (an error)");
	return rule == VL_IGNORE || rule == VL_ZERO;
}

static void
set_feed(struct machine *m, const struct gcode_line *gl, double u)
{
	double f;

	if (gl->exprs & GCODE_BIT('F')) {
		m->unknown |= UNK_FEED;
		return;
	}
	f = gl->value['F' - 'A'];
	if (!(f > 0) || !isfinite(f)) {
		char t[80];

		/* Marlin, Prusa ignore F0 (and RRF's planner cannot use it):
		 * the old feed rate stays */
		machine_warn(m, MW_FEED, "feed_ignored", "%s: F%g ignored, the "
		    "feed rate stays", gcode_code_text(gl, t, sizeof t), f);
		return;
	}
	m->feed = f * u;
	m->unknown &= ~UNK_FEED;
}

/*
 * An arc from the current position (G2 clockwise, G3 not): its length,
 * centre and sweep into mv; -1 when it cannot be drawn (no I, J or R; R
 * too small).
 */
static int
arc_length(const struct machine *m, const struct gcode_line *gl,
    const double *to, double u, struct machine_move *mv)
{
	double x0 = m->pos[AX_X], y0 = m->pos[AX_Y];
	double x1 = to[AX_X], y1 = to[AX_Y];
	double cx, cy, r, a0, a1, sweep, dz = to[AX_Z] - m->pos[AX_Z];
	bool cw = gl->code == 2;

	if (gcode_has_value(gl, 'R')) {
		double rr = gcode_value(gl, 'R') * u;
		double dx = x1 - x0, dy = y1 - y0, d = hypot(dx, dy), h;

		if (d < MACHINE_EPS || fabs(rr) < d / 2 - 1e-4)
			return -1;
		h = sqrt(fmax(rr * rr - d * d / 4, 0));
		/* Centre on the right of the chord for cw with R > 0. */
		if ((rr > 0) == cw)
			h = -h;
		cx = x0 + dx / 2 - h * dy / d;
		cy = y0 + dy / 2 + h * dx / d;
	} else if (gcode_has_value(gl, 'I') || gcode_has_value(gl, 'J')) {
		cx = x0 + (gcode_has_value(gl, 'I') ?
		    gcode_value(gl, 'I') * u : 0);
		cy = y0 + (gcode_has_value(gl, 'J') ?
		    gcode_value(gl, 'J') * u : 0);
	} else {
		return -1;
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

/*
 * A straight move's length, and whether it moved; with an end unknown, it
 * moved if it had X, Y or Z, how far is unknown.
 */
static inline void
line_length(struct machine_move *mv, uint32_t words)
{
	if (mv->known) {
		double dx = mv->to[AX_X] - mv->from[AX_X];
		double dy = mv->to[AX_Y] - mv->from[AX_Y];
		double dz = mv->to[AX_Z] - mv->from[AX_Z];
		double d2 = dx * dx + dy * dy + dz * dz;

		/* Branch on the square: no waiting for the root. */
		mv->moved = d2 > MACHINE_EPS * MACHINE_EPS;
		mv->length = sqrt(d2);
	} else {
		mv->moved = (words & GCODE_XYZ) != 0;
		mv->length = mv->moved ? 1 : 0;
	}
}

/*
 * The move nearly every line is: G0/G1 with X Y Z E F values, in mm, with
 * a tool, no {expression}, no number too large.  The same as the general
 * path below, without its questions.
 */
int
motion_plain(struct machine *m, const struct gcode_line *gl)
{
	struct machine_move *mv = &m->last;
	const double *v = gl->value, *pos = m->pos;
	uint32_t w = gl->words;
	bool rel = !m->abs_xyz, kx, ky, kz, ke;
	double to[AX_N];

	if (w & GCODE_BIT('F')) {
		if (v['F' - 'A'] > 0) {
			m->feed = v['F' - 'A'];
			m->unknown &= ~UNK_FEED;
		} else {
			set_feed(m, gl, 1);
		}
	}
#define TARGET(ax, l, r) ((w & GCODE_BIT(l)) ? v[(l) - 'A'] + \
	((r) ? pos[ax] : 0) : pos[ax])
	to[AX_X] = TARGET(AX_X, 'X', rel);
	to[AX_Y] = TARGET(AX_Y, 'Y', rel);
	to[AX_Z] = TARGET(AX_Z, 'Z', rel);
	to[AX_E] = TARGET(AX_E, 'E', !m->abs_e);
#undef TARGET
	kx = m->known[AX_X] || ((w & GCODE_BIT('X')) && !rel);
	ky = m->known[AX_Y] || ((w & GCODE_BIT('Y')) && !rel);
	kz = m->known[AX_Z] || ((w & GCODE_BIT('Z')) && !rel);
	ke = m->known[AX_E] || ((w & GCODE_BIT('E')) && m->abs_e);
	memcpy(mv->from, pos, sizeof mv->from);
	memcpy(mv->to, to, sizeof mv->to);
	mv->feed = m->feed;
	mv->arc = false;
	mv->known = m->known[AX_X] && m->known[AX_Y] && m->known[AX_Z] &&
	    kx && ky && kz;
	if (!(w & GCODE_BIT('E')))
		mv->de = 0;
	else if (!m->abs_e)
		mv->de = v['E' - 'A'];
	else
		mv->de = m->known[AX_E] ? to[AX_E] - pos[AX_E] : 0;
	line_length(mv, w);
	if ((w & GCODE_BIT('E')) && m->abs_e)
		m->e_base = to[AX_E];
	memcpy(m->pos, to, sizeof to);
	m->known[AX_X] = kx;
	m->known[AX_Y] = ky;
	m->known[AX_Z] = kz;
	m->known[AX_E] = ke;
	if (!(w & GCODE_XYZE))
		return 0;
	return apply_motion(m, mv);
}

int
motion_move(struct machine *m, const struct gcode_line *gl)
{
	static const char letters[AX_N] = { 'X', 'Y', 'Z', 'E' };
	struct machine_move *mv = &m->last;
	uint32_t words = gl->words, drop, zero;
	double u = m->inches ? INCH : 1, ve = 0;
	bool known[AX_N];

	if (gl->code <= 1 && gl->exprs == 0 && !m->inches && m->tool >= 0 &&
	    !(gl->odd & GCODE_ODD_RANGE) &&
	    (words & ~gl->valued & GCODE_VALUE_WORDS) == 0)
		return motion_plain(m, gl);
	if (!motion_valueless(m, gl, &drop, &zero))
		return 0;
	words &= ~drop;
	if ((words & GCODE_BIT('E')) && m->tool < 0 &&
	    dialect_value(m->fw, RULE_T_FORMS) == TF_RRF) {
		char t[80];

		/* RRF with no tool selected ignores E (G1 :1888-1895) */
		machine_warn(m, MW_NO_TOOL, "no_tool", "%s: no tool selected "
		    "(T-1): %s ignores E", gcode_code_text(gl, t, sizeof t),
		    dialect_name(m->fw));
		words &= ~GCODE_BIT('E');
	}
	if (words & GCODE_BIT('F'))
		set_feed(m, gl, u);
	for (int ax = 0; ax < AX_N; ax++) {
		uint32_t bit = GCODE_BIT(letters[ax]);
		double v;

		mv->from[ax] = mv->to[ax] = m->pos[ax];
		known[ax] = m->known[ax];
		if (!(words & bit))
			continue;
		if (gl->exprs & bit) {
			known[ax] = false;	/* {expression}: firmware
						   decides */
			continue;
		}
		v = zero & bit ? 0 : gl->value[letters[ax] - 'A'] * u;
		if (!isfinite(v)) {
			known[ax] = false;	/* a number too large */
			continue;
		}
		if (ax == AX_E) {
			ve = v;
			if (!m->abs_e) {
				mv->to[ax] = m->pos[ax] + v;
				continue;
			}
		} else if (!m->abs_xyz) {
			mv->to[ax] = m->pos[ax] + v;
			continue;
		}
		mv->to[ax] = v;
		known[ax] = true;
	}
	mv->feed = m->feed;
	mv->arc = false;
	mv->known = m->known[AX_X] && m->known[AX_Y] && m->known[AX_Z] &&
	    known[AX_X] && known[AX_Y] && known[AX_Z];
	/* relative E moves by its value even from an unknown position */
	if (!(words & GCODE_BIT('E')))
		mv->de = 0;
	else if (!m->abs_e)
		mv->de = ve;
	else
		mv->de = known[AX_E] && m->known[AX_E] ?
		    mv->to[AX_E] - m->pos[AX_E] : 0;
	if (gl->code >= 2 && mv->known) {
		mv->arc = true;
		if (arc_length(m, gl, mv->to, u, mv) == -1) {
			char t[80];

			/* Marlin does not move, Prusa goes straight, RRF
			 * aborts, Klipper stops: where the head is, no one
			 * knows */
			machine_warn(m, MW_ARC, "bad_arc", "%s: an arc without "
			    "I, J or a reachable R: X and Y unknown",
			    gcode_code_text(gl, t, sizeof t));
			known[AX_X] = known[AX_Y] = false;
			mv->known = false;
			mv->length = 1;
		}
		mv->moved = mv->length > MACHINE_EPS;
	} else {
		line_length(mv, words);
	}
	if ((words & GCODE_BIT('E')) && m->abs_e && known[AX_E])
		m->e_base = mv->to[AX_E];
	for (int ax = 0; ax < AX_N; ax++) {
		m->pos[ax] = mv->to[ax];
		m->known[ax] = known[ax];
	}
	if (!(words & GCODE_XYZE))
		return 0;
	return apply_motion(m, mv);
}
