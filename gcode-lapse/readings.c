/*
 * readings.c: forking, folding and judging the readings of a file, and
 * what each reading checks of a move and inside a block of ours
 * (readings.h).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readings.h"
#include "settings/limits.h"

static bool
near(double a, double b)
{
	return fabs(a - b) <= READINGS_TOL;
}

int
readings_init(struct readings *v, const struct slicer_settings *s,
    const char *firmware)
{
	memset(v, 0, sizeof *v);
	if ((v->rd = calloc(READINGS_MAX, sizeof *v->rd)) == NULL)
		return -1;
	slicer_machine_init(&v->rd[0].o, s, firmware);
	slicer_machine_init(&v->rd[0].r, s, firmware);
	/* the start macro's E mode is the original's line number: the
	 * rewritten side, whose numbers our blocks shift, takes it on the
	 * same line (readings_before) */
	v->rd[0].r.cfg.relative_e_line = 0;
	v->rd[0].alive = true;
	v->n = 1;
	return 0;
}

void
readings_free(struct readings *v)
{
	free(v->rd);
	v->rd = NULL;
}

const char *
readings_diff(const struct machine *a, const struct machine *b, char *msg,
    size_t size)
{
	static const char *const ax[] = { "X", "Y", "Z", "E" };

	for (int i = 0; i < AX_N; i++) {
		if (a->known[i] != b->known[i])
			return "an axis is known in one file only";
		if (a->known[i] && !near(a->pos[i], b->pos[i])) {
			snprintf(msg, size, "%s is %.5f, the original "
			    "has %.5f", ax[i], b->pos[i], a->pos[i]);
			return msg;
		}
		if (!near(a->shift[i], b->shift[i]))
			return "a G92 offset differs";
	}
	if (!near(a->feed, b->feed)) {
		snprintf(msg, size, "feed rate F%g, the original has "
		    "F%g", b->feed, a->feed);
		return msg;
	}
	if (a->abs_xyz != b->abs_xyz || a->abs_e != b->abs_e ||
	    a->abs_e_flag != b->abs_e_flag)
		return "positioning mode (G90/G91/M82/M83) differs";
	if (a->inches != b->inches)
		return "units (G20/G21) differ";
	if (a->tool != b->tool)
		return "tool differs";
	if (a->fw_retracted != b->fw_retracted)
		return "firmware retraction (G10/G11) state differs";
	if (!near(machine_retracted(a), machine_retracted(b))) {
		snprintf(msg, size, "filament retracted %.5f mm, the "
		    "original has %.5f mm", machine_retracted(b),
		    machine_retracted(a));
		return msg;
	}
	return NULL;
}

const char *
readings_path_diff(const struct machine *a, const struct machine *b,
    char *msg, size_t size)
{
	/* where the firmwares read the original apart it leaves a thing
	 * unknown (no snapshot goes there); the dry run may read it one way */
	for (int i = 0; i < AX_E; i++) {
		if (!a->known[i])
			continue;
		if (!b->known[i])
			return "an axis the original knows is unknown";
		/* the file's coordinates: after a line read apart, a G92
		 * makes them known again, not where the head is */
		if (!near(a->pos[i], b->pos[i])) {
			snprintf(msg, size, "%c%.5f, not %c%.5f", "XYZ"[i],
			    b->pos[i], "XYZ"[i], a->pos[i]);
			return msg;
		}
	}
	if (!(a->unknown & UNK_FEED) && !near(a->feed, b->feed)) {
		snprintf(msg, size, "F%g, not F%g", b->feed, a->feed);
		return msg;
	}
	if (a->abs_xyz != b->abs_xyz || a->inches != b->inches ||
	    a->tool != b->tool)
		return "the positioning mode, the units or the tool";
	return NULL;
}

/*
 * Fork every live reading into variants, just before the original line
 * gl is fed: each variant set up by how(m, k).  Returns how many were
 * added (none once the table is full).
 */
