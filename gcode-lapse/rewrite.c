/*
 * rewrite.c: the streaming rewriter, the line callback that drives the
 * other modules.
 *
 * scan.c reads, parses and tracks; on_line() hands each line to the copy
 * (copy.c, the one way out) and decides where blocks go: at once, or at
 * the best point the window (window.c) or the end of print tail
 * (finale.c) finds among lines the copy holds for them meanwhile;
 * snapshot.c writes the blocks from the tracker's state at the insertion
 * point, so they cannot disagree with what the firmware will believe.
 *
 * Invariant: the output is the input, byte for byte, with whole blocks
 * inserted between whole lines, and nothing else.
 *
 * Insertion points: a layer change announced by a comment gets its block
 * before that comment (the head at the end of the finished layer) or,
 * deferred, after the retract and lift lines that follow it; one found
 * from the geometry (a first extrusion at a new height) after that line;
 * in smart mode, at the layer's cheapest point.  User commands and timed
 * snapshots go after their line.  The final snapshot goes before the
 * slicer's end G-code, or after the moves that follow the last extrusion.
 * None goes inside an RRF conditional block (conditional.h): one due there
 * is owed, and paid after the line that ends the block.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "protocol.h"
#include "rewrite.h"
#include "gcode/scan.h"
#include "plan/conditional.h"
#include "plan/estimate.h"
#include "plan/finale.h"
#include "plan/snapshot.h"
#include "plan/stabilize.h"
#include "plan/trigger.h"
#include "plan/window.h"
#include "write/copy.h"
#include "write/own.h"

/*
 * What the line callback does once its line is out: a line longer than
 * the reader's piece comes in several, and a block only ever goes between
 * whole lines, so everything that writes after the line, or marks the
 * point after it, waits for the last piece.  The tracker has seen the
 * whole line at its first piece (the later ones are its comment), so the
 * state there is the state after the line.
 */
struct line_end {
	unsigned long line;
	int ev;
	enum trigger_command cmd;
	bool mark;		/* the deferred block's best point so far */
	bool deferred;		/* a block deferred at this line */
	bool layer;		/* a layer change by a move: decided after */
	bool open;		/* smart mode: the window opens after it */
};

/* A snapshot owed until an RRF conditional block has ended. */
enum owed { OWED_NONE, OWED_SNAPSHOT, OWED_FINAL };

struct rewrite {
	const struct profile *p;
	const struct slicer_settings *s;
	struct snapshot_plan pl;
	struct snapshot_seen seen;
	struct rewrite_report *rep;
	const struct rewrite_hooks *hooks;

	struct copy *c;			/* every byte out goes through it */
	struct window win;		/* smart mode, deferred blocks */
	struct finale fin;		/* the end of print tail */
	bool oom;			/* the report's arrays */

	struct trigger trig;
	struct stabilize stab;
	struct estimate est;
	bool timing;
	bool initialized;
	bool finished;			/* the finish block is out */
	struct line_end end;		/* the line being copied */
	struct conditional cond;	/* RRF's: no block inside one */
	enum owed owed;			/* a snapshot for after it */
};

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
	a[r->nskips++] = (struct skip_info){ m->layers.count, line, why };
}

static double
now_s(struct rewrite *rw)
{
	return rw->timing ? estimate_total(&rw->est) : 0;
}

/*
 * Place a snapshot in state m after input line `line`: true, or false
 * when it was skipped (with the reason in the report).
 */
