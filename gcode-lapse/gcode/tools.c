/*
 * tools.c: tool changes, offsets and firmware retraction.
 *
 * A firmware retract (G10) pulls back the M207 length without moving the
 * logical E, as every firmware does; a second G10 is ignored.  Offsets
 * live in a small table, by tool (or by GPX work offset); the one in force
 * is the slot machine.h's offset_slot names.
 */
#include <math.h>
#include <string.h>

#include "gcode/tools.h"


static int
fw_retract(struct machine *m, bool retract)
{
	struct machine_move *mv = &m->last;
	double *r = &m->retracted[machine_slot(m->tool, MACHINE_TOOLS)];

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

int
tools_m207(struct machine *m, const struct gcode_line *gl)
{
	int rule = dialect_value(m->fw, RULE_M207);

	if (rule == M207_NONE)
		return 0;	/* Klipper: unknown command */
	if (gcode_has_value(gl, 'S') && gcode_value(gl, 'S') >= 0)
		m->fw_retract_mm = gcode_value(gl, 'S');
	if (gcode_has_value(gl, 'F') && gcode_value(gl, 'F') > 0) {
		m->fw_retract_feed = gcode_value(gl, 'F');
		if (rule == M207_RRF)
			m->fw_deretract_feed = m->fw_retract_feed;
	}
	if (gcode_has_value(gl, 'Z') && gcode_value(gl, 'Z') >= 0)
		m->fw_lift_mm = gcode_value(gl, 'Z');
	if (rule == M207_RRF) {
		if (gcode_has_value(gl, 'T') && gcode_value(gl, 'T') > 0)
			m->fw_deretract_feed = gcode_value(gl, 'T');
		if (gcode_has_value(gl, 'R'))
			m->fw_extra_mm = gcode_value(gl, 'R');
	}
	return EV_FW_SETTINGS;
}

int
tools_m208(struct machine *m, const struct gcode_line *gl)
{
	if (dialect_value(m->fw, RULE_M207) != M207_SFZ)
		return 0;	/* RRF: axis limits; Klipper: unknown */
	if (gcode_has_value(gl, 'S'))
		m->fw_extra_mm = gcode_value(gl, 'S');
	if (gcode_has_value(gl, 'F') && gcode_value(gl, 'F') > 0)
		m->fw_deretract_feed = gcode_value(gl, 'F');
	return EV_FW_SETTINGS;
}

/* Tool t's offset on the axes the line gives (G10 P / M218 T / G10 Pn). */
static void
set_offset(struct machine *m, int slot, const struct gcode_line *gl,
    double sign)
{
	static const char letters[] = "XYZ";
	double *o = m->offset[machine_slot(slot, MACHINE_OFFSETS)];
	bool current = machine_slot(slot, MACHINE_OFFSETS) ==
	    machine_slot(m->offset_slot, MACHINE_OFFSETS);

	for (int ax = 0; ax < 3; ax++) {
		double v;

		if (!gcode_has_value(gl, letters[ax]))
			continue;
		v = sign * gcode_value(gl, letters[ax]);
		if (!isfinite(v))
			continue;
		/* RRF recomputes the current tool's user position at once
		 * (G1 :3618-3625): the head stays, the coordinate moves */
		if (current && dialect_value(m->fw, RULE_TOOL_OFFSET) ==
		    TO_G10_P) {
			m->pos[ax] += v - o[ax];
			m->noted = false;
		}
		o[ax] = v;
	}
}

int
tools_g10(struct machine *m, const struct gcode_line *gl)
{
	uint32_t settings = GCODE_BIT('P') | GCODE_BIT('L') | GCODE_BIT('R') |
	    GCODE_BIT('S') | GCODE_XYZ | GCODE_BIT('U') | GCODE_BIT('V') |
	    GCODE_BIT('W') | GCODE_BIT('A') | GCODE_BIT('B') | GCODE_BIT('C');

	switch (dialect_value(m->fw, RULE_G10)) {
	case G10_WCS:
		/* GPX: G10 Pn X Y Z, work offset n for G54..G59 */
		if (gcode_has_value(gl, 'P') && gcode_value(gl, 'P') >= 1 &&
		    gcode_value(gl, 'P') <= 6)
			set_offset(m, (int)gcode_value(gl, 'P'), gl, -1);
		return 0;
	case G10_RRF:
		if (!(gl->words & settings))
			return fw_retract(m, true);
		if (gcode_has(gl, 'L')) {
			int l = gcode_has_value(gl, 'L') ?
			    (int)gcode_value(gl, 'L') : 0;

			if (l == 1 && gcode_has_value(gl, 'P'))
				set_offset(m, (int)gcode_value(gl, 'P'), gl,
				    1);
			else if ((l == 2 || l == 20) &&
			    (gl->words & GCODE_XYZ)) {
				/* a workplace's origin: the coordinates of
				 * the axes given move if it is in force */
				for (int ax = 0; ax < 3; ax++)
					if (gl->words & GCODE_BIT("XYZ"[ax]))
						m->known[ax] = false;
			}
			return 0;
		}
		if (gcode_has_value(gl, 'P') && (gl->words & GCODE_XYZ))
			set_offset(m, (int)gcode_value(gl, 'P'), gl, 1);
		return 0;	/* temperatures */
	}
	return fw_retract(m, true);
}

int
tools_t(struct machine *m, const struct gcode_line *gl)
{
	char t[80];
	int n = gl->code;

	if (n < 0) {
		int rule = dialect_value(m->fw, RULE_T_FORMS);

		if (gl->tform == '-' && rule == TF_RRF) {
			m->tool = -1;	/* every tool deselected */
			m->unknown &= ~UNK_TOOL;
			return EV_TOOL;
		}
		if (!((gl->tform == '?' || gl->tform == 'x' ||
		    gl->tform == 'c') && rule == TF_MMU))
			machine_warn_as(m, RULE_T_FORMS, gl,
			    "selects no tool");
		return 0;
	}
	if (n >= MACHINE_TOOLS) {
		/* Bambu's T1000, T255, T1100: firmware's own */
		machine_warn(m, MW_PSEUDO_TOOL, "pseudo_tool", "%s: no tool "
		    "this reader follows (a firmware's own command): the tool "
		    "stays T%d", gcode_code_text(gl, t, sizeof t), m->tool);
		return 0;
	}
	m->unknown &= ~UNK_TOOL;
	if (n == m->tool)
		return 0;
	switch (dialect_value(m->fw, RULE_TOOL_CHANGE)) {
	case TC_MACROS:
		/*
		 * tfree/tpre/tpost (RRF), user macros (Klipper): where X and
		 * Y end is up to them.  Z is not: a file that goes on
		 * printing at its height after a T (slicers do) prints only
		 * where the macros give Z back.
		 */
		m->known[AX_X] = m->known[AX_Y] = false;
		if (m->fw == FW_KLIPPER && m->abs_e)
			m->known[AX_E] = false;
		m->noted = false;
		break;
	default:
		/* the logical position stays; the carriage moves by the
		 * offset difference (Marlin) */
		break;
	}
	m->tool = n;
	if (dialect_value(m->fw, RULE_TOOL_OFFSET) != TO_G10_WCS)
		m->offset_slot = n;
	return EV_TOOL;
}

int
tools_g11(struct machine *m, const struct gcode_line *gl)
{
	(void)gl;
	if (dialect_value(m->fw, RULE_G10) == G10_WCS)
		return 0;	/* GPX: no firmware retraction */
	return fw_retract(m, false);
}

int
tools_workplace(struct machine *m, const struct gcode_line *gl)
{
	/* GPX's work offsets; RRF's workplaces, 0 unless G10 L2 */
	if (dialect_value(m->fw, RULE_TOOL_OFFSET) == TO_G10_WCS)
		m->offset_slot = gl->code - 53;
	return 0;
}

int
tools_m218(struct machine *m, const struct gcode_line *gl)
{
	if (dialect_value(m->fw, RULE_TOOL_OFFSET) == TO_M218)
		set_offset(m, gcode_has_value(gl, 'T') ?
		    (int)gcode_value(gl, 'T') : m->tool, gl, 1);
	return 0;
}

/* Klipper (KLP extras/firmware_retraction.py): speeds in mm/s. */
int
tools_set_retraction(struct machine *m, const struct gcode_line *gl)
{
	double v;

	if ((v = gcode_named_value(gl, "RETRACT_LENGTH")) >= 0)
		m->fw_retract_mm = v;
	if ((v = gcode_named_value(gl, "RETRACT_SPEED")) > 0)
		m->fw_retract_feed = v * 60;
	if ((v = gcode_named_value(gl, "UNRETRACT_EXTRA_LENGTH")) >= 0)
		m->fw_extra_mm = v;
	if ((v = gcode_named_value(gl, "UNRETRACT_SPEED")) > 0)
		m->fw_deretract_feed = v * 60;
	return EV_FW_SETTINGS;
}
