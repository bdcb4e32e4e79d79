/*
 * readings.c: forking, folding and judging the readings of a file.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readings.h"

/* Filament per mm of extruding path that a print can have: 1.75 mm
 * filament at 0.4 x 0.2 mm is 0.033, 2.85 mm at 0.1 mm layers 0.005, a
 * 1 mm vase wall 0.15.  A wrong E reading is off by orders of magnitude. */
#define PLAUSIBLE_MIN 0.001
#define PLAUSIBLE_MAX 2.0
#define PLAUSIBLE_PATH 50.0	/* mm of path, less: too little to tell */

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

		ok[i] = v->path_mm < PLAUSIBLE_PATH ||
		    (q >= PLAUSIBLE_MIN && q <= PLAUSIBLE_MAX);
		any |= ok[i];
	}
	for (int i = 0; i < v->n && !any; i++)
		ok[i] = true;	/* none holds: judge them all */
}