static bool
place(struct rewrite *rw, const struct machine *m, unsigned long line)
{
	struct rewrite_report *r = rw->rep;
	struct snapshot_text t;
	struct snapshot_info info, *si;
	const char *why, *init;

	if (!snapshot_block(&rw->pl, rw->p, &rw->seen, &rw->stab, m,
	    r->nsnaps + 1, &t, &info, &why)) {
		skip(rw, m, line, why);
		return false;
	}
	copy_end_line(rw->c);		/* a last line without one */
	if (!rw->initialized && (init = snapshot_initialize(rw->p)) != NULL)
		copy_ours(rw->c, init, strlen(init));
	rw->initialized = true;
	copy_ours(rw->c, t.b, t.n);

	si = grow(r->snaps, &r->capsnaps, r->nsnaps, sizeof *si);
	if (si == NULL) {
		rw->oom = true;
		return false;
	}
	r->snaps = si;
	info.line = line;
	si[r->nsnaps++] = info;
	r->travel_mm += info.travel_mm;
	r->time_s += info.time_s;
	stabilize_advance(&rw->stab);
	trigger_placed(&rw->trig, m->last_extrude_z, now_s(rw));
	return true;
}

/*
 * A snapshot (final: the print's last, with the finish block after it) in
 * state m after line `line`; inside: that point is within an RRF
 * conditional block, so the snapshot is owed until the block has ended
 * (one for all that come meanwhile; the final one takes the others' place).
 */
static void
snapshot_at(struct rewrite *rw, const struct machine *m, unsigned long line,
    bool inside, enum owed what)
{
	const char *fin;

	if (what == OWED_FINAL)
		finale_done(&rw->fin);
	if (inside) {
		if (rw->owed != OWED_NONE && what != OWED_FINAL) {
			skip(rw, m, line, "inside an RRF conditional block, "
			    "one snapshot after it");
			return;
		}
		rw->owed = what;
		return;
	}
	if (place(rw, m, line) && what == OWED_FINAL &&
	    (fin = snapshot_finish(rw->p)) != NULL) {
		copy_ours(rw->c, fin, strlen(fin));
		rw->finished = true;
	}
}

/* The snapshot owed, if any, in state m after line `line`. */
static void
pay(struct rewrite *rw, const struct machine *m, unsigned long line)
{
	enum owed what = rw->owed;

	rw->owed = OWED_NONE;
	if (what != OWED_NONE)
		snapshot_at(rw, m, line, false, what);
}

/* Smart mode and deferred blocks ----------------------------------------- */

/*
 * Let the held bytes go with the block at the window's best point (never
 * inside an RRF conditional block), or at their end, in state m after
 * line `line` (inside: that point is within one).
 */
static void
flush_window(struct rewrite *rw, const struct machine *m,
    unsigned long line, bool inside)
{
	bool best = window_split(&rw->win, &m, &line);

	snapshot_at(rw, m, line, inside && !best, OWED_SNAPSHOT);
	window_close(&rw->win);
}

/* The end of the print ---------------------------------------------------- */

/*
 * At the end of the file, with the window flushed: the final snapshot at
 * the tail's start when the tail ends the file, else at the end.
 */
static void
end_of_file(struct rewrite *rw, const struct machine *m)
{
	unsigned long line = m->lines;

	if (!finale_wanted(&rw->fin))
		return;
	(void)finale_at_end(&rw->fin, &m, &line);
	snapshot_at(rw, m, line, false, OWED_FINAL);
	finale_release(&rw->fin);
}

/* The line callback ------------------------------------------------------ */

/* Out of memory (the report's or the copy's), or a write error. */
static int
check(const struct rewrite *rw, char *err, size_t errlen)
{
	if (rw->oom)
		return errbuf_set(err, errlen, "out of memory");
	return copy_error(rw->c, err, errlen);
}

/* The layer trigger, for the layer just finished. */
static bool
layer_due(struct rewrite *rw, const struct machine *m, unsigned long line)
{
	int finished = m->layers.count - 1;

	rw->rep->layers = m->layers.count;
	if (finished >= 1 && trigger_layer(&rw->trig, finished,
	    m->last_extrude_z, now_s(rw)))
		return true;
	if (finished >= 1 && trigger_paused(&rw->trig))
		skip(rw, m, line, "snapshots paused");
	return false;
}

/*
 * Before the line is out: what goes before it, and the line's first (or
 * only) piece.  e: what after_line() will do.
 */
