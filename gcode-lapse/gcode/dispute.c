/*
 * dispute.c: one copy of the tracker per reading, then what they agree on.
 *
 * The copies live on the stack for the one line (a tracker is under a
 * kilobyte and such lines are rare); each is parsed again with its own
 * firmware's reading.  Only the end states are compared, so a rule that
 * makes no difference on this line (an E mode read apart when E does not
 * move) costs the copies and nothing else.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gcode/dispute.h"

#define TOL 1e-9
#define P_AXIS(ax) (1u << (8 + (ax)))	/* bits past the UNK_* ones */
#define P_E_READ (1u << 12)		/* E read absolute here, relative
					   there: nothing is unknown by it */
#define P_UNKNOWN (0xffu | P_AXIS(0) | P_AXIS(1) | P_AXIS(2) | P_AXIS(3))

unsigned long
dispute_rules(const struct machine *m, const struct gcode_line *gl)
{
	unsigned long r = gl->odd & ((1ul << RULE_READING_END) - 1);

	if (gl->kind == GCODE_EXTENDED)
		return RULE_BIT(RULE_EXTENDED);
	switch (gl->letter) {
	case 'G':
		switch (gl->code) {
		case 0: case 1: case 2: case 3:
			if (gl->words & GCODE_BIT('E')) {
				if (m->e_ambiguous)
					r |= RULE_BIT(RULE_E_COUPLING);
				if (m->tool < 0)
					r |= RULE_BIT(RULE_T_FORMS);
			}
			break;
		case 10: case 11:
			r |= RULE_BIT(RULE_G10);
			break;
		case 20:
			r |= RULE_BIT(RULE_G20);
			break;
		case 53: case 54: case 55: case 56: case 57: case 58: case 59:
			r |= RULE_BIT(RULE_TOOL_OFFSET);
			break;
		case 92:
			if (!(gl->words & GCODE_XYZE))
				r |= RULE_BIT(RULE_G92_BARE);
			break;
		}
		if (gl->code <= 3 || gl->code == 92) {
			if (gl->words & ~gl->valued & ~gl->exprs &
			    GCODE_VALUE_WORDS)
				r |= RULE_BIT(RULE_VALUELESS);
		}
		break;
	case 'M':
		switch (gl->code) {
		case 82:
			if (fabs(m->e_base - m->pos[AX_E]) > MACHINE_EPS)
				r |= RULE_BIT(RULE_E_BASE);
			break;
		case 200: case 221:
			r |= RULE_BIT(RULE_E_FACTOR);
			break;
		case 207: case 208:
			r |= RULE_BIT(RULE_M207);
			break;
		case 218:
			r |= RULE_BIT(RULE_TOOL_OFFSET);
			break;
		}
		break;
	case 'T':
		if (gl->code < 0)
			r |= RULE_BIT(RULE_T_FORMS);
		else if (gl->code != m->tool && gl->code < MACHINE_TOOLS)
			r |= RULE_BIT(RULE_TOOL_CHANGE);
		break;
	}
	return r;
}

/* What one reading ends with, for the comparison and the message. */
struct outcome {
	unsigned firmwares;
	double pos[AX_N], shift[AX_N], feed, retracted, offset[3];
	bool known[AX_N], abs_xyz, abs_e_flag, abs_e_last, abs_e, inches;
	bool fw_retracted, not_run;
	int tool;
	enum filament_state fil;
	double fw_retract_mm, fw_lift_mm;
};

static void
take(struct outcome *o, const struct machine *m, unsigned fws, bool not_run)
{
	o->firmwares = fws;
	for (int ax = 0; ax < AX_N; ax++) {
		o->pos[ax] = m->pos[ax];
		o->shift[ax] = m->shift[ax];
		o->known[ax] = m->known[ax];
	}
	for (int ax = 0; ax < 3; ax++)
		o->offset[ax] = machine_offset(m, ax);
	o->feed = m->feed;
	o->retracted = machine_retracted(m);
	o->abs_xyz = m->abs_xyz;
	o->abs_e_flag = m->abs_e_flag;
	o->abs_e_last = m->abs_e_last;
	o->abs_e = m->abs_e;
	o->inches = m->inches;
	o->fw_retracted = m->fw_retracted;
	o->tool = m->tool;
	o->fil = m->fil;
	o->fw_retract_mm = m->fw_retract_mm;
	o->fw_lift_mm = m->fw_lift_mm;
	o->not_run = not_run;
}

