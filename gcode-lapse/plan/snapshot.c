/*
 * snapshot.c: the block's text, from the tracker's state alone.
 *
 * Every distance is computed in logical (G92-shifted) millimetres and
 * written in the file's unit; relative moves are written as the exact
 * negation of the outgoing text, so going back cannot drift by rounding.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "errbuf.h"
#include "protocol.h"
#include "plan/estimate.h"
#include "plan/marker.h"
#include "plan/snapshot.h"

#define EPS 1e-6
#define DEFAULT_RETRACT_SPEED 35.0	/* mm/s */
#define DEFAULT_LIFT 0.5		/* mm */
#define INCH 25.4

/*
 * A number as G-code wants it: no exponent, no trailing zeros, no "-0";
 * what "%.6f" prints, trimmed.  The common case is done in integers
 * (printf's exact decimal conversion was a tenth of the rewrite's time);
 * a value whose sixth decimal is a near tie goes to snprintf, so the
 * text is the same.
 */
static void
fmt_num(char *b, size_t size, double v)
{
	double r = v * 1e6, f;
	char tmp[32], *p;
	unsigned long long n, ip, fp;
	size_t k = 0;
	int i;

	if (fabs(v) < 5e-7)
		v = r = 0;
	f = fabs(r) - floor(fabs(r));
	if (size < sizeof tmp || !(fabs(r) < 1e15) || fabs(f - 0.5) < 1e-3) {
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
		return;
	}
	n = (unsigned long long)llround(fabs(r));
	ip = n / 1000000;
	fp = n % 1000000;
	if (r < 0 && n != 0)
		b[k++] = '-';
	i = 0;
	do {
		tmp[i++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip > 0);
	while (i > 0)
		b[k++] = tmp[--i];
	if (fp != 0) {
		int digits = 6;

		while (fp % 10 == 0) {
			fp /= 10;
			digits--;
		}
		b[k++] = '.';
		for (i = digits - 1; i >= 0; i--) {
			b[k + (size_t)i] = (char)('0' + fp % 10);
			fp /= 10;
		}
		k += (size_t)digits;
	}
	b[k] = '\0';
}

__attribute__((format(printf, 2, 3)))
static void
tx(struct snapshot_text *t, const char *fmt, ...)
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

static double
pick(double flag, const struct setting *s, double dflt)
{
	if (!isnan(flag))
		return flag;
	if (s->set && s->v > 0)
		return s->v;
	return dflt;
}

double
snapshot_retract_mm(const struct profile *p, const struct slicer_settings *s)
{
	if (!isnan(p->retract_mm))
		return p->retract_mm;
	return s->retract_mm.set ? s->retract_mm.v : NAN;
}

int
snapshot_plan(struct snapshot_plan *pl, const struct profile *p,
    const struct slicer_settings *s, char *err, size_t errlen)
{
	double rs;

	memset(pl, 0, sizeof *pl);
	pl->park = !p->snap;
	pl->retract_mm = snapshot_retract_mm(p, s);
	if (isnan(pl->retract_mm) && !p->test_mode)
		return errbuf_set(err, errlen, "the file does not say how far "
		    "to retract: pass --retract MM (0 for none)");
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
	pl->filament = !p->test_mode;
	if (!pl->filament) {
		pl->retract_mm = 0;
		pl->fw_retraction = false;
	}
	if (pl->park) {
		double tv = pick(p->travel_speed, &s->travel_speed, NAN);

		if (isnan(tv))
			return errbuf_set(err, errlen, "the file does not "
			    "give a travel speed: pass --travel-speed MM/S");
		pl->travel_feed = tv * 60;
		if (!pl->bed.set && !(p->axis[0].mode == AXIS_DISABLED &&
		    p->axis[1].mode == AXIS_DISABLED))
			return errbuf_set(err, errlen, "the file does not "
			    "describe the bed: pass --bed X0,Y0,X1,Y1 (or "
			    "--bed circle:CX,CY,R)");
		for (int i = 0; i < 2; i++)
			if (p->axis[i].mode == AXIS_PERCENT && !pl->bed.set)
				return errbuf_set(err, errlen, "a percentage "
				    "needs the bed: pass --bed");
	}
	return 0;
}

const char *
snapshot_marker(const struct profile *p)
{
	const char *line;

	if (p->marker == MARK_CUSTOM)
		return p->marker_line;
	line = marker_capture(p->marker);
	return line != NULL ? line : "M400";
}

const char *
snapshot_initialize(const struct profile *p)
{
	if (p->marker != MARK_DUET)
		return NULL;
	return PROTO_BEGIN " initialize\nM400\n"
	    PROTO_DUET_LINE(PROTO_MSG_INITIALIZE) "\n" PROTO_END "\n";
}

const char *
snapshot_finish(const struct profile *p)
{
	if (p->marker != MARK_DUET)
		return NULL;
	return PROTO_BEGIN " finish\nM400\n"
	    PROTO_DUET_LINE(PROTO_MSG_FINISH) "\n" PROTO_END "\n";
}

/* "G1 X.. Y.." to logical target t, or by d in relative mode. */
static void
move_xy(struct snapshot_text *t, const struct machine *m, const double to[2],
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
		    neg && *dy != '-' ? "-" : "",
		    neg && *dy == '-' ? dy + 1 : dy, f);
	}
}