static void
before_line(struct rewrite *rw, struct machine *m, const struct scan_line *sl,
    struct line_end *e)
{
	const struct line *ln = sl->line;
	int ev = sl->events;
	bool inside = conditional_inside(&rw->cond);	/* before it */

	*e = (struct line_end){ .line = ln->number, .ev = ev };
	(void)conditional_line(&rw->cond, ln->text, ln->len, ln->number);
	if (sl->gl != NULL && (gcode_is(sl->gl, 'G', 10) ||
	    gcode_is(sl->gl, 'G', 11)) && !gcode_has(sl->gl, 'P') &&
	    !gcode_has(sl->gl, 'L'))
		rw->seen.fw_retraction = true;
	if (rw->seen.e_guessed && ln->number > rw->s->e_fixed_line &&
	    (ev & EV_MOVE) && m->last.kind == MOVE_EXTRUDE)
		rw->seen.e_guessed = false;
	if (!rw->seen.vase && (m->layers.vase_seen || (rw->s->vase.set &&
	    rw->s->vase.v != 0)))
		rw->seen.vase = true;
	if (!rw->seen.sequential && (m->layers.z_went_down ||
	    (rw->s->sequential.set && rw->s->sequential.v != 0)))
		rw->seen.sequential = true;

	if (finale_wanted(&rw->fin) && sl->gl != NULL &&
	    !window_is_open(&rw->win) && trigger_final_due(&rw->trig) &&
	    finale_is_end_gcode(sl->gl)) {
		/* the slicer's end G-code: the final snapshot before it */
		finale_release(&rw->fin);
		snapshot_at(rw, m, ln->number - 1, inside, OWED_FINAL);
	}
	e->cmd = trigger_maybe(&rw->trig, ln->text, ln->len) ?
	    trigger_command(&rw->trig, ln->text, ln->len) : TRIGGER_NONE;
	if (window_is_deferring(&rw->win)) {
		if ((e->cmd == TRIGGER_NONE ||
		    e->cmd == TRIGGER_SNAPSHOT_PAUSED) &&
		    window_defer_waits(&rw->win, m, ev)) {
			copy_line(rw->c, sl);
			e->mark = true;
			return;
		}
		/* this line is the first real work: the block goes before */
		flush_window(rw, m, ln->number - 1, inside);
	}
	if ((ev & EV_LAYER) && (ev & EV_MOVE)) {
		e->layer = true;
	} else if (ev & EV_LAYER) {
		/* a layer comment: the block before it, or deferred */
		if (window_is_open(&rw->win))
			flush_window(rw, m, ln->number - 1, inside);
		if (layer_due(rw, m, ln->number)) {
			if (inside) {
				snapshot_at(rw, m, ln->number - 1, true,
				    OWED_SNAPSHOT);
			} else if (rw->p->smart) {
				e->open = true;
			} else {
				window_defer(&rw->win, m, ln->number - 1);
				e->deferred = e->mark = true;
			}
		}
	}
	copy_line(rw->c, sl);
}

/* Once the whole line is out, in state m. */
static void
after_line(struct rewrite *rw, struct machine *m, const struct line_end *e)
{
	bool after = false, open = e->open;
	bool inside = conditional_inside(&rw->cond);	/* after the line */
	int ev = e->ev;

	if (!inside)
		pay(rw, m, e->line);
	if (e->mark) {
		if (!inside)
			window_mark(&rw->win, m, e->line);
		if (!e->deferred)
			return;
	}
	if (e->layer) {
		/* a layer change by a move: the window's block before */
		if (window_is_open(&rw->win))
			flush_window(rw, m, e->line, inside);
		if (layer_due(rw, m, e->line)) {
			if (rw->p->smart && !inside)
				open = true;
			else
				after = true;
		}
	}
	if (e->cmd == TRIGGER_SNAPSHOT)
		after = true;
	else if (!rw->p->smart && rw->p->trigger == TRIG_TIME &&
	    (ev & EV_MOVE) && m->last.kind == MOVE_TRAVEL &&
	    m->fil == FIL_RETRACTED && trigger_time(&rw->trig, now_s(rw)))
		after = true;
	if (after && !e->deferred)
		snapshot_at(rw, m, e->line, inside, OWED_SNAPSHOT);
	if (open)
		window_open(&rw->win);
	else if ((ev & EV_MOVE) && window_is_open(&rw->win) && !inside)
		window_offer(&rw->win, snapshot_cost(&rw->pl, rw->p,
		    &rw->seen, &rw->stab, m), m, e->line);
	/* the tail starts where a block may go */
	if ((ev & EV_MOVE) && finale_wanted(&rw->fin) && (!inside ||
	    m->last.kind == MOVE_EXTRUDE))
		finale_follow(&rw->fin, m, e->line);
}

