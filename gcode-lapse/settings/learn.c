/*
 * learn.c: two short passes over the head.
 *
 * The first reads only the E words, as text, to see whether the file
 * sets its E mode before the first extrusion, and if not, which mode its
 * numbers are written in: absolute E climbs (it falls only at
 * retractions), relative E is a stream of small increments that go up
 * and down.  The second runs the tracker in that mode and keeps, per
 * kind of move, a few bins of values weighted by how often (or how far)
 * each was used: the heaviest bin is the setting.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "num.h"
#include "gcode/gcode.h"
#include "gcode/linereader.h"
#include "gcode/scan.h"
#include "settings/learn.h"
#include "settings/limits.h"

#define BINS 16
#define E_PAIRS_ENOUGH 400	/* extrusions compared in the first pass */
#define E_PAIRS_MIN 20
#define RETRACTS_ENOUGH 40
#define TRAVELS_ENOUGH 200

struct bin {
	double v, weight;
	unsigned long line;	/* the first move with this value */
};

struct bins {
	struct bin b[BINS];
	int n;
	unsigned long count;
};

struct learner {
	struct slicer_settings *s;
	struct bins retract, retract_feed, prime_feed, travel_feed, hop;
	unsigned long extrusions;
	double min[2], max[2], rmax;	/* rmax: from the origin */
	bool visited;
	unsigned long visited_line;
	bool fw_seen;
	unsigned long fw_line;
	bool stopped;		/* enough: not an error */
};

static void
bin_add(struct bins *bs, double v, double weight, unsigned long line,
    double tol)
{
	int i;

	bs->count++;
	for (i = 0; i < bs->n; i++)
		if (fabs(bs->b[i].v - v) <= tol) {
			bs->b[i].weight += weight;
			return;
		}
	if (bs->n == BINS) {		/* replace the lightest */
		int light = 0;

		for (i = 1; i < BINS; i++)
			if (bs->b[i].weight < bs->b[light].weight)
				light = i;
		if (bs->b[light].weight > weight)
			return;
		i = light;
	} else {
		i = bs->n++;
	}
	bs->b[i] = (struct bin){ v, weight, line };
}

static const struct bin *
bin_top(const struct bins *bs)
{
	const struct bin *top = NULL;

	for (int i = 0; i < bs->n; i++)
		if (top == NULL || bs->b[i].weight > top->weight)
			top = &bs->b[i];
	return top;
}

/* Store a learned value unless the file declared one. */
static void
learned(struct setting *st, double v, unsigned long line, const char *how,
    enum limit_id lim)
{
	if (st->set && !st->bad)
		return;
	if (lim != LIM_N && !limit_ok(lim, v))
		return;
	st->v = v;
	st->set = true;
	st->bad = false;
	st->prio = 0;
	st->at = (struct origin){ SRC_LEARNED, line, 0, how };
	st->text[0] = '\0';
}

/*
 * The E words of the first pass read both ways, as the verifier will
 * (readings.h): filament per mm of path under each.
 */
struct e_both {
	double abs_net, rel_net, prev, path, at[3];
	bool relative_xyz, fixed, fixed_abs;
};

static void
e_both_line(struct e_both *b, const struct gcode_line *gl)
{
	static const char axes[] = "XYZ";
	double to[3], d2 = 0, e;

	if (gl->letter == 'G' && (gl->code == 90 || gl->code == 91))
		b->relative_xyz = gl->code == 91;
	if (gl->letter == 'M' && (gl->code == 82 || gl->code == 83)) {
		b->fixed = true;	/* from here both read alike */
		b->fixed_abs = gl->code == 82;
	}
	if (gl->letter == 'G' && gl->code == 92 && gcode_has_value(gl, 'E'))
		b->prev = gcode_value(gl, 'E');
	if (gl->letter != 'G' || gl->code < 0 || gl->code > 3)
		return;
	for (int i = 0; i < 3; i++) {
		to[i] = b->at[i];
		if (gcode_has_value(gl, axes[i]))
			to[i] = gcode_value(gl, axes[i]) +
			    (b->relative_xyz ? b->at[i] : 0);
		d2 += (to[i] - b->at[i]) * (to[i] - b->at[i]);
		b->at[i] = to[i];
	}
	if (!gcode_has_value(gl, 'E') || !isfinite(e = gcode_value(gl, 'E')))
		return;
	if (d2 > 0)
		b->path += sqrt(d2);
	if (!b->fixed || b->fixed_abs)
		b->abs_net += e - b->prev;
	if (!b->fixed || !b->fixed_abs)
		b->rel_net += e;
	if (b->fixed && b->fixed_abs)
		b->rel_net += e - b->prev;
	if (b->fixed && !b->fixed_abs)
		b->abs_net += e;
	b->prev = b->fixed && !b->fixed_abs ? b->prev + e : e;
}