/* Same for one axis letter l (Z or E). */
static void
move_1(struct snapshot_text *t, char l, bool abs, double to, bool neg,
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

#define NOT_HERE(reason) (*why = (reason), false)

bool
snapshot_block(const struct snapshot_plan *pl, const struct profile *p,
    const struct snapshot_seen *seen, const struct stabilize *stab,
    const struct machine *m, size_t n, struct snapshot_text *t,
    struct snapshot_info *si, const char **why)
{
	double u = m->inches ? INCH : 1, here[2], park[2], to[2], z, ztarget;
	double missing_r = 0, fwl = 0, have_lift, travel = 0, secs = 0;
	double shift_z = m->shift[AX_Z];
	bool use_g10 = false, park_on, lift_on;
	char dx[32] = "", dy[32] = "", dz[32] = "", de[32] = "";

	if (!m->known[AX_X] || !m->known[AX_Y] || !m->known[AX_Z])
		return NOT_HERE("head position unknown (after "
		    "homing or probing)");
	if (!m->extruded)
		return NOT_HERE("nothing printed yet");
	if (m->feed <= 0)
		return NOT_HERE("no feed rate set yet");
	if (seen->vase && p->vase == VASE_SKIP)
		return NOT_HERE("vase mode (--vase skip)");
	if (seen->sequential && p->sequential == SEQ_SKIP)
		return NOT_HERE("sequential printing "
		    "(--sequential skip)");
	here[0] = m->pos[AX_X] + m->shift[AX_X];
	here[1] = m->pos[AX_Y] + m->shift[AX_Y];
	if (!area_ok(p, here[0], here[1]))
		return NOT_HERE("head outside the allowed areas");

	/* retraction: only what is missing (none in test mode) */
	if (!pl->filament) {
		/* no E, no G10/G11 */
	} else if (pl->fw_retraction || seen->fw_retraction) {
		use_g10 = !m->fw_retracted && machine_retracted(m) < EPS;
		if (use_g10)
			fwl = m->fw_lift_mm;
	} else if (pl->retract_mm - machine_retracted(m) > EPS) {
		missing_r = pl->retract_mm - machine_retracted(m);
	}
	if (missing_r > 0 && m->e_ambiguous && !m->cfg.e_coupling_known)
		return NOT_HERE("E mode differs between firmwares "
		    "after G90/G91: pass --firmware");

	/* lift: only what is missing, below max height */
	park_on = pl->park && !(seen->vase && p->vase == VASE_SNAP);
	z = m->pos[AX_Z];
	have_lift = machine_lift(m) + fwl;
	ztarget = z;
	if (park_on) {
		double limit = pl->max_height - shift_z -
		    (m->fw_retracted ? m->fw_lift_mm : fwl);

		if (pl->lift_mm - have_lift > EPS)
			ztarget = z + pl->lift_mm - have_lift;
		if (seen->sequential && m->max[2] + pl->lift_mm > ztarget)
			ztarget = m->max[2] + pl->lift_mm;
		if (seen->sequential && ztarget > limit + EPS)
			return NOT_HERE("cannot clear the finished "
			    "objects below the maximum height");
		if (ztarget > limit)
			ztarget = limit;
		if (ztarget < z)
			ztarget = z;
	}
	lift_on = ztarget - z > EPS;

	/* park point, bed coordinates -> logical */
	stabilize_point(stab, here, park);
	to[0] = park[0] - m->shift[AX_X];
	to[1] = park[1] - m->shift[AX_Y];
	if (park_on && hypot(to[0] - m->pos[AX_X], to[1] - m->pos[AX_Y]) < EPS)
		park_on = false;
	if (park_on && pl->bed.set && !stabilize_on_bed(&pl->bed, park[0],
	    park[1], 1e-3))
		return NOT_HERE("park point off the bed");

	t->n = 0;
	tx(t, PROTO_BEGIN " snapshot %zu (layer %d)\n", n,
	    m->layers.count);
	if (use_g10) {
		tx(t, "G10\n");
		secs += m->fw_retract_mm / (m->fw_retract_feed / 60);
	} else if (missing_r > 0) {
		fmt_num(de, sizeof de, -missing_r / u);
		move_1(t, 'E', m->abs_e, m->pos[AX_E] - missing_r, false, de,
		    pl->retract_feed, u);
		secs += missing_r / (pl->retract_feed / 60);
	}
	if (lift_on) {
		fmt_num(dz, sizeof dz, (ztarget - z) / u);
		move_1(t, 'Z', m->abs_xyz, ztarget, false, dz, pl->z_feed, u);
		travel += ztarget - z;
		secs += estimate_isolated(ztarget - z, pl->z_feed, 0);
	}
	if (park_on) {
		double d = hypot(to[0] - m->pos[AX_X], to[1] - m->pos[AX_Y]);

		fmt_num(dx, sizeof dx, (to[0] - m->pos[AX_X]) / u);
		fmt_num(dy, sizeof dy, (to[1] - m->pos[AX_Y]) / u);
		move_xy(t, m, to, false, dx, dy, pl->travel_feed, u);
		travel += d;
		secs += estimate_isolated(d, pl->travel_feed, 0);
	}
	tx(t, "M400\n%s\n", snapshot_marker(p));
	if (p->dwell_ms > 0) {
		char w[32];

		fmt_num(w, sizeof w, p->dwell_ms);
		tx(t, "G4 P%s\n", w);
		secs += p->dwell_ms / 1000;
	}
	if (park_on) {
		double d = hypot(to[0] - m->pos[AX_X], to[1] - m->pos[AX_Y]);

		move_xy(t, m, m->pos, true, dx, dy, pl->travel_feed, u);
		travel += d;
		secs += estimate_isolated(d, pl->travel_feed, 0);
	}
	if (lift_on) {
		move_1(t, 'Z', m->abs_xyz, z, true, dz, pl->z_feed, u);
		travel += ztarget - z;
		secs += estimate_isolated(ztarget - z, pl->z_feed, 0);
	}
	if (use_g10) {
		tx(t, "G11\n");
		secs += m->fw_retract_mm / (m->fw_deretract_feed / 60);
	} else if (missing_r > 0) {
		move_1(t, 'E', m->abs_e, m->pos[AX_E], true, de,
		    pl->deretract_feed, u);
		secs += missing_r / (pl->deretract_feed / 60);
	}
	{
		char f[32];

		fmt_num(f, sizeof f, m->feed / u);
		tx(t, "G1 F%s\n" PROTO_END "\n", f);
	}
	*si = (struct snapshot_info){ m->layers.count, 0, here[0], here[1],
	    z + shift_z, travel, secs };
	return true;
}

double
snapshot_cost(const struct snapshot_plan *pl, const struct profile *p,
    const struct snapshot_seen *seen, const struct stabilize *stab,
    const struct machine *m)
{
	double c = 0, here[2], park[2];
	double r = machine_retracted(m);

	if (!m->known[AX_X] || !m->known[AX_Y] || !m->known[AX_Z])
		return -1;
	if (m->last.kind != MOVE_TRAVEL || m->fil != FIL_RETRACTED)
		return -1;
	here[0] = m->pos[AX_X] + m->shift[AX_X];
	here[1] = m->pos[AX_Y] + m->shift[AX_Y];
	if (!area_ok(p, here[0], here[1]))
		return -1;
	if (pl->filament && !(pl->fw_retraction || seen->fw_retraction) &&
	    pl->retract_mm > r)
		c += (pl->retract_mm - r) / (pl->retract_feed / 60) * 2;
	if (pl->lift_mm > machine_lift(m))
		c += (pl->lift_mm - machine_lift(m)) / (pl->z_feed / 60) * 2;
	if (m->feature == FEAT_OUTER_WALL)
		c += 5;		/* the seam would show */
	stabilize_point(stab, here, park);
	c += 2 * hypot(park[0] - here[0], park[1] - here[1]) /
	    (pl->travel_feed > 0 ? pl->travel_feed / 60 : 100);
	return c;
}

