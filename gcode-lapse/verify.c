/*
 * verify.c: two trackers in lock step.
 *
 * The original drives: for each of its lines, the rewritten side first
 * consumes any block of ours (checking it), then must show the same line.
 * Both trackers are fed the line and their moves compared.  Nothing is
 * kept but the two trackers, so any size of file verifies in constant
 * memory.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
#include "protocol.h"
#include "rewrite.h"
#include "verify.h"
#include "gcode/gcode.h"
#include "gcode/linereader.h"
#include "gcode/machine.h"
#include "plan/conditional.h"
#include "plan/marker.h"
#include "plan/snapshot.h"
#include "plan/stabilize.h"
#include "settings/slicer.h"
#include "write/dryrun.h"
#include "write/own.h"

#define TOL 1e-4	/* mm: numbers printed with 6 decimals, floats */

struct side {
	struct linereader *lr;
	struct machine m;
	struct line ln;
	int ev;
};

struct verifier {
	struct side o, r;
	bool dry_run;		/* --test-mode: the original's dry run */
	char dry[LINEREADER_CHUNK + sizeof DRYRUN_PREFIX + 2];
	struct verify_result *res;
	const struct profile *p;
	struct bed bed;
	const char *marker;
	bool retracts;		/* the blocks retract (not --retract 0) */
	struct conditional cond;	/* the rewritten file's RRF blocks */
	unsigned long cond_block;	/* a block of ours inside one, or 0 */
	int eol;		/* the original's first line's ending */
};

enum { EOL_NONE, EOL_LF, EOL_CRLF, EOL_CR, EOL_PIECE };

static const char *const eol_name[] = { "no line end", "LF", "CRLF", "CR",
    "" };

/* How the line (or a long line's last piece) ends. */
static int
eol_of(const struct line *ln)
{
	if (ln->flags & LINE_PARTIAL)
		return EOL_PIECE;
	if (ln->raw_len > ln->len && ln->raw[ln->raw_len - 1] == '\r')
		return EOL_CR;		/* a reader of CR-only lines */
	if (ln->raw_len == 0 || ln->raw[ln->raw_len - 1] != '\n')
		return EOL_NONE;
	if (ln->raw_len >= 2 && ln->raw[ln->raw_len - 2] == '\r')
		return EOL_CRLF;
	return EOL_LF;
}

__attribute__((format(printf, 3, 4)))
static void
problem(struct verifier *v, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	char msg[200];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (v->res->problems < VERIFY_MAX_PROBLEMS)
		snprintf(v->res->first[v->res->problems], sizeof
		    v->res->first[0], "rewritten line %lu: %s", line, msg);
	v->res->problems++;
}

/* An inserted line must end as the file's lines do. */
static void
check_eol(struct verifier *v, const struct line *ln)
{
	int e = eol_of(ln);

	if (e != v->eol && e != EOL_PIECE && !(e == EOL_NONE && ln->len == 0))
		problem(v, ln->number, "inserted line ends in %s, the file's "
		    "lines in %s", eol_name[e], eol_name[v->eol]);
}

/* Next line (or piece) into s->ln; 1, 0 at the end, -1 read error. */
static int
next(struct side *s)
{
	return linereader_next(s->lr, &s->ln);
}

/* How much of a line (or a long line's first piece) is its code. */
static size_t
code_len(const struct line *ln)
{
	const char *semi;

	if (!(ln->flags & LINE_PARTIAL) ||
	    (semi = memchr(ln->text, ';', ln->len)) == NULL)
		return ln->len;
	return (size_t)(semi - ln->text) + 1;
}

/*
 * In --test-mode the original's line becomes what the dry run makes of
 * it (write/dryrun.h, as the copy does), terminator kept.
 */
static void
dry_run(struct verifier *v)
{
	struct line *ln = &v->o.ln;
	struct gcode_line gl;
	size_t n, term = ln->raw_len - ln->len;

	if ((ln->flags & LINE_CONT) || gcode_parse(ln->text, code_len(ln),
	    &gl) != GCODE_OK || !dryrun_line(&gl, ln->text, ln->len, v->dry,
	    &n))
		return;
	memcpy(v->dry + n, ln->raw + ln->len, term);
	ln->text = ln->raw = v->dry;
	ln->len = n;
	ln->raw_len = n + term;
}

