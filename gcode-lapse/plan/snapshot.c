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
#include "settings/limits.h"

#define EPS 1e-6
#define DEFAULT_RETRACT_SPEED 35.0	/* mm/s */
#define DEFAULT_LIFT 0.5		/* mm */
/*
 * The camera's time at the park point when the profile gives none, for
 * a webcam or the Pi camera behind capture-agent: its poll finds the
 * message box 50 ms late on average (poll_interval_ms 100), a snapshot
 * URL answers in 0.1 to 0.3 s and a Pi camera's still takes 0.3 to 1 s
 * (exposure, white balance, the JPEG), storing the frame and the
 * acknowledgement another 0.1 to 0.2 s: about a second, and a parked
 * head wants a quarter of a second more to stop shaking.
 */
#define DEFAULT_CAMERA_S 1.5
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

/* A file's value in force: 1 with its origin, 0 when it has none, -1
 * when it is out of its range ("line N: key = value: out of range"). */
static int
from_file(const struct setting *st, enum limit_id lim, double *v,
    struct origin *src, char *err, size_t errlen)
{
	if (!st->set)
		return 0;
	if (slicer_check(st, lim, err, errlen) == -1)
		return -1;
	*v = st->v;
	*src = st->at;
	return 1;
}

/*
 * The option's or the profile's value (NaN: none given), else the
 * file's; 1 when one was found, 0 when neither has one, -1 on an error.
 */
static int
choose(const struct profile *p, const char *name, double opt,
    const struct setting *st, enum limit_id lim, double *v,
    struct origin *src, char *err, size_t errlen)
{
	if (!isnan(opt)) {
		*v = opt;
		*src = profile_origin(p, name);
		return 1;
	}
	return from_file(st, lim, v, src, err, errlen);
}

static const struct origin default_origin = { SRC_DEFAULT, 0, 0, NULL };

static int
plan_bed(struct snapshot_plan *pl, const struct profile *p,
    const struct slicer_settings *s, char *err, size_t errlen)
{
	char msg[200];

	if (p->bed.set) {
		pl->bed = p->bed;
		pl->src.bed = profile_origin(p, "bed");
		return 0;
	}
	if (s->bed.set && s->bed_bad) {
		errbuf_set(msg, sizeof msg, "%s = %s: out of range (%g to %g "
		    "mm, at least 1 mm across)", s->bed_at.key, s->bed_text,
		    limit_get(LIM_BED)->min, limit_get(LIM_BED)->max);
		if (s->bed_at.line > 0)
			return errbuf_set(err, errlen, "line %lu: %s",
			    s->bed_at.line, msg);
		return errbuf_set(err, errlen, "%s", msg);
	}
	pl->bed = s->bed;
	pl->src.bed = s->bed_at;
	return 0;
}

