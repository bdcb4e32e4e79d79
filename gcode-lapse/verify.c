/*
 * verify.c: trackers in lock step, one pair per reading of the file.
 *
 * The original drives: for each of its lines, the rewritten side first
 * consumes any block of ours (checking it), then must show the same line.
 * Every reading's two trackers (readings.h: forked where the file leaves
 * its reading open, folded when they agree again) are fed the line and
 * their moves compared.  In --test-mode the original's line is first made
 * what the dry run makes of it, and one more pair of trackers, the line
 * as written against its dry run, proves the head's path the same.
 * Nothing is kept but the trackers (and which RRF conditional block the
 * rewritten file is in), so any size of file verifies in constant memory.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
#include "readings.h"
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

#define TOL READINGS_TOL

struct verifier {
	struct linereader *lo, *lr;
	struct line lno, lnr;		/* the current lines */
	bool dry_run;			/* --test-mode: lno as its dry run */
	char dry[LINEREADER_CHUNK + sizeof DRYRUN_PREFIX + 2];
	struct machine path_o, path_d;	/* the original's lines, as written
					   and as their dry run */
	char dry_bad[96];		/* the first way they part */
	bool dry_told;
	struct readings rs;
	struct verify_result *res;
	const struct profile *p;
	struct bed bed;
	const char *marker;
	bool no_retraction;		/* the settings retract nothing */
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

/* A problem whatever the reading. */
__attribute__((format(printf, 3, 4)))
static void
problem(struct verifier *v, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	readings_add_problem(&v->res->problems, v->res->first, line, fmt, ap);
	va_end(ap);
}