/* Feed the current line to the tracker; events or -1 with err. */
static int
feed(struct side *s, char *err, size_t errlen)
{
	const struct line *ln = &s->ln;

	s->ev = 0;
	if (ln->flags & LINE_CONT)
		return 0;
	if ((ln->flags & LINE_PARTIAL) && memchr(ln->text, ';', ln->len) ==
	    NULL)
		return errbuf_set(err, errlen, "line %lu: too long",
		    ln->number);
	s->ev = machine_feed_text(&s->m, ln->text, code_len(ln), err, errlen);
	return s->ev;
}

static bool
near(double a, double b)
{
	return fabs(a - b) <= TOL;
}

/* First difference between two trackers' states (text in msg), or NULL. */
static const char *
state_diff(const struct machine *a, const struct machine *b, char *msg,
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

static bool
same_text(const struct line *a, const struct line *b)
{
	return a->len == b->len && memcmp(a->text, b->text, a->len) == 0 &&
	    (a->flags & ~0u) == (b->flags & ~0u);
}

/* The line's text without the blanks around it. */
static const char *
trimmed(const struct line *ln, size_t *n)
{
	const char *t = ln->text;

	*n = ln->len;
	while (*n > 0 && (*t == ' ' || *t == '\t')) {
		t++;
		(*n)--;
	}
	while (*n > 0 && (t[*n - 1] == ' ' || t[*n - 1] == '\t'))
		(*n)--;
	return t;
}

static bool
is_marker(const struct verifier *v, const struct line *ln, bool *capture)
{
	size_t n;
	const char *t = trimmed(ln, &n);

	return marker_is(t, n, v->marker, capture);
}

/* A block of ours, from its BEGIN line (current) to its END line. */
static int
check_block(struct verifier *v, char *err, size_t errlen)
{
	struct machine *m = &v->r.m;
	unsigned long start = v->r.ln.number;
	double floor_z = m->known[AX_Z] ? m->pos[AX_Z] : -INFINITY;
	double r0 = machine_retracted(m), e0 = m->e_net;
	bool fw0 = m->fw_retracted, m400 = false;
	double x0 = m->pos[AX_X], y0 = m->pos[AX_Y];
	const char *d;
	char msg[96];
	int rr;

	if (m->extruded && m->last_extrude_z < floor_z)
		floor_z = m->last_extrude_z;
	v->res->blocks++;
	for (;;) {
		struct gcode_line gl;
		bool capture;

		if ((rr = next(&v->r)) <= 0) {
			if (rr == -1)
				return errbuf_set(err, errlen, "read error");
			problem(v, start, "block never ends");
			return 0;
		}
		check_eol(v, &v->r.ln);
		if (own_is_end(v->r.ln.text, v->r.ln.len))
			break;
		if (own_is_line(v->r.ln.text, v->r.ln.len)) {
			problem(v, v->r.ln.number, "block inside a block");
			continue;
		}
		if (is_marker(v, &v->r.ln, &capture)) {
			v->res->markers++;
			if (!m400)
				problem(v, v->r.ln.number, "marker without "
				    "an M400 before it");
			if (capture && v->retracts &&
			    machine_retracted(m) < 1e-6 && !m->fw_retracted)
				problem(v, v->r.ln.number, "marker with the "
				    "filament not retracted");
		}
		if (feed(&v->r, err, errlen) == -1)
			return -1;
		if (gcode_parse(v->r.ln.text, v->r.ln.len, &gl) == GCODE_OK &&
		    gl.kind != GCODE_EMPTY)
			m400 = gcode_is(&gl, 'M', 400);
		if (v->r.ev & (EV_MODE | EV_UNITS | EV_SETPOS | EV_HOME |
		    EV_TOOL))
			problem(v, v->r.ln.number, "a block changes a mode, "
			    "the tool or the coordinates");
		if (!(v->r.ev & EV_MOVE))
			continue;
		if (m->last.kind == MOVE_EXTRUDE ||
		    machine_retracted(m) < r0 - TOL || m->e_net > e0 + TOL ||
		    (fw0 && !m->fw_retracted))
			problem(v, v->r.ln.number, "inserted move extrudes");
		if (m->last.known && m->last.to[AX_Z] < floor_z - TOL)
			problem(v, v->r.ln.number, "inserted move goes down "
			    "to Z%.3f, below the layer (Z%.3f)",
			    m->last.to[AX_Z], floor_z);
		if (m->last.known && !(near(m->last.to[AX_X], x0) &&
		    near(m->last.to[AX_Y], y0)) && !stabilize_on_bed(&v->bed,
		    m->last.to[AX_X] + m->shift[AX_X],
		    m->last.to[AX_Y] + m->shift[AX_Y], 0.01))
			problem(v, v->r.ln.number, "inserted move leaves the "
			    "bed (X%.3f Y%.3f)", m->last.to[AX_X],
			    m->last.to[AX_Y]);
	}
	if ((d = state_diff(&v->o.m, m, msg, sizeof msg)) != NULL)
		problem(v, v->r.ln.number, "after the block: %s", d);
	return 0;
}

/* What an extrusion is compared in, as it was before its line. */
struct before {
	int tool;
	bool fw_retracted;
	enum filament_state fil;
	double retracted;
};

static struct before
before_line(const struct machine *m)
{
	return (struct before){ m->tool, m->fw_retracted, m->fil,
	    machine_retracted(m) };
}

static void
compare_move(struct verifier *v, const struct before *bo,
    const struct before *br)
{
	const struct machine_move *a = &v->o.m.last, *b = &v->r.m.last;
	unsigned long n = v->r.ln.number;

	if (a->kind != MOVE_EXTRUDE && b->kind != MOVE_EXTRUDE)
		return;
	v->res->extrusions++;
	if (a->kind != b->kind) {
		problem(v, n, "extrudes in one file only");
		return;
	}
	for (int i = 0; i < 3; i++)
		if (!near(a->from[i], b->from[i]) ||
		    !near(a->to[i], b->to[i])) {
			problem(v, n, "extrusion from %.3f,%.3f,%.3f to "
			    "%.3f,%.3f,%.3f; the original's goes from "
			    "%.3f,%.3f,%.3f to %.3f,%.3f,%.3f",
			    b->from[0], b->from[1], b->from[2], b->to[0],
			    b->to[1], b->to[2], a->from[0], a->from[1],
			    a->from[2], a->to[0], a->to[1], a->to[2]);
			return;
		}
	if (!near(a->de, b->de))
		problem(v, n, "extrudes %.5f mm, the original %.5f mm", b->de,
		    a->de);
	else if (!near(a->feed, b->feed))
		problem(v, n, "extrudes at F%g, the original at F%g", b->feed,
		    a->feed);
	else if (bo->tool != br->tool)
		problem(v, n, "extrudes with tool %d, the original with %d",
		    br->tool, bo->tool);
	else if (bo->fw_retracted != br->fw_retracted ||
	    !near(bo->retracted, br->retracted))
		problem(v, n, "filament %s (%.4f mm retracted) before the "
		    "extrusion, the original %s (%.4f mm)",
		    machine_filament_name(br->fil), br->retracted,
		    machine_filament_name(bo->fil), bo->retracted);
}

/*
 * The rewritten file's next line of its own: a block of ours inside an
 * RRF conditional is wrong unless this line ends the conditional anyway.
 */
static void
conditional_seen(struct verifier *v)
{
	unsigned long opened = v->cond.line;

	switch (conditional_line(&v->cond, v->r.ln.text, v->r.ln.len,
	    v->r.ln.number)) {
	case COND_NOTHING:
		return;
	case COND_LINE:
		if (v->cond_block != 0)
			problem(v, v->cond_block, "block inside the "
			    "conditional block of line %lu: at column 0 it "
			    "ends that block early", opened);
		break;
	case COND_ENDED:
		break;
	}
	v->cond_block = 0;
}

static int
run(struct verifier *v, char *err, size_t errlen)
{
	struct before bo, br;
	const char *d;
	char msg[96];
	int ro, rr, ret = -1;

	for (;;) {
		if ((ro = next(&v->o)) == -1)
			goto rderr;
		if (ro == 1 && v->dry_run)
			dry_run(v);
		if (ro == 1 && v->o.ln.number == 1 && !(v->o.ln.flags &
		    LINE_CONT))
			v->eol = eol_of(&v->o.ln) == EOL_CRLF ||
			    eol_of(&v->o.ln) == EOL_CR ? eol_of(&v->o.ln) :
			    EOL_LF;
		for (;;) {
			if ((rr = next(&v->r)) == -1)
				goto rderr;
			if (rr == 0)
				break;
			if (own_is_end(v->r.ln.text, v->r.ln.len)) {
				problem(v, v->r.ln.number, "block end "
				    "without a beginning");
				continue;
			}
			if (own_is_begin(v->r.ln.text, v->r.ln.len)) {
				check_eol(v, &v->r.ln);
				if (conditional_inside(&v->cond) &&
				    v->cond_block == 0)
					v->cond_block = v->r.ln.number;
				if (check_block(v, err, errlen) == -1)
					goto out;
				continue;
			}
			if (own_is_line(v->r.ln.text, v->r.ln.len)) {
				check_eol(v, &v->r.ln);
				continue;
			}
			break;
		}
		if (rr == 1 && !(v->r.ln.flags & LINE_CONT))
			conditional_seen(v);
		if (ro == 0 && rr == 0)
			break;
		if (ro == 0) {
			problem(v, v->r.ln.number, "a line the original does "
			    "not have");
			break;
		}
		if (rr == 0) {
			problem(v, v->r.m.lines, "the file ends before "
			    "original line %lu", v->o.ln.number);
			break;
		}
		v->res->lines++;
		if (!same_text(&v->o.ln, &v->r.ln)) {
			problem(v, v->r.ln.number, "differs from original "
			    "line %lu", v->o.ln.number);
			break;
		}
		/* the last line without its end, or a CRLF's LF: completed */
		if (eol_of(&v->o.ln) != eol_of(&v->r.ln) &&
		    eol_of(&v->o.ln) != EOL_NONE && !(eol_of(&v->o.ln) ==
		    EOL_CR && v->eol != EOL_CR))
			problem(v, v->r.ln.number, "ends in %s, original line "
			    "%lu in %s", eol_name[eol_of(&v->r.ln)],
			    v->o.ln.number, eol_name[eol_of(&v->o.ln)]);
		bo = before_line(&v->o.m);
		br = before_line(&v->r.m);
		if (feed(&v->o, err, errlen) == -1 ||
		    feed(&v->r, err, errlen) == -1)
			goto out;
		if ((v->o.ev | v->r.ev) & EV_MOVE)
			compare_move(v, &bo, &br);
	}
	if (v->res->problems == 0 && (d = state_diff(&v->o.m, &v->r.m, msg,
	    sizeof msg)) != NULL)
		problem(v, v->r.ln.number, "at the end: %s", d);
	ret = 0;
	goto out;
rderr:
	errbuf_set(err, errlen, "read error");
out:
	return ret;
}

static int
verify(struct linereader *lo, struct linereader *lr,
    const struct slicer_settings *s, const struct profile *p,
    struct verify_result *res, char *err, size_t errlen)
{
	struct verifier *v;
	int r;

	memset(res, 0, sizeof *res);
	if (lo == NULL || lr == NULL || (v = calloc(1, sizeof *v)) == NULL) {
		linereader_free(lo);
		linereader_free(lr);
		return errbuf_set(err, errlen, "out of memory");
	}
	slicer_machine_init(&v->o.m, s, p->firmware);
	slicer_machine_init(&v->r.m, s, p->firmware);
	v->o.lr = lo;
	v->r.lr = lr;
	v->res = res;
	v->p = p;
	v->bed = p->bed.set ? p->bed : s->bed;
	v->marker = snapshot_marker(p);
	conditional_init(&v->cond);
	/* retracting nothing was asked for: no marker needs it done */
	v->retracts = !(snapshot_retract_mm(p, s) <= 0) && !p->test_mode;
	v->dry_run = p->test_mode;
	r = run(v, err, errlen);
	linereader_free(lo);
	linereader_free(lr);
	free(v);
	return r;
}

int
verify_fds(int orig, int rewritten, const struct profile *p,
    struct verify_result *res, char *err, size_t errlen)
{
	struct slicer_settings s;

	slicer_init(&s);
	if (slicer_scan(&s, orig) == -1)
		return errbuf_set(err, errlen, "read error");
	return verify(linereader_fd(orig), linereader_fd(rewritten), &s, p,
	    res, err, errlen);
}

int
verify_mem(const char *orig, size_t olen, const char *rewritten,
    size_t rlen, const struct profile *p, struct verify_result *res,
    char *err, size_t errlen)
{
	struct slicer_settings s;

	slicer_init(&s);
	for (size_t i = 0; i < olen;) {
		const char *nl = memchr(orig + i, '\n', olen - i);
		size_t n = nl != NULL ? (size_t)(nl - (orig + i)) : olen - i;

		slicer_line(&s, orig + i, n);
		i += n + 1;
	}
	return verify(linereader_mem(orig, olen),
	    linereader_mem(rewritten, rlen), &s, p, res, err, errlen);
}