int
snapshot_plan(struct snapshot_plan *pl, const struct profile *p,
    const struct slicer_settings *s, char *err, size_t errlen)
{
	struct plan_sources *src = &pl->src;
	double rs, v;
	int r;

	memset(pl, 0, sizeof *pl);
	pl->park = !p->snap;
	pl->filament = !p->test_mode;

	if ((r = choose(p, "retract", p->retract_mm, &s->retract_mm,
	    LIM_RETRACT, &pl->retract_mm, &src->retract, err, errlen)) == -1)
		return -1;
	if (r == 0 && s->fw_retraction.set && s->fw_retraction.v != 0) {
		/* G10 and G11: the firmware knows how far */
		pl->retract_mm = 0;
		src->retract = s->fw_retraction.at;
	} else if (r == 0 && pl->filament) {
		return errbuf_set(err, errlen, "the file does not say how far "
		    "to retract: pass --retract MM (0 for none)");
	}
	if ((r = choose(p, "retract-speed", p->retract_speed,
	    &s->retract_speed, LIM_RETRACT_SPEED, &rs, &src->retract_speed,
	    err, errlen)) == -1)
		return -1;
	if (r == 0) {
		rs = DEFAULT_RETRACT_SPEED;
		src->retract_speed = default_origin;
	}
	pl->retract_feed = rs * 60;
	if ((r = choose(p, "deretract-speed", p->deretract_speed,
	    &s->deretract_speed, LIM_RETRACT_SPEED, &v,
	    &src->deretract_speed, err, errlen)) == -1)
		return -1;
	if (r == 0) {		/* as the retraction */
		v = rs;
		src->deretract_speed = src->retract_speed;
	} else if (v == 0) {	/* the file's "0: as the retraction" */
		v = rs;
	}
	pl->deretract_feed = v * 60;
	pl->fw_retraction = s->fw_retraction.set && s->fw_retraction.v != 0;
	src->fw_retraction = s->fw_retraction.set ? s->fw_retraction.at :
	    default_origin;
	pl->relative_e_start = !s->e_mode_set && s->first_e > 0 &&
	    s->relative_e.set && s->relative_e.v != 0;
	src->relative_e = pl->relative_e_start ? s->relative_e.at :
	    default_origin;
	/* E read as absolute by a guess only: a block's retraction would
	 * extrude if the guess is wrong, and the proof, which reads such a
	 * file both ways, would refuse the rewrite as a bug; with firmware
	 * retraction too, as how much the file retracted already (which
	 * decides whether a block retracts) is the guess's; and where even a
	 * mode read or learned leaves both readings a print (e_mode_open) */
	if (pl->filament && pl->retract_mm > 0 && !s->e_mode_set &&
	    s->first_e > 0) {
		bool rel = s->relative_e.set && s->relative_e.v != 0;

		if (!s->relative_e.set || s->e_mode_open)
			return errbuf_set(err, errlen, "line %lu: no M82 or "
			    "M83 before this first E move, and too few of them "
			    "to tell absolute E from relative: put one before "
			    "it (or pass --retract 0)", s->first_e);
		/* ...and where the mode the settings give makes the file no
		 * print while the other makes one: the proof judges it the
		 * other way */
		if (s->e_no_print[rel] && !s->e_no_print[!rel])
			return errbuf_set(err, errlen, "line %lu: no M82 or "
			    "M83 before this first E move, and read as %s E, as "
			    "the settings say, the E words are no print (as %s "
			    "E they are one): put the right one before it (or "
			    "pass --retract 0)", s->first_e,
			    rel ? "relative" : "absolute",
			    rel ? "absolute" : "relative");
	}

	/* the lift: at least DEFAULT_LIFT, more where the slicer hops so */
	if ((r = choose(p, "lift", p->lift_mm, &s->zhop_mm, LIM_ZHOP,
	    &pl->lift_mm, &src->lift, err, errlen)) == -1)
		return -1;
	if (r == 0 || (isnan(p->lift_mm) && pl->lift_mm < DEFAULT_LIFT)) {
		pl->lift_mm = DEFAULT_LIFT;
		src->lift = default_origin;
	}
	pl->z_feed = p->z_speed * 60;
	src->z_speed = profile_origin(p, "z-speed");
	if (src->z_speed.src == SRC_NONE)
		src->z_speed = default_origin;
	if ((r = choose(p, "max-height", p->max_height, &s->max_height,
	    LIM_MAX_HEIGHT, &pl->max_height, &src->max_height, err,
	    errlen)) == -1)
		return -1;
	if (r == 0)
		pl->max_height = INFINITY;
	if (plan_bed(pl, p, s, err, errlen) == -1)
		return -1;
	/* moonraker-timelapse and Marlin's M240 take their frame without
	 * holding the print: it waits only for the dwell */
	pl->camera_s = !isnan(p->camera_s) ? p->camera_s :
	    p->marker == MARK_KLIPPER || p->marker == MARK_MARLIN ? 0 :
	    DEFAULT_CAMERA_S;
	src->camera = isnan(p->camera_s) ? default_origin :
	    profile_origin(p, "camera-time");
	pl->acc = slicer_accels(s);
	src->accel = s->accel_travel.set ? s->accel_travel.at :
	    s->accel.set ? s->accel.at : default_origin;
	if (!pl->filament) {
		pl->retract_mm = 0;
		pl->fw_retraction = false;
	}
	if (pl->park) {
		if ((r = choose(p, "travel-speed", p->travel_speed,
		    &s->travel_speed, LIM_TRAVEL_SPEED, &v,
		    &src->travel_speed, err, errlen)) == -1)
			return -1;
		if (r == 0)
			return errbuf_set(err, errlen, "the file does not "
			    "give a travel speed: pass --travel-speed MM/S");
		pl->travel_feed = v * 60;
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

/*
 * An inserted move's time, from rest to rest: at the file's acceleration,
 * its feed rate capped by the machine's speed limit (0: none).
 */
static double
move_time(double length, double feed_mm_min, double accel, double limit)
{
	if (limit > 0 && feed_mm_min > limit * 60)
		feed_mm_min = limit * 60;
	return estimate_isolated(length, feed_mm_min, accel);
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

/*
 * Where the carriage is, in bed coordinates: the active tool's nozzle is
 * at its offset from it (RRF G10 P, Marlin M218), so the park point and
 * the bed check hold for the carriage whichever tool prints.
 */
static void
carriage(const struct machine *m, double here[2])
{
	here[0] = m->pos[AX_X] + m->shift[AX_X] - machine_offset(m, AX_X);
	here[1] = m->pos[AX_Y] + m->shift[AX_Y] - machine_offset(m, AX_Y);
}

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

	if ((*why = machine_unsure(m, false)) != NULL)
		return false;
	if (!m->extruded)
		return NOT_HERE("nothing printed yet");
	if (seen->e_guessed)
		return NOT_HERE("E mode a guess until the file's M82/M83");
	if (m->feed <= 0)
		return NOT_HERE("no feed rate set yet");
	if (seen->vase && p->vase == VASE_SKIP)
		return NOT_HERE("vase mode (--vase skip)");
	if (seen->sequential && p->sequential == SEQ_SKIP)
		return NOT_HERE("sequential printing "
		    "(--sequential skip)");
	carriage(m, here);
	if (!area_ok(p, here[0], here[1]))
		return NOT_HERE("head outside the allowed areas");

	/* how much is retracted decides the block's E: known where it
	 * retracts at all */
	if (pl->filament && (pl->fw_retraction || seen->fw_retraction ||
	    pl->retract_mm > EPS) && (*why = machine_unsure(m, true)) != NULL)
		return false;
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
	if (missing_r > 0 && m->e_ambiguous)
		return NOT_HERE("E mode differs between firmwares "
		    "after G90/G91: pass --firmware");
	if (missing_r > 0 && m->abs_e && (!m->known[AX_E] ||
	    (m->unknown & UNK_E_POS)))
		return NOT_HERE("the firmware's E position is not known "
		    "(absolute E)");

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

	/* park point for the carriage, bed coordinates -> logical for the
	 * active tool's nozzle */
	stabilize_point(stab, here, park);
	to[0] = park[0] - m->shift[AX_X] + machine_offset(m, AX_X);
	to[1] = park[1] - m->shift[AX_Y] + machine_offset(m, AX_Y);
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
		secs += move_time(m->fw_retract_mm, m->fw_retract_feed,
		    pl->acc.e, 0);
	} else if (missing_r > 0) {
		fmt_num(de, sizeof de, -missing_r / u);
		move_1(t, 'E', m->abs_e, m->pos[AX_E] - missing_r, false, de,
		    pl->retract_feed, u);
		secs += move_time(missing_r, pl->retract_feed, pl->acc.e, 0);
	}
	if (lift_on) {
		fmt_num(dz, sizeof dz, (ztarget - z) / u);
		move_1(t, 'Z', m->abs_xyz, ztarget, false, dz, pl->z_feed, u);
		travel += ztarget - z;
		secs += 2 * move_time(ztarget - z, pl->z_feed, pl->acc.z,
		    pl->acc.feed_z);
	}
	if (park_on) {
		double d = hypot(to[0] - m->pos[AX_X], to[1] - m->pos[AX_Y]);

		fmt_num(dx, sizeof dx, (to[0] - m->pos[AX_X]) / u);
		fmt_num(dy, sizeof dy, (to[1] - m->pos[AX_Y]) / u);
		move_xy(t, m, to, false, dx, dy, pl->travel_feed, u);
		travel += d;
		secs += 2 * move_time(d, pl->travel_feed, pl->acc.travel,
		    pl->acc.feed_xy);
	}
	secs += pl->camera_s;
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
	}
	if (lift_on) {
		move_1(t, 'Z', m->abs_xyz, z, true, dz, pl->z_feed, u);
		travel += ztarget - z;
	}
	if (use_g10) {
		tx(t, "G11\n");
		secs += move_time(m->fw_retract_mm, m->fw_deretract_feed,
		    pl->acc.e, 0);
	} else if (missing_r > 0) {
		move_1(t, 'E', m->abs_e, m->pos[AX_E], true, de,
		    pl->deretract_feed, u);
		secs += move_time(missing_r, pl->deretract_feed, pl->acc.e, 0);
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

	if (machine_unsure(m, true) != NULL)
		return -1;
	if (m->last.kind != MOVE_TRAVEL || m->fil != FIL_RETRACTED)
		return -1;
	carriage(m, here);
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