static int
fork_readings(struct readings *v, int variants,
    void (*how)(struct machine *, int, char *, size_t))
{
	int n0 = v->n, added = 0;

	for (int i = 0; i < n0; i++) {
		struct reading *rd = &v->rd[i];
		char base[sizeof rd->name], name[40];

		if (!rd->alive)
			continue;
		snprintf(base, sizeof base, "%s", rd->name);
		for (int k = 1; k < variants && !v->full; k++) {
			struct reading *c;

			if (v->n == READINGS_MAX) {
				v->full = true;
				break;
			}
			c = &v->rd[v->n++];
			*c = *rd;
			c->problems = 0;
			how(&c->o, k, name, sizeof name);
			how(&c->r, k, NULL, 0);
			snprintf(c->name, sizeof c->name, "%.40s%s%s", base,
			    base[0] ? ", " : "", name);
			added++;
		}
		how(&rd->o, 0, name, sizeof name);
		how(&rd->r, 0, NULL, 0);
		snprintf(rd->name, sizeof rd->name, "%.40s%s%s", base,
		    base[0] ? ", " : "", name);
	}
	return added;
}

/*
 * Variant k of the E mode at the first E move: 0 as the settings say
 * (the mode a start macro left, where they learned one), 1 the other.
 * Called just before that line is fed.
 */
static void
flip_e(struct machine *m, int k, char *name, size_t size)
{
	bool absolute = m->abs_e_flag;

	if (m->cfg.relative_e_line == m->lines + 1)
		absolute = false;
	m->cfg.relative_e_line = 0;
	if (k == 1)
		absolute = !absolute;
	machine_set_e_mode(m, absolute);
	if (name != NULL)
		snprintf(name, size, "%s E", m->abs_e_flag ? "absolute" :
		    "relative");
}

/* Fold readings whose trackers agree again into the first of them. */
void
readings_fold(struct readings *v)
{
	char msg[96];

	for (int j = 1; j < v->n; j++) {
		struct reading *b = &v->rd[j];

		if (!b->alive)
			continue;
		for (int i = 0; i < j; i++) {
			struct reading *a = &v->rd[i];

			if (!a->alive ||
			    a->o.e_ambiguous != b->o.e_ambiguous ||
			    readings_diff(&a->o, &b->o, msg, sizeof msg) ||
			    readings_diff(&a->r, &b->r, msg, sizeof msg))
				continue;
			b->alive = false;
			b->merged_into = i;
			b->net_offset = b->o.e_net - a->o.e_net;
			break;
		}
	}
}

int
readings_live(const struct readings *v)
{
	int n = 0;

	for (int i = 0; i < v->n; i++)
		n += v->rd[i].alive;
	return n;
}

void
readings_before(struct readings *v, const struct gcode_line *gl,
    unsigned long number)
{
	for (int i = 0; i < v->n; i++) {
		struct reading *rd = &v->rd[i];

		if (rd->alive && rd->o.cfg.relative_e_line != 0 &&
		    rd->o.lines + 1 == rd->o.cfg.relative_e_line)
			rd->r.cfg.relative_e_line = rd->r.lines + 1;
	}
	if (gl == NULL || gl->kind != GCODE_CODE)
		return;
	if (gl->letter == 'M' && (gl->code == 82 || gl->code == 83))
		v->e_mode_seen = true;
	if (!v->e_mode_seen && !v->e_forked && gl->letter == 'G' &&
	    gl->code >= 0 && gl->code <= 3 && gcode_has(gl, 'E')) {
		v->e_forked = true;
		v->e_fork_line = number;
		fork_readings(v, 2, flip_e);
	}
}

double
readings_ratio(const struct readings *v, int i)
{
	double net = 0;

	for (; !v->rd[i].alive; i = v->rd[i].merged_into)
		net += v->rd[i].net_offset;
	net += v->rd[i].o.e_net;
	return v->path_mm > 0 ? net / v->path_mm : 0;
}