/*
 * Would the verifier, reading the file both ways, find that read as the
 * other mode it is no print (readings.h)?
 */
static bool
other_is_no_print(const struct e_both *b, bool relative)
{
	double other = relative ? b->abs_net : b->rel_net;

	return b->path >= LIMIT_E_PATH && !limit_ok(LIM_E_PER_MM,
	    other / b->path);
}

/* First pass: the E words as written. */
static void
e_mode(struct slicer_settings *s, const char *head, size_t len)
{
	struct linereader *lr = linereader_mem(head, len);
	struct gcode_line gl;
	struct line ln;
	struct e_both both;
	double prev = NAN;
	unsigned long pairs = 0, falls = 0, first = 0;

	if (lr == NULL)
		return;
	memset(&both, 0, sizeof both);
	while (linereader_next(lr, &ln) == 1) {
		if ((ln.flags & LINE_CONT) || gcode_parse(ln.text,
		    (ln.flags & LINE_PARTIAL) ? 0 : ln.len, NULL, &gl) !=
		    GCODE_OK ||
		    gl.kind != GCODE_CODE)
			continue;
		if (gl.letter == 'M' && (gl.code == 82 || gl.code == 83) &&
		    first == 0) {
			s->e_mode_set = true;
			break;
		}
		/* both readings over the whole head, the pairs over enough */
		e_both_line(&both, &gl);
		if (both.fixed && s->e_fixed_line == 0)
			s->e_fixed_line = ln.number;
		if (pairs >= E_PAIRS_ENOUGH)
			continue;
		if (gl.letter == 'G' && gl.code == 92 && gcode_has(&gl, 'E'))
			prev = NAN;
		if (gl.letter != 'G' || gl.code < 0 || gl.code > 3 ||
		    !gcode_has_value(&gl, 'E'))
			continue;
		if (first == 0)
			first = ln.number;
		if (gcode_has(&gl, 'X') || gcode_has(&gl, 'Y')) {
			if (!isnan(prev)) {
				pairs++;
				falls += gcode_value(&gl, 'E') < prev - 1e-9;
			}
		}
		prev = gcode_value(&gl, 'E');
	}
	linereader_free(lr);
	s->first_e = first;
	/* no M82/M83 anywhere: the verifier reads the whole file both ways,
	 * and a block holds under both only if one of them is no print */
	if (first > 0 && !s->e_mode_set && !both.fixed) {
		s->e_no_print[0] = other_is_no_print(&both, true);
		s->e_no_print[1] = other_is_no_print(&both, false);
		s->e_mode_open = !s->e_no_print[0] && !s->e_no_print[1];
	}
	if (s->e_mode_set || first == 0 || pairs < E_PAIRS_MIN)
		return;
	/* absolute E falls at retractions only; relative E half the time */
	if (falls * 10 >= pairs * 3)
		learned(&s->relative_e, 1, first, "E words", LIM_N);
	else if (falls * 10 <= pairs)
		learned(&s->relative_e, 0, first, "E words", LIM_N);
}

static void
note_xy(struct learner *l, const double *p, unsigned long line)
{
	for (int i = 0; i < 2; i++) {
		l->min[i] = fmin(l->min[i], p[i]);
		l->max[i] = fmax(l->max[i], p[i]);
	}
	l->rmax = fmax(l->rmax, hypot(p[0], p[1]));
	if (!l->visited)
		l->visited_line = line;
	l->visited = true;
}