static void
assume(struct verifier *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
assume(struct verifier *v, const char *fmt, ...)
{
	va_list ap;

	if (v->res->nassumed == VERIFY_MAX_ASSUMED)
		return;
	va_start(ap, fmt);
	vsnprintf(v->res->assumed[v->res->nassumed++],
	    sizeof v->res->assumed[0], fmt, ap);
	va_end(ap);
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

/* The code part of a line (a long line's first piece up to its ';'),
 * parsed; NULL for a later piece.  -1 when too long to follow. */
static int
code_of(const struct line *ln, size_t *len)
{
	const char *semi;

	*len = ln->len;
	if (ln->flags & LINE_CONT) {
		*len = 0;
		return 0;
	}
	if (ln->flags & LINE_PARTIAL) {
		if ((semi = memchr(ln->text, ';', ln->len)) == NULL)
			return -1;
		*len = (size_t)(semi - ln->text) + 1;
	}
	return 1;
}

/*
 * The line's code parsed as the readings' firmwares read it (every reading
 * is for the same firmwares: they differ in the E mode only), into *gl;
 * NULL for binary data, which machine_feed_text() then reports.
 */
static const struct gcode_line *
parse(const struct verifier *v, const char *text, size_t len,
    struct gcode_line *gl)
{
	enum gcode_error e = gcode_parse(text, len, &v->rs.rd[0].o.reading,
	    gl);

	return e == GCODE_E_NUL || e == GCODE_E_BINARY ? NULL : gl;
}

/*
 * In --test-mode the original's line becomes what the dry run makes of
 * it (write/dryrun.h, as the copy does), terminator kept.
 */
static void
dry_run(struct verifier *v)
{
	struct line *ln = &v->lno;
	struct gcode_line gl, gd;
	const struct gcode_line *g;
	size_t len, n, term = ln->raw_len - ln->len;
	char msg[96];
	const char *d;

	if (code_of(ln, &len) != 1)
		return;
	g = parse(v, ln->text, len, &gl);
	(void)readings_feed(&v->path_o, ln, g, len, NULL, 0);
	if (g != NULL && dryrun_line(&gl, ln->text, ln->len, v->dry, &n)) {
		memcpy(v->dry + n, ln->raw + ln->len, term);
		ln->text = ln->raw = v->dry;
		ln->len = n;
		ln->raw_len = n + term;
		if (code_of(ln, &len) != 1)
			return;
		g = parse(v, ln->text, len, &gd);
	}
	(void)readings_feed(&v->path_d, ln, g, len, NULL, 0);
	/* E aside, the dry run moves the head as the original does */
	if ((d = readings_path_diff(&v->path_o, &v->path_d, msg,
	    sizeof msg)) != NULL && v->dry_bad[0] == '\0')
		snprintf(v->dry_bad, sizeof v->dry_bad, "%s", d);
}

static bool
near(double a, double b)
{
	return fabs(a - b) <= TOL;
}

static bool
same_text(const struct line *a, const struct line *b)
{
	return a->len == b->len && memcmp(a->text, b->text, a->len) == 0 &&
	    (a->flags & ~LINE_CR) == (b->flags & ~LINE_CR);
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

/* Blocks ---------------------------------------------------------------- */

/* A block of ours, from its BEGIN line (current) to its END line. */
static int
check_block(struct verifier *v, char *err, size_t errlen)
{
	unsigned long start = v->lnr.number;
	bool m400 = false;
	char msg[96];
	const char *d;
	int rr;

	v->res->blocks++;
	for (int i = 0; i < v->rs.n; i++)
		if (v->rs.rd[i].alive)
			reading_block_begin(&v->rs.rd[i], v->dry_run);
	for (;;) {
		struct gcode_line gl;
		const struct gcode_line *glp = NULL;
		bool marker, capture;
		size_t len;
		int c;

		if ((rr = linereader_next(v->lr, &v->lnr)) <= 0) {
			if (rr == -1)
				return errbuf_set(err, errlen, "read error");
			problem(v, start, "block never ends");
			return 0;
		}
		check_eol(v, &v->lnr);
		if (own_is_end(v->lnr.text, v->lnr.len))
			break;
		if (own_is_line(v->lnr.text, v->lnr.len)) {
			problem(v, v->lnr.number, "block inside a block");
			continue;
		}
		marker = is_marker(v, &v->lnr, &capture);
		if (marker) {
			v->res->markers++;
			if (!m400)
				problem(v, v->lnr.number, "marker without "
				    "an M400 before it");
		}
		if ((c = code_of(&v->lnr, &len)) == -1)
			return errbuf_set(err, errlen, "line %lu: too long",
			    v->lnr.number);
		if (c == 1)
			glp = parse(v, v->lnr.text, len, &gl);
		if (glp != NULL && gl.kind != GCODE_EMPTY)
			m400 = gcode_is(&gl, 'M', 400);
		for (int i = 0; i < v->rs.n && c == 1; i++) {
			const struct machine *m = &v->rs.rd[i].r;
			int ev;

			if (!v->rs.rd[i].alive)
				continue;
			if ((ev = reading_block_line(&v->rs.rd[i], &v->lnr,
			    glp, len, marker && capture && !v->no_retraction,
			    err, errlen)) == -1)
				return -1;
			/* the bed: X and Y do not depend on the reading */
			if (i == 0 && (ev & EV_MOVE) && m->last.known &&
			    !(near(m->last.to[AX_X], v->rs.rd[0].b.x0) &&
			    near(m->last.to[AX_Y], v->rs.rd[0].b.y0)) &&
			    !stabilize_on_bed(&v->bed, m->last.to[AX_X] +
			    m->shift[AX_X] - machine_offset(m, AX_X),
			    m->last.to[AX_Y] + m->shift[AX_Y] -
			    machine_offset(m, AX_Y), 0.01))
				problem(v, v->lnr.number, "inserted move "
				    "leaves the bed (X%.3f Y%.3f)",
				    m->last.to[AX_X], m->last.to[AX_Y]);
		}
	}
	for (int i = 0; i < v->rs.n; i++) {
		struct reading *rd = &v->rs.rd[i];

		if (rd->alive && (d = readings_diff(&rd->o, &rd->r, msg,
		    sizeof msg)) != NULL)
			reading_problem(rd, v->lnr.number, "after the block: %s", d);
	}
	return 0;
}

/* The lines ------------------------------------------------------------ */

/* Feed the original's line to both sides of every reading. */
static int
feed_pair(struct verifier *v, char *err, size_t errlen)
{
	struct gcode_line gl;
	const struct gcode_line *glp = NULL;
	bool counted = false;
	size_t len;
	int c;

	if ((c = code_of(&v->lno, &len)) == -1)
		return errbuf_set(err, errlen, "line %lu: too long",
		    v->lno.number);
	if (c == 0)
		return 0;
	glp = parse(v, v->lno.text, len, &gl);
	readings_before(&v->rs, glp, v->lno.number);
	for (int i = 0; i < v->rs.n; i++) {
		struct reading *rd = &v->rs.rd[i];
		struct reading_before bo, br;
		int eo, er;

		if (!rd->alive)
			continue;
		bo = reading_before(&rd->o);
		br = reading_before(&rd->r);
		if ((eo = readings_feed(&rd->o, &v->lno, glp, len, err, errlen)) == -1 ||
		    (er = readings_feed(&rd->r, &v->lnr, glp, len, err, errlen)) == -1)
			return -1;
		if ((eo | er) & EV_MOVE) {
			if (reading_compare_move(rd, v->lnr.number, &bo, &br) &&
			    !counted)
				v->res->extrusions++;
			counted = true;
		}
		if (v->dry_run && (eo & EV_MOVE) && rd->o.known[AX_Z] &&
		    rd->o.pos[AX_Z] > rd->z_moved)
			rd->z_moved = rd->o.pos[AX_Z];
		if (i == 0 && (eo & EV_MOVE) && glp != NULL &&
		    gcode_has(glp, 'E') && rd->o.last.moved)
			v->rs.path_mm += rd->o.last.length;
	}
	if (readings_live(&v->rs) > 1)
		readings_fold(&v->rs);
	return 0;
}

/* The whole files ------------------------------------------------------- */

/*
 * The rewritten file's next line of its own: a block of ours inside an
 * RRF conditional is wrong unless this line ends the conditional anyway.
 */
static void
conditional_seen(struct verifier *v)
{
	unsigned long opened = v->cond.line;

	switch (conditional_line(&v->cond, v->lnr.text, v->lnr.len,
	    v->lnr.number)) {
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
	int ro, rr;

	for (;;) {
		if ((ro = linereader_next(v->lo, &v->lno)) == -1)
			return errbuf_set(err, errlen, "read error");
		if (ro == 1 && v->dry_run)
			dry_run(v);
		if (ro == 1 && v->lno.number == 1 && !(v->lno.flags &
		    LINE_CONT))
			v->eol = eol_of(&v->lno) == EOL_CRLF ||
			    eol_of(&v->lno) == EOL_CR ? eol_of(&v->lno) :
			    EOL_LF;
		for (;;) {
			if ((rr = linereader_next(v->lr, &v->lnr)) == -1)
				return errbuf_set(err, errlen, "read error");
			if (rr == 0)
				break;
			if (own_is_end(v->lnr.text, v->lnr.len)) {
				problem(v, v->lnr.number, "block end "
				    "without a beginning");
				continue;
			}
			if (own_is_begin(v->lnr.text, v->lnr.len)) {
				check_eol(v, &v->lnr);
				if (conditional_inside(&v->cond) &&
				    v->cond_block == 0)
					v->cond_block = v->lnr.number;
				if (check_block(v, err, errlen) == -1)
					return -1;
				continue;
			}
			if (own_is_line(v->lnr.text, v->lnr.len)) {
				check_eol(v, &v->lnr);
				continue;
			}
			break;
		}
		if (rr == 1 && !(v->lnr.flags & LINE_CONT))
			conditional_seen(v);
		if (ro == 0 && rr == 0)
			break;
		if (ro == 0) {
			problem(v, v->lnr.number, "a line the original does "
			    "not have");
			break;
		}
		if (rr == 0) {
			problem(v, v->rs.rd[0].r.lines, "the file ends before "
			    "original line %lu", v->lno.number);
			break;
		}
		v->res->lines++;
		if (v->dry_bad[0] != '\0' && !v->dry_told) {
			problem(v, v->lnr.number, "the dry run of original "
			    "line %lu moves otherwise: %s", v->lno.number,
			    v->dry_bad);
			v->dry_told = true;
		}
		if (!same_text(&v->lno, &v->lnr)) {
			problem(v, v->lnr.number, "differs from original "
			    "line %lu", v->lno.number);
			break;
		}
		/* the last line without its end, or a CRLF's LF: completed */
		if (eol_of(&v->lno) != eol_of(&v->lnr) &&
		    eol_of(&v->lno) != EOL_NONE && !(eol_of(&v->lno) ==
		    EOL_CR && v->eol != EOL_CR))
			problem(v, v->lnr.number, "ends in %s, original line "
			    "%lu in %s", eol_name[eol_of(&v->lnr)],
			    v->lno.number, eol_name[eol_of(&v->lno)]);
		if (feed_pair(v, err, errlen) == -1)
			return -1;
	}
	return 0;
}

/* Which readings count, what was assumed, and their problems. */
static void
conclude(struct verifier *v)
{
	struct verify_result *res = v->res;
	bool plausible[READINGS_MAX];
	char msg[96];
	const char *d;

	readings_plausible(&v->rs, plausible);
	if (v->rs.e_forked)
		assume(v, "no M82/M83 before the first E move (original line "
		    "%lu): checked as absolute and as relative E",
		    v->rs.e_fork_line);
	if (v->rs.full)
		assume(v, "more readings than %d: the others not checked",
		    READINGS_MAX);
	for (int i = 0; i < v->rs.n; i++) {
		struct reading *rd = &v->rs.rd[i];

		if (v->rs.n > 1 && !plausible[i])
			assume(v, "read with %s, the original would extrude "
			    "%.4g mm per mm of path, no print: set aside",
			    rd->name, readings_ratio(&v->rs, i));
		if (!plausible[i])
			continue;
		if (rd->alive && res->problems == 0 && rd->problems == 0 &&
		    (d = readings_diff(&rd->o, &rd->r, msg, sizeof msg)))
			reading_problem(rd, v->lnr.number, "at the end: %s", d);
		for (unsigned long k = 0; k < rd->problems &&
		    k < VERIFY_MAX_PROBLEMS; k++) {
			if (res->problems < VERIFY_MAX_PROBLEMS) {
				if (v->rs.n > 1)
					snprintf(res->first[res->problems],
					    sizeof res->first[0], "(read with "
					    "%s) %s", rd->name, rd->first[k]);
				else
					memcpy(res->first[res->problems],
					    rd->first[k], sizeof rd->first[k]);
			}
			res->problems++;
		}
		if (rd->problems > VERIFY_MAX_PROBLEMS)
			res->problems += rd->problems - VERIFY_MAX_PROBLEMS;
	}
}

static int
verify(struct linereader *lo, struct linereader *lr,
    const struct slicer_settings *s, const struct profile *p,
    struct verify_result *res, char *err, size_t errlen)
{
	struct snapshot_plan pl;
	struct verifier *v;
	char perr[256];
	int r = -1;

	memset(res, 0, sizeof *res);
	v = calloc(1, sizeof *v);
	if (lo == NULL || lr == NULL || v == NULL ||
	    readings_init(&v->rs, s, p->firmware) == -1) {
		errbuf_set(err, errlen, "out of memory");
		goto out;
	}
	v->lo = lo;
	v->lr = lr;
	v->res = res;
	v->p = p;
	v->bed = p->bed.set ? p->bed : s->bed;
	v->marker = snapshot_marker(p);
	conditional_init(&v->cond);
	v->eol = EOL_LF;	/* as the copy's, until line 1 says otherwise */
	v->dry_run = p->test_mode;
	if (v->dry_run) {
		slicer_machine_init(&v->path_o, s, p->firmware);
		slicer_machine_init(&v->path_d, s, p->firmware);
	}
	/* a file whose settings retract nothing is parked unretracted; a
	 * dry run has no filament to retract (no assumption, a fact) */
	v->no_retraction = p->test_mode || (snapshot_plan(&pl, p, s, perr,
	    sizeof perr) == 0 && pl.retract_mm == 0 && !pl.fw_retraction);
	if (v->no_retraction && !p->test_mode)
		assume(v, "the settings retract nothing (%s): markers with "
		    "the filament primed allowed", pl.src.retract.key != NULL ?
		    pl.src.retract.key : "retraction 0");
	if (run(v, err, errlen) == 0) {
		conclude(v);
		r = 0;
	}
out:
	linereader_free(lo);
	linereader_free(lr);
	if (v != NULL)
		readings_free(&v->rs);
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
	if (slicer_scan_mem(&s, orig, olen) == -1)
		return errbuf_set(err, errlen, "out of memory");
	return verify(linereader_mem(orig, olen),
	    linereader_mem(rewritten, rlen), &s, p, res, err, errlen);
}