void
readings_plausible(const struct readings *v, bool ok[READINGS_MAX])
{
	bool any = false;

	for (int i = 0; i < v->n; i++) {
		double q = readings_ratio(v, i);

		ok[i] = v->path_mm < LIMIT_E_PATH || limit_ok(LIM_E_PER_MM, q);
		any |= ok[i];
	}
	for (int i = 0; i < v->n && !any; i++)
		ok[i] = true;	/* none holds: judge them all */
}

/* Moves ---------------------------------------------------------------- */

struct reading_before
reading_before(const struct machine *m)
{
	return (struct reading_before){ m->tool, m->fw_retracted, m->fil,
	    machine_retracted(m) };
}

bool
reading_compare_move(struct reading *rd, unsigned long n,
    const struct reading_before *bo, const struct reading_before *br)
{
	const struct machine_move *a = &rd->o.last, *b = &rd->r.last;

	if (a->kind != MOVE_EXTRUDE && b->kind != MOVE_EXTRUDE)
		return false;
	if (a->kind != b->kind) {
		reading_problem(rd, n, "extrudes in one file only");
		return true;
	}
	for (int i = 0; i < 3; i++)
		if (!near(a->from[i], b->from[i]) ||
		    !near(a->to[i], b->to[i])) {
			reading_problem(rd, n, "extrusion from %.3f,%.3f,%.3f to "
			    "%.3f,%.3f,%.3f; the original's goes from "
			    "%.3f,%.3f,%.3f to %.3f,%.3f,%.3f",
			    b->from[0], b->from[1], b->from[2], b->to[0],
			    b->to[1], b->to[2], a->from[0], a->from[1],
			    a->from[2], a->to[0], a->to[1], a->to[2]);
			return true;
		}
	if (!near(a->de, b->de))
		reading_problem(rd, n, "extrudes %.5f mm, the original %.5f mm",
		    b->de, a->de);
	else if (!near(a->feed, b->feed))
		reading_problem(rd, n, "extrudes at F%g, the original at F%g",
		    b->feed, a->feed);
	else if (bo->tool != br->tool)
		reading_problem(rd, n, "extrudes with tool %d, the original with %d",
		    br->tool, bo->tool);
	else if (bo->fw_retracted != br->fw_retracted ||
	    !near(bo->retracted, br->retracted))
		reading_problem(rd, n, "filament %s (%.4f mm retracted) before the "
		    "extrusion, the original %s (%.4f mm)",
		    machine_filament_name(br->fil), br->retracted,
		    machine_filament_name(bo->fil), bo->retracted);
	return true;
}

/* Problems, the lines of a block ------------------------------------- */

__attribute__((format(printf, 4, 0)))
void
readings_add_problem(unsigned long *count, char (*first)[256], unsigned long line,
    const char *fmt, va_list ap)
{
	char msg[200];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (*count < VERIFY_MAX_PROBLEMS)
		snprintf(first[*count], sizeof first[0],
		    "rewritten line %lu: %s", line, msg);
	(*count)++;
}

/* A problem under one reading. */
__attribute__((format(printf, 3, 4)))
void
reading_problem(struct reading *rd, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	readings_add_problem(&rd->problems, rd->first, line, fmt, ap);
	va_end(ap);
}

int
readings_feed(struct machine *m, const struct line *ln, const struct gcode_line *gl,
    size_t len, char *err, size_t errlen)
{
	if (gl != NULL)
		return machine_feed(m, gl, err, errlen);
	return machine_feed_text(m, ln->text, len, err, errlen);
}


void
reading_block_begin(struct reading *rd, bool dry)
{
	struct machine *m = &rd->r;
	struct reading_block *b = &rd->b;

	b->floor_z = m->known[AX_Z] ? m->pos[AX_Z] : -INFINITY;
	if (m->extruded && m->last_extrude_z < b->floor_z)
		b->floor_z = m->last_extrude_z;
	b->top_z = fmax(m->known[AX_Z] ? m->pos[AX_Z] : 0,
	    m->extruded ? m->max[2] : 0);
	if (dry)
		b->top_z = fmax(b->top_z, rd->z_moved);
	b->r0 = b->rpeak = machine_retracted(m);
	b->e0 = m->e_net;
	b->fw0 = m->fw_retracted;
	b->x0 = m->pos[AX_X];
	b->y0 = m->pos[AX_Y];
}

