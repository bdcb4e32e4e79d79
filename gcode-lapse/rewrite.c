/*
 * rewrite.c: the streaming rewriter.
 *
 * scan.c reads, parses and tracks; on_line() copies each line's raw bytes
 * to the output (or, in smart mode, to the layer buffer) and decides
 * where blocks go.  The block itself comes from block.c-like code below,
 * written only from the tracker's state at the insertion point, so it
 * cannot disagree with what the firmware will believe.
 *
 * Insertion points: a layer change announced by a comment gets its block
 * before that comment (the head at the end of the finished layer); one
 * found from the geometry (a first extrusion at a new height) after that
 * line.  User commands and timed snapshots go after their line.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "estimate.h"
#include "rewrite.h"
#include "scan.h"
#include "stabilize.h"
#include "trigger.h"

#define OUT_BUFFER (1024 * 1024)
#define EPS 1e-6
#define DEFAULT_RETRACT_SPEED 35.0	/* mm/s */
#define DEFAULT_LIFT 0.5		/* mm */
#define INCH 25.4

/* The numbers a block needs, resolved from the profile and the file. */
struct plan {
	double retract_mm, retract_feed, deretract_feed;	/* mm, mm/min */
	double lift_mm, travel_feed, z_feed, max_height;
	bool fw_retraction;
	struct bed bed;
	bool park;		/* false: snap in place */
};

struct rewrite {
	const struct profile *p;
	const struct slicer_settings *s;
	struct plan pl;
	struct rewrite_report *rep;
	const struct rewrite_hooks *hooks;

	/* output */
	int fd;				/* -1: memory */
	char *buf;
	size_t len;
	char *mem;
	size_t memlen, memcap;
	int werrno;
	bool last_nl;			/* the last byte copied was '\n' */

	struct trigger trig;
	struct stabilize stab;
	struct estimate est;
	bool timing;
	bool fw_seen;
	bool initialized;
	bool vase, sequential;

	/* smart mode: the layer being held back */
	bool window;
	char *lbuf;
	size_t llen, lcap;
	bool have_best;
	size_t best_off;
	double best_cost;
	unsigned long best_line;
	struct machine best_m;
	int window_layer;
	bool defer;		/* a short window: past the layer change */
	int deferred;		/* lines held so far */
	bool oom;
};

__attribute__((format(printf, 3, 4)))
static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Output ------------------------------------------------------------------ */