static bool
apart(double a, double b)
{
	return fabs(a - b) > TOL;
}

/* The parts in which b differs from a: P_AXIS() and UNK_* bits. */
static unsigned
differences(const struct outcome *a, const struct outcome *b)
{
	unsigned d = 0;

	for (int ax = 0; ax < AX_N; ax++)
		if (a->known[ax] != b->known[ax] || apart(a->shift[ax],
		    b->shift[ax]) || (a->known[ax] && apart(a->pos[ax],
		    b->pos[ax])) || (ax < 3 && apart(a->offset[ax],
		    b->offset[ax])))
			d |= P_AXIS(ax);
	if (apart(a->feed, b->feed))
		d |= UNK_FEED;
	if (a->abs_xyz != b->abs_xyz)
		d |= UNK_XYZ_MODE;
	if (a->abs_e_flag != b->abs_e_flag || a->abs_e_last != b->abs_e_last)
		d |= UNK_E_MODE;
	if (a->abs_e != b->abs_e)
		d |= P_E_READ;
	if (a->inches != b->inches)
		d |= UNK_UNITS;
	if (a->tool != b->tool)
		d |= UNK_TOOL;
	if (a->fw_retracted != b->fw_retracted || a->fil != b->fil ||
	    apart(a->retracted, b->retracted) ||
	    apart(a->fw_retract_mm, b->fw_retract_mm) ||
	    apart(a->fw_lift_mm, b->fw_lift_mm))
		d |= UNK_FILAMENT;
	return d;
}

/* What an outcome shows of the parts that differ: "X100 E0", "G91". */
static void
render(const struct outcome *o, unsigned parts, char *buf, size_t size)
{
	static const char axes[] = "XYZE";
	size_t n = 0;

#define ADD(...) do { if (n < size) n += (size_t)snprintf(buf + n, \
	size - n, __VA_ARGS__); } while (0)
	buf[0] = '\0';
	if (o->not_run) {
		ADD("the line is not run");
		return;
	}
	for (int ax = 0; ax < AX_N; ax++) {
		if (!(parts & P_AXIS(ax)))
			continue;
		if (o->known[ax])
			ADD("%s%c%.6g", n ? " " : "", axes[ax], o->pos[ax]);
		else
			ADD("%s%c unknown", n ? " " : "", axes[ax]);
		if (ax < 3 && o->offset[ax] != 0)
			ADD(" (offset %.6g)", o->offset[ax]);
		if (ax == AX_E && (parts & P_E_READ) && !(parts & UNK_E_MODE))
			ADD(" (%s)", o->abs_e ? "absolute" : "relative");
	}
	if (parts & UNK_FEED)
		ADD("%sF%.6g", n ? " " : "", o->feed);
	if (parts & UNK_XYZ_MODE)
		ADD("%s%s", n ? " " : "", o->abs_xyz ? "G90" : "G91");
	if (parts & UNK_E_MODE)
		ADD("%sE %s", n ? " " : "", o->abs_e_flag ? "M82" : "M83");
	if ((parts & P_E_READ) && !(parts & (UNK_E_MODE | P_AXIS(AX_E))))
		ADD("%sE %s", n ? " " : "", o->abs_e ? "absolute" :
		    "relative");
	if (parts & UNK_UNITS)
		ADD("%s%s", n ? " " : "", o->inches ? "inches" :
		    "millimetres");
	if (parts & UNK_TOOL)
		ADD("%sT%d", n ? " " : "", o->tool);
	if (parts & UNK_FILAMENT)
		ADD("%s%.4g mm %s", n ? ", " : "", o->retracted,
		    o->fw_retracted ? "firmware-retracted" : "retracted");
	if (n == 0)
		ADD("no change");
#undef ADD
}

/* "X, E and the feed rate" */
static void
name_parts(unsigned parts, char *buf, size_t size)
{
	static const char *const axes[] = { "X", "Y", "Z", "E" };
	const char *name[12];
	size_t k = 0, n = 0;

	for (int ax = 0; ax < AX_N; ax++)
		if (parts & P_AXIS(ax))
			name[k++] = axes[ax];
	if (parts & UNK_FEED)
		name[k++] = "the feed rate";
	if (parts & (UNK_XYZ_MODE | UNK_E_MODE))
		name[k++] = "the positioning mode";
	if (parts & UNK_UNITS)
		name[k++] = "the units";
	if (parts & UNK_TOOL)
		name[k++] = "the tool";
	if (parts & UNK_FILAMENT)
		name[k++] = "the filament";
	buf[0] = '\0';
	for (size_t i = 0; i < k && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", name[i],
		    i + 2 < k ? ", " : i + 1 < k ? " and " : "");
}