/* An inserted move's numbers against limits.h. */
static void
limits(struct reading *rd, unsigned long n)
{
	const struct machine_move *mv = &rd->r.last;
	const struct reading_block *b = &rd->b;
	const struct limit *l;
	enum limit_id id;
	double f = mv->feed / 60;

	if (machine_retracted(&rd->r) - b->r0 >
	    limit_get(LIM_RETRACT)->max + READINGS_TOL)
		reading_problem(rd, n, "the block retracts %.3f mm, more than %g mm",
		    machine_retracted(&rd->r) - b->r0,
		    limit_get(LIM_RETRACT)->max);
	if (mv->known && mv->to[AX_Z] > b->top_z + limit_get(LIM_LIFT)->max +
	    READINGS_TOL)
		reading_problem(rd, n, "inserted move lifts to Z%.3f, more than %g mm "
		    "above the print", mv->to[AX_Z], limit_get(LIM_LIFT)->max);
	/* the park point's; where the head was is the original's business */
	for (int i = 0; i < 2 && mv->known; i++)
		if (!near(mv->to[i], i == 0 ? b->x0 : b->y0) &&
		    !limit_ok(LIM_BED, mv->to[i] + rd->r.shift[i]))
			reading_problem(rd, n, "inserted move goes to %c%.3f, out of "
			    "range", "XY"[i], mv->to[i]);
	if (mv->kind == MOVE_FW_RETRACT || mv->kind == MOVE_FW_DERETRACT)
		return;
	id = mv->moved && (fabs(mv->to[0] - mv->from[0]) > READINGS_TOL ||
	    fabs(mv->to[1] - mv->from[1]) > READINGS_TOL) ? LIM_TRAVEL_SPEED :
	    mv->moved ? LIM_Z_SPEED : LIM_RETRACT_SPEED;
	if (!limit_ok(id, f)) {
		l = limit_get(id);
		reading_problem(rd, n, "inserted move at F%g: %s out of range (%g to "
		    "%g %s)", mv->feed, l->what, l->min, l->max, l->unit);
	}
}

int
reading_block_line(struct reading *rd, const struct line *ln,
    const struct gcode_line *gl, size_t len, bool retracted_marker,
    char *err, size_t errlen)
{
	struct machine *m = &rd->r;
	struct reading_block *b = &rd->b;
	int ev;

	if (retracted_marker && machine_retracted(m) < 1e-6 &&
	    !m->fw_retracted)
		reading_problem(rd, ln->number, "marker with the filament not "
		    "retracted");
	if ((ev = readings_feed(m, ln, gl, len, err, errlen)) == -1)
		return -1;
	if (ev & (EV_MODE | EV_UNITS | EV_SETPOS | EV_HOME | EV_TOOL))
		reading_problem(rd, ln->number, "a block changes a mode, the tool or "
		    "the coordinates");
	if (!(ev & EV_MOVE))
		return ev;
	b->rpeak = fmax(b->rpeak, machine_retracted(m));
	if (m->last.kind == MOVE_EXTRUDE ||
	    machine_retracted(m) < b->r0 - READINGS_TOL || m->e_net > b->e0 + READINGS_TOL ||
	    (b->fw0 && !m->fw_retracted))
		reading_problem(rd, ln->number, "inserted move extrudes");
	if (m->last.known && m->last.to[AX_Z] < b->floor_z - READINGS_TOL)
		reading_problem(rd, ln->number, "inserted move goes down to Z%.3f, "
		    "below the layer (Z%.3f)", m->last.to[AX_Z], b->floor_z);
	limits(rd, ln->number);
	return ev;
}