static void
flush_out(struct rewrite *rw)
{
	size_t off = 0;

	if (rw->len == 0)
		return;
	if (rw->fd < 0) {
		if (rw->memlen + rw->len > rw->memcap) {
			size_t cap = rw->memcap ? rw->memcap : OUT_BUFFER;
			char *n;

			while (cap < rw->memlen + rw->len)
				cap *= 2;
			if ((n = realloc(rw->mem, cap)) == NULL) {
				rw->oom = true;
				rw->len = 0;
				return;
			}
			rw->mem = n;
			rw->memcap = cap;
		}
		memcpy(rw->mem + rw->memlen, rw->buf, rw->len);
		rw->memlen += rw->len;
		rw->rep->bytes_out += rw->len;
		rw->len = 0;
		return;
	}
	while (off < rw->len && rw->werrno == 0) {
		ssize_t n = write(rw->fd, rw->buf + off, rw->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			rw->werrno = n < 0 ? errno : EIO;
		else
			off += (size_t)n;
	}
	rw->rep->bytes_out += off;
	rw->len = 0;
}

static void
out_bytes(struct rewrite *rw, const char *s, size_t n)
{
	if (n == 0)
		return;
	rw->last_nl = s[n - 1] == '\n';
	if (rw->window) {
		if (rw->llen + n > rw->lcap) {
			size_t cap = rw->lcap ? rw->lcap : 64 * 1024;
			char *b;

			while (cap < rw->llen + n)
				cap *= 2;
			if ((b = realloc(rw->lbuf, cap)) == NULL) {
				rw->oom = true;
				return;
			}
			rw->lbuf = b;
			rw->lcap = cap;
		}
		memcpy(rw->lbuf + rw->llen, s, n);
		rw->llen += n;
		return;
	}
	while (n > 0) {
		size_t k = OUT_BUFFER - rw->len < n ? OUT_BUFFER - rw->len : n;

		memcpy(rw->buf + rw->len, s, k);
		rw->len += k;
		s += k;
		n -= k;
		if (rw->len == OUT_BUFFER)
			flush_out(rw);
	}
}

/* Write straight to the output, around the layer buffer. */
static void
out_direct(struct rewrite *rw, const char *s, size_t n)
{
	bool w = rw->window;

	rw->window = false;
	out_bytes(rw, s, n);
	rw->window = w;
}

/* A number as G-code wants it: no exponent, no trailing zeros, no "-0". */
static void
fmt_num(char *b, size_t size, double v)
{
	char *p;

	if (fabs(v) < 5e-7)
		v = 0;
	snprintf(b, size, "%.6f", v);
	if ((p = strchr(b, '.')) != NULL) {
		char *e = b + strlen(b) - 1;

		while (e > p && *e == '0')
			*e-- = '\0';
		if (e == p)
			*e = '\0';
	}
	if (strcmp(b, "-0") == 0)
		snprintf(b, size, "0");
}

/* Block text, built in a fixed buffer. */
struct text {
	char b[2048];
	size_t n;
};

__attribute__((format(printf, 2, 3)))
static void
tx(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(t->b + t->n, sizeof t->b - t->n, fmt, ap);
	va_end(ap);
	if (r > 0)
		t->n = t->n + (size_t)r < sizeof t->b ? t->n + (size_t)r :
		    sizeof t->b - 1;
}

/* Settings -------------------------------------------------------------- */

static double
pick(double flag, const struct setting *s, double dflt)
{
	if (!isnan(flag))
		return flag;
	if (s->set && s->v > 0)
		return s->v;
	return dflt;
}

static int
resolve(struct rewrite *rw, char *err, size_t errlen)
{
	const struct profile *p = rw->p;
	const struct slicer_settings *s = rw->s;
	struct plan *pl = &rw->pl;
	double rs;

	memset(pl, 0, sizeof *pl);
	pl->park = !p->snap;
	pl->retract_mm = !isnan(p->retract_mm) ? p->retract_mm :
	    s->retract_mm.set ? s->retract_mm.v : NAN;
	if (isnan(pl->retract_mm) && !p->test_mode)
		return fail(err, errlen, "the file does not say how far to "
		    "retract: pass --retract MM (0 for none)");
	rs = pick(p->retract_speed, &s->retract_speed, DEFAULT_RETRACT_SPEED);
	pl->retract_feed = rs * 60;
	pl->deretract_feed = pick(p->deretract_speed, &s->deretract_speed,
	    rs) * 60;
	pl->fw_retraction = s->fw_retraction.set && s->fw_retraction.v != 0;
	pl->lift_mm = !isnan(p->lift_mm) ? p->lift_mm :
	    s->zhop_mm.set && s->zhop_mm.v > DEFAULT_LIFT ? s->zhop_mm.v :
	    DEFAULT_LIFT;
	pl->z_feed = p->z_speed * 60;
	pl->max_height = pick(p->max_height, &s->max_height, INFINITY);
	pl->bed = p->bed.set ? p->bed : s->bed;
	if (pl->park) {
		double tv = pick(p->travel_speed, &s->travel_speed, NAN);

		if (isnan(tv))
			return fail(err, errlen, "the file does not give a "
			    "travel speed: pass --travel-speed MM/S");
		pl->travel_feed = tv * 60;
		if (!pl->bed.set && !(p->axis[0].mode == AXIS_DISABLED &&
		    p->axis[1].mode == AXIS_DISABLED))
			return fail(err, errlen, "the file does not describe "
			    "the bed: pass --bed X0,Y0,X1,Y1 (or "
			    "--bed circle:CX,CY,R)");
		for (int i = 0; i < 2; i++)
			if (p->axis[i].mode == AXIS_PERCENT && !pl->bed.set)
				return fail(err, errlen, "a percentage needs "
				    "the bed: pass --bed");
	}
	return 0;
}

/* Report ---------------------------------------------------------------- */

static void *
grow(void *arr, size_t *cap, size_t n, size_t size)
{
	void *a;
	size_t c;

	if (n < *cap)
		return arr;
	c = *cap ? *cap * 2 : 64;
	if ((a = realloc(arr, c * size)) == NULL)
		return NULL;
	*cap = c;
	return a;
}

static void
skip(struct rewrite *rw, const struct machine *m, unsigned long line,
    const char *why)
{
	struct rewrite_report *r = rw->rep;
	struct skip_info *a = grow(r->skips, &r->capskips, r->nskips,
	    sizeof *a);

	if (a == NULL) {
		rw->oom = true;
		return;
	}
	r->skips = a;
	a[r->nskips++] = (struct skip_info){ m->layer, line, why };
}

/* The block ------------------------------------------------------------- */

static double
now_s(const struct rewrite *rw)
{
	return rw->timing ? estimate_total(&rw->est) : 0;
}

static const char *
capture_line(const struct profile *p)
{
	switch (p->marker) {
	case MARK_DUET:
		return "M291 P\"gLapseCapture\" S2";
	case MARK_KLIPPER:
		return "TIMELAPSE_TAKE_FRAME";
	case MARK_MARLIN:
		return "M240";
	case MARK_OCTOPRINT:
		return "@gLapseCapture";
	case MARK_CUSTOM:
		return p->marker_line;
	}
	return "M400";
}

const char *
rewrite_marker(const struct profile *p)
{
	return capture_line(p);
}

/* "G1 X.. Y.." to logical target t, or by d in relative mode. */
static void
move_xy(struct text *t, const struct machine *m, const double to[2],
    bool neg, const char *dx, const char *dy, double feed, double u)
{
	char a[32], b[32], f[32];

	fmt_num(f, sizeof f, feed / u);
	if (m->abs_xyz) {
		fmt_num(a, sizeof a, to[0] / u);
		fmt_num(b, sizeof b, to[1] / u);
		tx(t, "G1 X%s Y%s F%s\n", a, b, f);
	} else {
		tx(t, "G1 X%s%s Y%s%s F%s\n", neg && *dx != '-' ? "-" : "",
		    neg && *dx == '-' ? dx + 1 : dx,
		    neg && *dy != '-' ? "-" : "", neg && *dy == '-' ? dy + 1 : dy,
		    f);
	}
}

/* Same for one axis letter l (Z or E). */
static void
move_1(struct text *t, char l, bool abs, double to, bool neg,
    const char *d, double feed, double u)
{
	char a[32], f[32];

	fmt_num(f, sizeof f, feed / u);
	if (abs) {
		fmt_num(a, sizeof a, to / u);
		tx(t, "G1 %c%s F%s\n", l, a, f);
	} else {
		tx(t, "G1 %c%s%s F%s\n", l, neg && *d != '-' ? "-" : "",
		    neg && *d == '-' ? d + 1 : d, f);
	}
}

static bool
area_ok(const struct profile *p, double x, double y)
{
	bool ok = p->nallow == 0;

	for (int i = 0; i < p->nallow && !ok; i++)
		ok = stabilize_in_area(&p->allow[i], x, y);
	for (int i = 0; i < p->nforbid && ok; i++)
		ok = !stabilize_in_area(&p->forbid[i], x, y);
	return ok;
}

/*
 * Write the snapshot block for state m.  Returns 1 placed, 0 skipped
 * (with the reason in the report).
 */
static int
place(struct rewrite *rw, const struct machine *m, unsigned long line,
    bool direct)
{
	const struct plan *pl = &rw->pl;
	const struct profile *p = rw->p;
	struct text t;
	double u = m->inches ? INCH : 1, here[2], park[2], to[2], z, ztarget;
	double missing_r = 0, fwl = 0, have_lift, travel = 0, secs = 0;
	double shift_z = m->shift[AX_Z];
	bool use_g10 = false, park_on, lift_on;
	char dx[32] = "", dy[32] = "", dz[32] = "", de[32] = "";
	struct rewrite_report *r = rw->rep;
	struct snapshot_info *si;

	if (!m->known[AX_X] || !m->known[AX_Y] || !m->known[AX_Z])
		return skip(rw, m, line, "head position unknown (after "
		    "homing or probing)"), 0;
	if (!m->extruded)
		return skip(rw, m, line, "nothing printed yet"), 0;
	if (m->feed <= 0)
		return skip(rw, m, line, "no feed rate set yet"), 0;
	if (rw->vase && p->vase == VASE_SKIP)
		return skip(rw, m, line, "vase mode (--vase skip)"), 0;
	if (rw->sequential && p->sequential == SEQ_SKIP)
		return skip(rw, m, line, "sequential printing "
		    "(--sequential skip)"), 0;
	here[0] = m->pos[AX_X] + m->shift[AX_X];
	here[1] = m->pos[AX_Y] + m->shift[AX_Y];
	if (!area_ok(p, here[0], here[1]))
		return skip(rw, m, line, "head outside the allowed areas"), 0;

	/* retraction: only what is missing */
	if (pl->fw_retraction || rw->fw_seen) {
		use_g10 = !m->fw_retracted && machine_retracted(m) < EPS;
		if (use_g10)
			fwl = m->fw_lift_mm;
	} else if (pl->retract_mm - machine_retracted(m) > EPS) {
		missing_r = pl->retract_mm - machine_retracted(m);
	}
	if (missing_r > 0 && m->e_ambiguous && !m->cfg.e_coupling_known)
		return skip(rw, m, line, "E mode differs between firmwares "
		    "after G90/G91: pass --firmware"), 0;

	/* lift: only what is missing, below max height */
	park_on = pl->park && !(rw->vase && p->vase == VASE_SNAP);
	z = m->pos[AX_Z];
	have_lift = machine_lift(m) + fwl;
	ztarget = z;
	if (park_on) {
		double limit = pl->max_height - shift_z -
		    (m->fw_retracted ? m->fw_lift_mm : fwl);

		if (pl->lift_mm - have_lift > EPS)
			ztarget = z + pl->lift_mm - have_lift;
		if (rw->sequential && m->max[2] + pl->lift_mm > ztarget)
			ztarget = m->max[2] + pl->lift_mm;
		if (rw->sequential && ztarget > limit + EPS)
			return skip(rw, m, line, "cannot clear the finished "
			    "objects below the maximum height"), 0;
		if (ztarget > limit)
			ztarget = limit;
		if (ztarget < z)
			ztarget = z;
	}
	lift_on = ztarget - z > EPS;

	/* park point, bed coordinates -> logical */
	stabilize_point(&rw->stab, here, park);
	to[0] = park[0] - m->shift[AX_X];
	to[1] = park[1] - m->shift[AX_Y];
	if (park_on && hypot(to[0] - m->pos[AX_X], to[1] - m->pos[AX_Y]) < EPS)
		park_on = false;
	if (park_on && pl->bed.set && !stabilize_on_bed(&pl->bed, park[0],
	    park[1], 1e-3))
		return skip(rw, m, line, "park point off the bed"), 0;

	if (!rw->initialized && p->marker == MARK_DUET) {
		const char init[] = REWRITE_BEGIN " initialize\nM400\n"
		    "M291 P\"gLapseInitialize\" S2\n" REWRITE_END "\n";

		if (direct)
			out_direct(rw, init, sizeof init - 1);
		else
			out_bytes(rw, init, sizeof init - 1);
	}
	rw->initialized = true;

	memset(&t, 0, sizeof t);
	tx(&t, REWRITE_BEGIN " snapshot %zu (layer %d)\n", r->nsnaps + 1,
	    m->layer);
	if (use_g10) {
		tx(&t, "G10\n");
		secs += m->fw_retract_mm / (m->fw_retract_feed / 60);
	} else if (missing_r > 0) {
		fmt_num(de, sizeof de, -missing_r / u);
		move_1(&t, 'E', m->abs_e, m->pos[AX_E] - missing_r, false, de,
		    pl->retract_feed, u);
		secs += missing_r / (pl->retract_feed / 60);
	}
	if (lift_on) {
		fmt_num(dz, sizeof dz, (ztarget - z) / u);
		move_1(&t, 'Z', m->abs_xyz, ztarget, false, dz, pl->z_feed, u);
		travel += ztarget - z;
		secs += estimate_isolated(ztarget - z, pl->z_feed, 0);
	}
	if (park_on) {
		double d = hypot(to[0] - m->pos[AX_X], to[1] - m->pos[AX_Y]);

		fmt_num(dx, sizeof dx, (to[0] - m->pos[AX_X]) / u);
		fmt_num(dy, sizeof dy, (to[1] - m->pos[AX_Y]) / u);
		move_xy(&t, m, to, false, dx, dy, pl->travel_feed, u);
		travel += d;
		secs += estimate_isolated(d, pl->travel_feed, 0);
	}
	tx(&t, "M400\n%s\n", capture_line(p));
	if (p->dwell_ms > 0) {
		char w[32];

		fmt_num(w, sizeof w, p->dwell_ms);
		tx(&t, "G4 P%s\n", w);
		secs += p->dwell_ms / 1000;
	}
	if (park_on) {
		double d = hypot(to[0] - m->pos[AX_X], to[1] - m->pos[AX_Y]);

		move_xy(&t, m, m->pos, true, dx, dy, pl->travel_feed, u);
		travel += d;
		secs += estimate_isolated(d, pl->travel_feed, 0);
	}
	if (lift_on) {
		move_1(&t, 'Z', m->abs_xyz, z, true, dz, pl->z_feed, u);
		travel += ztarget - z;
		secs += estimate_isolated(ztarget - z, pl->z_feed, 0);
	}
	if (use_g10) {
		tx(&t, "G11\n");
		secs += m->fw_retract_mm / (m->fw_deretract_feed / 60);
	} else if (missing_r > 0) {
		move_1(&t, 'E', m->abs_e, m->pos[AX_E], true, de,
		    pl->deretract_feed, u);
		secs += missing_r / (pl->deretract_feed / 60);
	}
	{
		char f[32];

		fmt_num(f, sizeof f, m->feed / u);
		tx(&t, "G1 F%s\n" REWRITE_END "\n", f);
	}
	if (direct)
		out_direct(rw, t.b, t.n);
	else
		out_bytes(rw, t.b, t.n);

	si = grow(r->snaps, &r->capsnaps, r->nsnaps, sizeof *si);
	if (si == NULL) {
		rw->oom = true;
		return 0;
	}
	r->snaps = si;
	si[r->nsnaps++] = (struct snapshot_info){ m->layer, line, here[0],
	    here[1], z + shift_z, travel, secs };
	r->travel_mm += travel;
	r->time_s += secs;
	stabilize_advance(&rw->stab);
	trigger_placed(&rw->trig, m->layer, m->last_extrude_z, now_s(rw));
	return 1;
}

/* Smart mode ------------------------------------------------------------- */

/* Cost in seconds of a snapshot placed in state m, or -1: not here. */
static double
cost_here(const struct rewrite *rw, const struct machine *m)
{
	const struct plan *pl = &rw->pl;
	double c = 0, here[2], park[2];
	double r = machine_retracted(m);

	if (!m->known[AX_X] || !m->known[AX_Y] || !m->known[AX_Z])
		return -1;
	if (m->last.kind != MOVE_TRAVEL || m->fil != FIL_RETRACTED)
		return -1;
	here[0] = m->pos[AX_X] + m->shift[AX_X];
	here[1] = m->pos[AX_Y] + m->shift[AX_Y];
	if (!area_ok(rw->p, here[0], here[1]))
		return -1;
	if (!(pl->fw_retraction || rw->fw_seen) && pl->retract_mm > r)
		c += (pl->retract_mm - r) / (pl->retract_feed / 60) * 2;
	if (pl->lift_mm > machine_lift(m))
		c += (pl->lift_mm - machine_lift(m)) / (pl->z_feed / 60) * 2;
	if (m->feature == FEAT_OUTER_WALL)
		c += 5;		/* the seam would show */
	stabilize_point(&rw->stab, here, park);
	c += 2 * hypot(park[0] - here[0], park[1] - here[1]) /
	    (pl->travel_feed > 0 ? pl->travel_feed / 60 : 100);
	return c;
}

static void
window_open(struct rewrite *rw, int layer)
{
	rw->window = true;
	rw->defer = false;
	rw->llen = 0;
	rw->have_best = false;
	rw->window_layer = layer;
}

/*
 * Hold the lines that follow a layer change comment while they only
 * retract, lift or comment: the block goes after them, where the slicer
 * has already retracted and lifted, instead of doubling that work.
 */
static void
defer_open(struct rewrite *rw, const struct machine *m, unsigned long line)
{
	window_open(rw, m->layer);
	rw->defer = true;
	rw->deferred = 0;
	rw->have_best = true;
	rw->best_off = 0;
	rw->best_line = line;
	rw->best_m = *m;
}

/* Does this line keep a deferred block waiting? */
static bool
defer_keeps(const struct machine *m, int ev)
{
	const struct machine_move *mv = &m->last;

	if (ev & EV_LAYER)
		return false;
	if (!(ev & EV_MOVE))
		return true;
	if (mv->kind == MOVE_RETRACT && mv->length < EPS)
		return true;
	if (mv->kind == MOVE_FW_RETRACT)
		return true;
	return mv->kind == MOVE_TRAVEL && mv->known &&
	    fabs(mv->to[AX_X] - mv->from[AX_X]) < EPS &&
	    fabs(mv->to[AX_Y] - mv->from[AX_Y]) < EPS &&
	    mv->to[AX_Z] > mv->from[AX_Z];
}

/* Flush the held layer with its block at the best point (or at its end,
 * in state m). */
static void
window_close(struct rewrite *rw, const struct machine *m,
    unsigned long line)
{
	rw->window = false;
	rw->defer = false;
	if (rw->have_best) {
		out_bytes(rw, rw->lbuf, rw->best_off);
		place(rw, &rw->best_m, rw->best_line, false);
		out_bytes(rw, rw->lbuf + rw->best_off, rw->llen - rw->best_off);
	} else {
		out_bytes(rw, rw->lbuf, rw->llen);
		place(rw, m, line, false);
	}
	rw->llen = 0;
}

static void
window_consider(struct rewrite *rw, const struct machine *m,
    unsigned long line)
{
	double c = cost_here(rw, m);

	if (c < 0 || (rw->have_best && c >= rw->best_cost))
		return;
	rw->have_best = true;
	rw->best_cost = c;
	rw->best_off = rw->llen;
	rw->best_line = line;
	rw->best_m = *m;
}

/* The line callback ------------------------------------------------------ */

static int
on_line(void *ctx, struct machine *m, const struct scan_line *sl, char *err,
    size_t errlen)
{
	struct rewrite *rw = ctx;
	const struct line *ln = sl->line;
	int ev = sl->events;
	bool before = false, after = false, open = false, defer = false;
	enum trigger_command cmd;

	if (sl->gl != NULL && rw->timing) {
		estimate_line(&rw->est, sl->gl);
		if (ev & EV_MOVE)
			estimate_move(&rw->est, &m->last);
	}
	if (ln->flags & LINE_CONT) {
		out_bytes(rw, ln->raw, ln->raw_len);
		return 0;
	}
	if (sl->gl != NULL && (gcode_is(sl->gl, 'G', 10) ||
	    gcode_is(sl->gl, 'G', 11)) && !gcode_has(sl->gl, 'P') &&
	    !gcode_has(sl->gl, 'L'))
		rw->fw_seen = true;
	if (!rw->vase && (m->vase_seen || (rw->s->vase.set &&
	    rw->s->vase.v != 0)))
		rw->vase = true;
	if (!rw->sequential && (m->z_went_down || (rw->s->sequential.set &&
	    rw->s->sequential.v != 0)))
		rw->sequential = true;

	cmd = trigger_command(&rw->trig, ln->text, ln->len);
	if (rw->defer) {
		if (defer_keeps(m, ev) && cmd == TRIGGER_NONE &&
		    rw->deferred++ < 64) {
			out_bytes(rw, ln->raw, ln->raw_len);
			rw->have_best = true;
			rw->best_off = rw->llen;
			rw->best_line = ln->number;
			rw->best_m = *m;
			return rw->oom ? fail(err, errlen, "out of memory") : 0;
		}
		/* this line is the first real work: the block goes before */
		window_close(rw, m, ln->number - 1);
	}
	if (ev & EV_LAYER) {
		bool comment = !(ev & EV_MOVE);
		int finished = m->layer - 1;
		double z = m->last_extrude_z;

		rw->rep->layers = m->layer;
		if (rw->window) {
			if (comment) {
				window_close(rw, m, ln->number - 1);
			} else {
				out_bytes(rw, ln->raw, ln->raw_len);
				window_close(rw, m, ln->number);
				ln = NULL;
			}
		}
		if (finished >= 1 && trigger_layer(&rw->trig, finished, z,
		    now_s(rw))) {
			if (rw->p->smart)
				open = true;
			else if (comment)
				defer = true;
			else
				after = true;
		} else if (finished >= 1 && !rw->trig.paused &&
		    rw->p->trigger == TRIG_LAYER) {
			/* not due: every N layers */
		} else if (finished >= 1 && rw->trig.paused) {
			skip(rw, m, comment ? ln->number : ln->number,
			    "snapshots paused");
		}
	}
	if (cmd == TRIGGER_SNAPSHOT)
		after = true;
	else if (!rw->p->smart && rw->p->trigger == TRIG_TIME &&
	    (ev & EV_MOVE) && m->last.kind == MOVE_TRAVEL &&
	    m->fil == FIL_RETRACTED && trigger_time(&rw->trig, now_s(rw)))
		after = true;

	if (before)
		place(rw, m, ln->number - 1, false);
	if (defer) {
		defer_open(rw, m, ln->number - 1);
		out_bytes(rw, ln->raw, ln->raw_len);
		rw->best_off = rw->llen;
		rw->best_line = ln->number;
		ln = NULL;
		after = false;
	}
	if (ln != NULL)
		out_bytes(rw, ln->raw, ln->raw_len);
	if (after)
		place(rw, m, sl->line->number, false);
	if (open)
		window_open(rw, m->layer);
	else if (rw->window && (ev & EV_MOVE))
		window_consider(rw, m, sl->line->number);
	if (rw->oom)
		return fail(err, errlen, "out of memory");
	if (rw->werrno)
		return fail(err, errlen, "write error: %s",
		    strerror(rw->werrno));
	return 0;
}

static void
on_warn(void *ctx, const char *msg)
{
	struct rewrite *rw = ctx;

	rw->rep->warnings++;
	if (rw->hooks != NULL && rw->hooks->warn != NULL)
		rw->hooks->warn(rw->hooks->ctx, msg);
}

static void
on_progress(void *ctx, unsigned long long bytes)
{
	struct rewrite *rw = ctx;

	if (rw->hooks != NULL && rw->hooks->progress != NULL)
		rw->hooks->progress(rw->hooks->ctx, bytes);
}

/* Setup and the end of the file ------------------------------------------ */

static const char *
trigger_name(const struct profile *p)
{
	switch (p->trigger) {
	case TRIG_LAYER:
		return p->every_layers == 1 ? "every layer" : "every N layers";
	case TRIG_HEIGHT:
		return "every N mm";
	case TRIG_TIME:
		return "every N seconds";
	case TRIG_COMMAND:
		return "command";
	}
	return "?";
}

static int
setup(struct rewrite *rw, const struct profile *p,
    const struct slicer_settings *s, struct rewrite_report *rep,
    struct machine *m, char *err, size_t errlen)
{
	struct machine_config cfg;
	struct slicer_settings eff = *s;

	memset(rw, 0, sizeof *rw);
	rw->p = p;
	rw->s = s;
	rw->rep = rep;
	rep->smart = p->smart;
	rep->trigger = trigger_name(p);
	if (resolve(rw, err, errlen) < 0)
		return -1;
	if (p->firmware[0] != '\0')
		eff.flavor = slicer_flavor_from(p->firmware,
		    strlen(p->firmware));
	machine_config_default(&cfg);
	slicer_machine_config(&eff, &cfg);
	machine_init(m, &cfg);
	trigger_init(&rw->trig, p);
	stabilize_init(&rw->stab, p->axis, &rw->pl.bed);
	/* the estimate costs a third of the time: only when asked */
	rw->timing = p->trigger == TRIG_TIME;
	{
		struct accels acc = slicer_accels(s);

		estimate_init(&rw->est, acc.xy, acc.z, acc.e);
	}
	rw->last_nl = true;
	if ((rw->buf = malloc(OUT_BUFFER)) == NULL)
		return fail(err, errlen, "out of memory");
	return 0;
}

static int
finish(struct rewrite *rw, const struct machine *m, char *err,
    size_t errlen)
{
	char mark[160];

	if (rw->window)
		window_close(rw, m, m->lines);
	if (!rw->last_nl)
		out_bytes(rw, "\n", 1);
	if (rw->initialized && rw->p->marker == MARK_DUET) {
		const char fin[] = REWRITE_BEGIN " finish\nM400\n"
		    "M291 P\"gLapseFinish\" S2\n" REWRITE_END "\n";

		out_bytes(rw, fin, sizeof fin - 1);
	}
	snprintf(mark, sizeof mark, SLICER_PROCESSED_MARK " (%zu snapshots)\n",
	    rw->rep->nsnaps);
	out_bytes(rw, mark, strlen(mark));
	rw->rep->print_s = rw->timing ? estimate_total(&rw->est) : -1;
	flush_out(rw);
	if (rw->oom)
		return fail(err, errlen, "out of memory");
	if (rw->werrno)
		return fail(err, errlen, "write error: %s",
		    strerror(rw->werrno));
	return 0;
}

static void
teardown(struct rewrite *rw)
{
	free(rw->buf);
	free(rw->lbuf);
}

int
rewrite_fd(int in_fd, int out_fd, const struct profile *p,
    const struct slicer_settings *s, struct rewrite_report *rep,
    const struct rewrite_hooks *hooks, char *err, size_t errlen)
{
	struct rewrite *rw;
	struct machine *m;
	struct scan_hooks sh = { on_line, on_warn, on_progress, NULL };
	int r = -1;

	rw = malloc(sizeof *rw);
	m = malloc(sizeof *m);
	if (rw == NULL || m == NULL) {
		free(rw);
		free(m);
		return fail(err, errlen, "out of memory");
	}
	if (setup(rw, p, s, rep, m, err, errlen) == 0) {
		rw->fd = out_fd;
		rw->hooks = hooks;
		sh.ctx = rw;
		rep->vase = s->vase.set && s->vase.v != 0;
		if (scan_fd(in_fd, m, &sh, err, errlen) == 0 &&
		    finish(rw, m, err, errlen) == 0)
			r = 0;
		rep->vase = rw->vase;
		rep->sequential = rw->sequential;
		rep->layers = m->layer;
	}
	teardown(rw);
	free(rw);
	free(m);
	return r;
}

int
rewrite_mem(const char *in, size_t len, const struct profile *p,
    const struct slicer_settings *s, char **out, size_t *outlen,
    struct rewrite_report *rep, char *err, size_t errlen)
{
	struct rewrite *rw;
	struct machine *m;
	struct scan_hooks sh = { on_line, on_warn, NULL, NULL };
	int r = -1;

	*out = NULL;
	*outlen = 0;
	rw = malloc(sizeof *rw);
	m = malloc(sizeof *m);
	if (rw == NULL || m == NULL) {
		free(rw);
		free(m);
		return fail(err, errlen, "out of memory");
	}
	if (setup(rw, p, s, rep, m, err, errlen) == 0) {
		rw->fd = -1;
		sh.ctx = rw;
		if (scan_mem(in, len, m, &sh, err, errlen) == 0 &&
		    finish(rw, m, err, errlen) == 0) {
			r = 0;
			*out = rw->mem;
			*outlen = rw->memlen;
			rw->mem = NULL;
		}
		rep->vase = rw->vase;
		rep->sequential = rw->sequential;
		rep->layers = m->layer;
	}
	free(rw->mem);
	teardown(rw);
	free(rw);
	free(m);
	return r;
}

bool
rewrite_is_ours(const char *text, size_t len)
{
	return (len >= sizeof REWRITE_BEGIN - 1 && memcmp(text, REWRITE_BEGIN,
	    sizeof REWRITE_BEGIN - 1) == 0) ||
	    (len >= sizeof SLICER_PROCESSED_MARK - 1 && memcmp(text,
	    SLICER_PROCESSED_MARK, sizeof SLICER_PROCESSED_MARK - 1) == 0);
}

void
rewrite_report_init(struct rewrite_report *r, const char *file)
{
	memset(r, 0, sizeof *r);
	r->file = file;
}

void
rewrite_report_free(struct rewrite_report *r)
{
	free(r->snaps);
	free(r->skips);
	r->snaps = NULL;
	r->skips = NULL;
}

/* Files ----------------------------------------------------------------- */

static int
copy_fd(int in, int out)
{
	char b[65536];
	ssize_t n;

	while ((n = read(in, b, sizeof b)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, b + off, (size_t)(n - off));

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return -1;
			off += w;
		}
	}
	return 0;
}