/*
 * A line of ours in the input (the processed mark is found before): a
 * dry run, or a rewrite edited since.  Its lines are not the print's, and
 * blocks inside blocks cannot be proven: refused.
 */
static int
not_rewritable(const struct line *ln, char *err, size_t errlen)
{
	if (own_is_dry_run(ln->text, ln->len))
		return errbuf_set(err, errlen, "line %lu: a --test-mode dry "
		    "run (no heating, no extrusion): rewrite the original "
		    "file, not this one", ln->number);
	return errbuf_set(err, errlen, "line %lu: a line gcode-lapse adds, "
	    "but no processed mark at the end: a rewritten file edited "
	    "since? Slice it again", ln->number);
}

static int
on_line(void *ctx, struct machine *m, const struct scan_line *sl, char *err,
    size_t errlen)
{
	struct rewrite *rw = ctx;
	const struct line *ln = sl->line;

	if (!(ln->flags & LINE_CONT) && (own_is_line(ln->text, ln->len) ||
	    own_is_end(ln->text, ln->len)))
		return not_rewritable(ln, err, errlen);

	if (sl->gl != NULL && rw->timing) {
		estimate_line(&rw->est, sl->gl);
		if (sl->events & EV_MOVE)
			estimate_move(&rw->est, &m->last);
	}
	if (!(ln->flags & LINE_CONT))
		before_line(rw, m, sl, &rw->end);
	else
		copy_line(rw->c, sl);
	if (!(ln->flags & LINE_PARTIAL))
		after_line(rw, m, &rw->end);
	return check(rw, err, errlen);
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
    struct machine *m, int fd, char *err, size_t errlen)
{
	struct accels acc = slicer_accels(s);

	memset(rw, 0, sizeof *rw);
	rw->p = p;
	rw->s = s;
	rw->rep = rep;
	rep->smart = p->smart;
	rep->trigger = trigger_name(p);
	if ((rw->c = copy_new(fd, p->test_mode)) == NULL)
		return errbuf_set(err, errlen, "out of memory");
	window_init(&rw->win, rw->c);
	finale_init(&rw->fin, rw->c, p->trigger != TRIG_COMMAND && !p->smart);
	conditional_init(&rw->cond);
	if (snapshot_plan(&rw->pl, p, s, err, errlen) == -1)
		return -1;
	rw->seen.e_guessed = s->e_fixed_line != 0 && rw->pl.filament;
	rep->planned = true;
	rep->plan = rw->pl;
	rep->slicer = s->slicer;
	memcpy(rep->slicer_version, s->version, sizeof rep->slicer_version);
	slicer_machine_init(m, s, p->firmware);
	warnings_init(&rep->warns);
	m->warn = &rep->warns;
	trigger_init(&rw->trig, p);
	stabilize_init(&rw->stab, p->axis, &rw->pl.bed);
	/* the estimate costs a third of the time: only when asked */
	rw->timing = p->trigger == TRIG_TIME;
	estimate_init(&rw->est, acc.xy, acc.z, acc.e);
	return 0;
}