/* The disputed line's warning, one per first rule. */
static void
warn_dispute(struct machine *m, const struct gcode_line *gl,
    unsigned long rules, const struct outcome *o, int n, unsigned parts)
{
	char code[80], how[WARNINGS_TEXT], what[64], names[160], end[80];
	size_t k = 0;
	int r = 0;

	while (r < RULE_N && !(rules >> r & 1))
		r++;
	if (m->warn != NULL && warnings_count(m->warn, MW_DISPUTE + r) > 0) {
		machine_warn(m, MW_DISPUTE + r, dialect_rule_id_apart(r), "%s",
		    "");
		return;
	}
	gcode_code_text(gl, code, sizeof code);
	how[0] = '\0';
	for (int i = 0; i < n && k < sizeof how; i++) {
		unsigned fws = o[i].firmwares;
		char other[80];
		bool done = false;

		/* groups that end alike are one */
		render(&o[i], parts, end, sizeof end);
		for (int j = 0; j < i && !done; j++) {
			render(&o[j], parts, other, sizeof other);
			done = strcmp(end, other) == 0;
		}
		for (int j = i + 1; j < n && !done; j++) {
			render(&o[j], parts, other, sizeof other);
			if (strcmp(end, other) == 0)
				fws |= o[j].firmwares;
		}
		if (!done)
			k += (size_t)snprintf(how + k, sizeof how - k,
			    "%s%s: %s", k ? "; " : "", dialect_names(fws,
			    names, sizeof names), end);
	}
	name_parts(parts, what, sizeof what);
	if ((parts & P_UNKNOWN) == 0)
		machine_warn(m, MW_DISPUTE + r, dialect_rule_id_apart(r),
		    "%s: %s: %s: the same end on this line", code,
		    dialect_rule_name(r), how);
	else
		machine_warn(m, MW_DISPUTE + r, dialect_rule_id_apart(r),
		    "%s: %s: %s: %s unknown until the file sets %s again", code,
		    dialect_rule_name(r), how, what,
		    (parts & P_UNKNOWN & ((parts & P_UNKNOWN) - 1)) ? "them" :
		    "it");
}

int
dispute_feed(struct machine *m, const struct gcode_line *gl,
    unsigned long rules)
{
	struct machine before = *m, alt;
	struct gcode_line other;
	struct outcome o[FW_N];
	struct warnings *w = m->warn;
	unsigned left = m->firmwares, same, parts = 0;
	unsigned long warnings = m->warnings;
	int ev, n = 0;

	/* the first candidate's reading is the tracker's */
	m->warn = NULL;
	same = dialect_same(left, m->fw, rules);
	ev = machine_apply(m, gl);
	take(&o[n++], m, same, gl->reject >= 0);
	left &= ~same;
	while (left != 0 && n < FW_N) {
		enum firmware f = dialect_first(left);

		same = dialect_same(left, f, rules);
		alt = before;
		alt.warn = NULL;
		machine_set_firmware(&alt, f);
		if (gcode_parse(gl->text, gl->len, &alt.reading, &other) !=
		    GCODE_E_NUL) {
			/* the move is the followed reading's (m->last): what
			 * another makes of the head is unknown, no move */
			ev |= machine_apply(&alt, &other) & ~EV_MOVE;
			take(&o[n], &alt, same, other.reject >= 0);
			parts |= differences(&o[0], &o[n]) & (rules &
			    (1ul << RULE_E_COUPLING) ? ~0u : ~P_E_READ);
			n++;
		}
		left &= ~same;
	}
	m->warn = w;
	m->warnings = warnings;
	if (parts == 0)
		return ev;	/* read apart, ending alike */
	for (int ax = 0; ax < AX_N; ax++)
		if (parts & P_AXIS(ax)) {
			m->known[ax] = false;
			if (ax < 3) {
				m->noted = false;
				m->lost |= 1u << ax;
			}
		}
	m->unknown |= parts & 0xff;
	warn_dispute(m, gl, rules, o, n, parts);
	return ev;
}