/* The machine limits the start code sets. */
static void
limits_line(struct learner *l, const struct gcode_line *gl,
    unsigned long line)
{
	struct slicer_settings *s = l->s;
	double per = s->flavor == FLAVOR_RRF ? 60 : 1;	/* M203 mm/min */

	if (gcode_is(gl, 'M', 204)) {
		if (gcode_has_value(gl, 'T'))
			learned(&s->accel_travel, gcode_value(gl, 'T'), line,
			    "M204", LIM_ACCEL);
		if (gcode_has_value(gl, 'S'))
			learned(&s->accel_travel, gcode_value(gl, 'S'), line,
			    "M204", LIM_ACCEL);
		if (gcode_has_value(gl, 'P'))
			learned(&s->accel, gcode_value(gl, 'P'), line,
			    "M204", LIM_ACCEL);
	} else if (gcode_is(gl, 'M', 201)) {
		if (gcode_has_value(gl, 'Z'))
			learned(&s->accel_z, gcode_value(gl, 'Z'), line,
			    "M201", LIM_ACCEL);
		if (gcode_has_value(gl, 'E'))
			learned(&s->accel_e, gcode_value(gl, 'E'), line,
			    "M201", LIM_ACCEL);
	} else if (gcode_is(gl, 'M', 203)) {
		if (gcode_has_value(gl, 'X'))
			learned(&s->feed_xy, gcode_value(gl, 'X') / per, line,
			    "M203", LIM_FEEDRATE);
		if (gcode_has_value(gl, 'Z'))
			learned(&s->feed_z, gcode_value(gl, 'Z') / per, line,
			    "M203", LIM_FEEDRATE);
	} else if (gl->kind == GCODE_EXTENDED && gl->name_len == 18 &&
	    strncasecmp(gl->name, "SET_VELOCITY_LIMIT", 18) == 0) {
		const char *a = gl->args, *end = gl->args + gl->args_len;
		const char *p;
		double v;

		for (p = a; p + 6 <= end; p++)
			if (strncasecmp(p, "ACCEL=", 6) == 0 &&
			    (p == a || p[-1] == ' ')) {
				char buf[32];
				size_t n = 0;

				for (p += 6; p < end && n < sizeof buf - 1 &&
				    *p != ' '; p++)
					buf[n++] = *p;
				buf[n] = '\0';
				if (num_config(buf, 0, 1e9, &v) == NUM_OK)
					learned(&s->accel_travel, v, line,
					    "SET_VELOCITY_LIMIT", LIM_ACCEL);
				break;
			}
	}
}

static int
on_line(void *ctx, struct machine *m, const struct scan_line *sl, char *err,
    size_t errlen)
{
	struct learner *l = ctx;
	const struct machine_move *mv = &m->last;
	unsigned long line = sl->line->number;

	(void)err;
	(void)errlen;
	if (sl->gl == NULL)
		return 0;
	if (sl->gl->kind == GCODE_CODE || sl->gl->kind == GCODE_EXTENDED)
		limits_line(l, sl->gl, line);
	if ((gcode_is(sl->gl, 'G', 10) || gcode_is(sl->gl, 'G', 11)) &&
	    !gcode_has(sl->gl, 'P') && !gcode_has(sl->gl, 'L') &&
	    !l->fw_seen) {
		l->fw_seen = true;
		l->fw_line = line;
	}
	if (!(sl->events & EV_MOVE))
		return 0;
	if (mv->known) {
		double a[2] = { mv->from[0] + m->shift[0],
		    mv->from[1] + m->shift[1] };
		double b[2] = { mv->to[0] + m->shift[0],
		    mv->to[1] + m->shift[1] };

		note_xy(l, a, line);
		note_xy(l, b, line);
	}
	switch (mv->kind) {
	case MOVE_EXTRUDE:
		l->extrusions++;
		break;
	case MOVE_RETRACT:
		if (!mv->moved && m->extruded) {
			bin_add(&l->retract, -mv->de, 1, line, 0.005);
			bin_add(&l->retract_feed, mv->feed / 60, 1, line, 0.5);
		}
		break;
	case MOVE_DERETRACT:
		if (m->extruded)
			bin_add(&l->prime_feed, mv->feed / 60, 1, line, 0.5);
		break;
	case MOVE_TRAVEL:
		if (!mv->known)
			break;
		if (hypot(mv->to[0] - mv->from[0], mv->to[1] - mv->from[1]) >
		    0.5 && !mv->arc) {
			bin_add(&l->travel_feed, mv->feed / 60,
			    hypot(mv->to[0] - mv->from[0],
			    mv->to[1] - mv->from[1]), line, 0.5);
		} else if (m->extruded && mv->to[2] > mv->from[2] + 1e-6 &&
		    (machine_retracted(m) > 1e-6 || m->fw_retracted) &&
		    mv->from[2] <= m->last_extrude_z + 1e-6) {
			bin_add(&l->hop, mv->to[2] - mv->from[2], 1, line,
			    0.005);
		}
		break;
	default:
		break;
	}
	if (l->retract.count >= RETRACTS_ENOUGH &&
	    l->travel_feed.count >= TRAVELS_ENOUGH) {
		l->stopped = true;
		return -1;
	}
	return 0;
}