static int
finish(struct rewrite *rw, const struct machine *m, char *err,
    size_t errlen)
{
	const char *fin;
	char mark[160];
	int r;

	/* the end of the file ends every RRF conditional block */
	if (window_is_open(&rw->win))
		flush_window(rw, m, m->lines, false);
	if (rw->owed == OWED_SNAPSHOT && finale_wanted(&rw->fin) &&
	    trigger_final_due(&rw->trig))
		rw->owed = OWED_NONE;	/* the final one takes its place */
	pay(rw, m, m->lines);
	if (!trigger_final_due(&rw->trig))
		finale_done(&rw->fin);
	end_of_file(rw, m);
	finale_release(&rw->fin);
	copy_end_line(rw->c);
	/* smart mode's last layer gets its snapshot at its end; a print of
	 * one layer has none: the final one at the end */
	if (rw->p->smart && rw->rep->nsnaps == 0 &&
	    trigger_final_due(&rw->trig))
		place(rw, m, m->lines);
	if (rw->initialized && !rw->finished &&
	    (fin = snapshot_finish(rw->p)) != NULL)
		copy_ours(rw->c, fin, strlen(fin));
	own_mark(mark, sizeof mark, rw->p->test_mode, rw->rep->nsnaps);
	copy_ours(rw->c, mark, strlen(mark));
	rw->rep->print_s = rw->timing ? estimate_total(&rw->est) : -1;
	r = copy_finish(rw->c, err, errlen);
	rw->rep->bytes_out = copy_written(rw->c);
	if (rw->oom)
		return errbuf_set(err, errlen, "out of memory");
	return r;
}

/* Run over fd (in_fd >= 0) or memory; output to out_fd or memory (-1). */
static int
run(int in_fd, const char *in, size_t len, int out_fd,
    const struct profile *p, const struct slicer_settings *s,
    struct rewrite_report *rep, const struct rewrite_hooks *hooks,
    char **out, size_t *outlen, char *err, size_t errlen)
{
	struct rewrite *rw;
	struct machine *m;
	struct scan_hooks sh = { on_line, on_progress, NULL };
	int r = -1;

	rw = malloc(sizeof *rw);
	m = malloc(sizeof *m);
	if (rw == NULL || m == NULL) {
		free(rw);
		free(m);
		return errbuf_set(err, errlen, "out of memory");
	}
	if (setup(rw, p, s, rep, m, out_fd, err, errlen) == 0) {
		rw->hooks = hooks;
		sh.ctx = rw;
		rep->vase = s->vase.set && s->vase.v != 0;
		if ((in_fd >= 0 ? scan_fd(in_fd, m, &sh, err, errlen) :
		    scan_mem(in, len, m, &sh, err, errlen)) == 0 &&
		    finish(rw, m, err, errlen) == 0) {
			r = 0;
			if (out != NULL)
				*out = copy_take(rw->c, outlen);
		} else {
			/* not the input's fault: a write, a read, memory */
			rep->system_error = rw->oom ||
			    copy_error(rw->c, NULL, 0) == -1 ||
			    strncmp(err, "read error", 10) == 0 ||
			    strcmp(err, "out of memory") == 0;
		}
		rep->vase = rw->seen.vase;
		rep->sequential = rw->seen.sequential;
		rep->layers = m->layers.count;
		rep->warnings = m->warnings;
		rep->lines = m->lines;
	}
	copy_free(rw->c);
	free(rw);
	free(m);
	return r;
}

int
rewrite_fd(int in_fd, int out_fd, const struct profile *p,
    const struct slicer_settings *s, struct rewrite_report *rep,
    const struct rewrite_hooks *hooks, char *err, size_t errlen)
{
	return run(in_fd, NULL, 0, out_fd, p, s, rep, hooks, NULL, NULL, err,
	    errlen);
}

int
rewrite_mem(const char *in, size_t len, const struct profile *p,
    const struct slicer_settings *s, char **out, size_t *outlen,
    struct rewrite_report *rep, char *err, size_t errlen)
{
	*out = NULL;
	*outlen = 0;
	return run(-1, in, len, -1, p, s, rep, NULL, out, outlen, err,
	    errlen);
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