int
rewrite_path(const char *in, const char *out, const struct profile *p,
    struct rewrite_report *rep, const struct rewrite_hooks *hooks,
    char *err, size_t errlen)
{
	const char *target = out != NULL ? out : in;
	struct slicer_settings s;
	struct stat st;
	char tmp[4096], dir[4096], base[4096];
	int fd, tfd, r = -1;

	if ((fd = open(in, O_RDONLY)) == -1)
		return fail(err, errlen, "%s: %s", in, strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(err, errlen, "%s: not a regular file", in);
	}
	rep->bytes_in = (unsigned long long)st.st_size;
	slicer_init(&s);
	if (st.st_size == 0 || slicer_scan(&s, fd) < 0) {
		close(fd);
		return fail(err, errlen, "%s: %s", in, st.st_size == 0 ?
		    "empty file: no G-code in it" : strerror(errno));
	}
	if (s.already_processed) {
		rep->already_processed = true;
		if (out == NULL) {
			close(fd);
			return 0;
		}
	}
	if (strlen(target) >= sizeof dir) {
		close(fd);
		return fail(err, errlen, "%s: name too long", target);
	}
	snprintf(dir, sizeof dir, "%s", target);
	snprintf(base, sizeof base, "%s", target);
	if (snprintf(tmp, sizeof tmp, "%s/.%s.gl-XXXXXX", dirname(dir),
	    basename(base)) >= (int)sizeof tmp) {
		close(fd);
		return fail(err, errlen, "%s: name too long", target);
	}
	if ((tfd = mkstemp(tmp)) == -1) {
		close(fd);
		return fail(err, errlen, "cannot create a temporary file "
		    "beside %s: %s", target, strerror(errno));
	}
	if (s.already_processed) {
		if (copy_fd(fd, tfd) == 0)
			r = 0;
		else
			fail(err, errlen, "%s: %s", target, strerror(errno));
	} else {
		r = rewrite_fd(fd, tfd, p, &s, rep, hooks, err, errlen);
	}
	if (r == 0 && fchmod(tfd, st.st_mode & 07777) == -1)
		r = fail(err, errlen, "%s: chmod: %s", tmp, strerror(errno));
	if (r == 0 && fsync(tfd) == -1)
		r = fail(err, errlen, "%s: fsync: %s", tmp, strerror(errno));
	if (close(tfd) == -1 && r == 0)
		r = fail(err, errlen, "%s: %s", tmp, strerror(errno));
	if (r == 0 && rename(tmp, target) == -1)
		r = fail(err, errlen, "cannot replace %s: %s", target,
		    strerror(errno));
	if (r != 0) {
		unlink(tmp);
	} else {
		int dfd;

		snprintf(dir, sizeof dir, "%s", target);
		if ((dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY)) != -1) {
			(void)fsync(dfd);
			close(dfd);
		}
	}
	close(fd);
	return r;
}