/* Where the file describes no bed: the area it visits. */
static void
visited_bed(struct learner *l)
{
	struct slicer_settings *s = l->s;
	struct bed b;

	if (s->bed.set || !l->visited || l->max[0] - l->min[0] < 1 ||
	    l->max[1] - l->min[1] < 1)
		return;
	memset(&b, 0, sizeof b);
	b.x0 = l->min[0];
	b.y0 = l->min[1];
	b.x1 = l->max[0];
	b.y1 = l->max[1];
	if (b.x0 < 0 && b.x1 > 0 && b.y0 < 0 && b.y1 > 0) {
		/* origin in the middle: maybe a delta, whose reach is the
		 * disc of the farthest point visited; shrink the box
		 * towards the origin until its corners are inside */
		double rc = fmax(hypot(fmax(-b.x0, b.x1), fmax(-b.y0, b.y1)),
		    1e-9);

		if (rc > l->rmax) {
			double f = l->rmax / rc;

			b.x0 *= f;
			b.y0 *= f;
			b.x1 *= f;
			b.y1 *= f;
		}
	}
	for (int i = 0; i < 2; i++)
		if (!limit_ok(LIM_BED, i ? b.y0 : b.x0) ||
		    !limit_ok(LIM_BED, i ? b.y1 : b.x1))
			return;
	s->bed = b;
	s->bed.set = true;
	s->bed_at = (struct origin){ SRC_LEARNED, l->visited_line, 0,
	    "the area the moves visit" };
}

static void
conclude(struct learner *l)
{
	struct slicer_settings *s = l->s;
	const struct bin *b;

	if (l->retract.count >= 3 && (b = bin_top(&l->retract)) != NULL)
		learned(&s->retract_mm, b->v, b->line, "retractions",
		    LIM_RETRACT);
	else if (l->retract.count == 0 && l->travel_feed.count >= 20 &&
	    !s->fw_retraction.v && !l->fw_seen)
		learned(&s->retract_mm, 0, l->travel_feed.b[0].line,
		    "travels without retraction", LIM_RETRACT);
	if (l->retract_feed.count >= 3 &&
	    (b = bin_top(&l->retract_feed)) != NULL)
		learned(&s->retract_speed, b->v, b->line, "retractions",
		    LIM_RETRACT_SPEED);
	if (l->prime_feed.count >= 3 && (b = bin_top(&l->prime_feed)) != NULL)
		learned(&s->deretract_speed, b->v, b->line, "primes",
		    LIM_RETRACT_SPEED);
	if (l->travel_feed.count >= 1 &&
	    (b = bin_top(&l->travel_feed)) != NULL)
		learned(&s->travel_speed, b->v, b->line, "travels",
		    LIM_TRAVEL_SPEED);
	if (l->hop.count >= 3 && (b = bin_top(&l->hop)) != NULL)
		learned(&s->zhop_mm, b->v, b->line, "z-hops", LIM_ZHOP);
	if (l->fw_seen)
		learned(&s->fw_retraction, 1, l->fw_line, "G10/G11", LIM_N);
	visited_bed(l);
}

/* The tail: only where the head goes (the end code presents the print
 * at a corner), from the first position a move makes known. */
static int
on_tail_line(void *ctx, struct machine *m, const struct scan_line *sl,
    char *err, size_t errlen)
{
	struct learner *l = ctx;

	(void)err;
	(void)errlen;
	if ((sl->events & EV_MOVE) && m->known[AX_X] && m->known[AX_Y]) {
		double p[2] = { m->pos[AX_X] + m->shift[AX_X],
		    m->pos[AX_Y] + m->shift[AX_Y] };

		note_xy(l, p, l->visited ? l->visited_line : 0);
	}
	return 0;
}

int
learn_head(struct slicer_settings *s, const char *head, size_t len,
    const char *tail, size_t tlen)
{
	struct learner *l;
	struct machine *m;
	struct scan_hooks h = { on_line, NULL, NULL };
	char err[256];

	e_mode(s, head, len);
	l = calloc(1, sizeof *l);
	m = malloc(sizeof *m);
	if (l == NULL || m == NULL) {
		free(l);
		free(m);
		return 0;	/* nothing learned: not an error */
	}
	l->s = s;
	l->min[0] = l->min[1] = INFINITY;
	l->max[0] = l->max[1] = -INFINITY;
	h.ctx = l;
	slicer_machine_init(m, s, NULL);
	scan_mem(head, len, m, &h, err, sizeof err);
	if (tail != NULL) {
		const char *nl = memchr(tail, '\n', tlen);

		if (nl == NULL)		/* a file of CR-only lines */
			nl = memchr(tail, '\r', tlen);
		/* the tail starts mid-line */
		if (nl != NULL) {
			tlen -= (size_t)(nl + 1 - tail);
			tail = nl + 1;
			slicer_machine_init(m, s, NULL);
			h.line = on_tail_line;
			scan_mem(tail, tlen, m, &h, err, sizeof err);
		}
	}
	conclude(l);
	free(l);
	free(m);
	return 0;
}
