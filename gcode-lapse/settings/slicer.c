/*
 * slicer.c: reading the comments of the head and the tail, and what the
 * tracker is told.
 *
 * slicer_line() sorts each comment line by its form and hands the key
 * and value to keys.c; the few settings that take several keys or a
 * format of their own (beds, flavors, durations) are read here.  The
 * head is read from the start of the file; the tail's lines are numbered
 * from the end (their place in the file is known once it has been read
 * through: slicer_origin_line()).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "num.h"
#include "protocol.h"
#include "settings/cura.h"
#include "settings/detect.h"
#include "settings/keys.h"
#include "settings/learn.h"
#include "settings/limits.h"
#include "settings/slicer.h"

/* Read whole below this size; else a head (also what learn.h sees) and
 * a tail. */
#define HEAD_BYTES (4 * 1024 * 1024)
#define TAIL_BYTES (1024 * 1024)

void
slicer_init(struct slicer_settings *s)
{
	memset(s, 0, sizeof *s);
}

static void
copy_text(char *dst, size_t size, const char *src, size_t len)
{
	if (len >= size)
		len = size - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static bool
is(const char *s, size_t n, const char *p)
{
	size_t pn = strlen(p);

	return n >= pn && memcmp(s, p, pn) == 0;
}

static bool
same(const char *s, size_t n, const char *p)
{
	return n == strlen(p) && memcmp(s, p, n) == 0;
}

/* Where the line being read is. */
struct at {
	unsigned long line;
	bool from_end;
};

static void
set_origin(struct origin *o, const char *key, struct at at)
{
	o->src = SRC_FILE;
	o->key = key;
	o->line = at.from_end ? 0 : at.line;
	o->from_end = at.from_end ? at.line : 0;
}

/* A bed rectangle (or circle) from the file, range-checked. */
static void
set_bed(struct slicer_settings *s, const struct bed *b, const char *key,
    struct at at, const char *text, size_t tn)
{
	const double *c[] = { &b->x0, &b->y0, &b->x1, &b->y1 };

	s->bed = *b;
	s->bed.set = true;
	s->bed_bad = b->x1 - b->x0 < 1 || b->y1 - b->y0 < 1;
	for (size_t i = 0; i < 4; i++)
		if (!limit_ok(LIM_BED, *c[i]))
			s->bed_bad = true;
	set_origin(&s->bed_at, key, at);
	copy_text(s->bed_text, sizeof s->bed_text, text, tn);
}

/* "0x0,250x0,250x210,0x210": bounding box; many points round = circle. */
static void
parse_bed(struct slicer_settings *s, const char *key, const char *v,
    size_t n, struct at at)
{
	double xs[128], ys[128], cx = 0, cy = 0, rmin = 1e30, rmax = 0;
	size_t np = 0;
	char buf[2048];
	char *p, *save = NULL;
	struct bed b;

	keys_trim(&v, &n);
	copy_text(buf, sizeof buf, v, n);
	for (p = strtok_r(buf, ",", &save); p != NULL && np < 128;
	    p = strtok_r(NULL, ",", &save)) {
		char *x = strchr(p, 'x');

		if (x == NULL)
			return;
		*x = '\0';
		if (num_config(p, -1e12, 1e12, &xs[np]) != NUM_OK ||
		    num_config(x + 1, -1e12, 1e12, &ys[np]) != NUM_OK)
			return;
		np++;
	}
	if (np < 3)
		return;
	memset(&b, 0, sizeof b);
	b.x0 = b.x1 = xs[0];
	b.y0 = b.y1 = ys[0];
	for (size_t i = 0; i < np; i++) {
		b.x0 = fmin(b.x0, xs[i]);
		b.x1 = fmax(b.x1, xs[i]);
		b.y0 = fmin(b.y0, ys[i]);
		b.y1 = fmax(b.y1, ys[i]);
		cx += xs[i] / (double)np;
		cy += ys[i] / (double)np;
	}
	for (size_t i = 0; i < np; i++) {
		double r = hypot(xs[i] - cx, ys[i] - cy);

		rmin = fmin(rmin, r);
		rmax = fmax(rmax, r);
	}
	b.circular = np >= 8 && rmax - rmin < 0.02 * rmax;
	b.cx = cx;
	b.cy = cy;
	b.r = rmin;
	set_bed(s, &b, key, at, v, n);
}

static void
set_flavor(struct slicer_settings *s, const char *v, size_t n)
{
	keys_trim(&v, &n);
	copy_text(s->flavor_text, sizeof s->flavor_text, v, n);
	s->flavor = flavor_from(v, n);
}

/* "1d 2h 3m 4s" -> seconds. */
static void
parse_duration(struct setting *st, const char *v, size_t n)
{
	double total = 0, cur = 0;
	int digits = 0;

	for (size_t i = 0; i < n; i++) {
		char c = v[i];

		if (c >= '0' && c <= '9') {
			cur = cur * 10 + (c - '0');
			digits++;
		} else if (digits && (c == 'd' || c == 'h' || c == 'm' ||
		    c == 's')) {
			total += cur * (c == 'd' ? 86400 : c == 'h' ? 3600 :
			    c == 'm' ? 60 : 1);
			cur = 0;
			digits = 0;
		}
	}
	if (total > 0) {
		st->v = total;
		st->set = true;
	}
}

/* The number at the start of v (blanks skipped), into *d. */
static bool
number(const char *v, size_t n, double *d)
{
	char buf[48];
	size_t k = 0;

	keys_trim(&v, &n);
	while (k < n && k < sizeof buf - 1 && (isdigit((unsigned char)v[k]) ||
	    v[k] == '.' || v[k] == '-' || v[k] == '+'))
		k++;
	copy_text(buf, sizeof buf, v, k);
	return num_config(buf, -1e12, 1e12, d) == NUM_OK;
}

static void
set_number(struct setting *st, const char *v, size_t n)
{
	double d;

	if (number(v, n, &d)) {
		st->v = d;
		st->set = true;
	}
}

/* ";   key,value" (Simplify3D): the machine's size and origin here. */
static void
s3d_line(struct slicer_settings *s, const char *k, size_t kn, const char *v,
    size_t vn, struct at at)
{
	struct slicer_evidence *ev = &s->ev;
	double d;

	keys_trim(&k, &kn);
	if (keys_store(s, FORM_S3D, k, kn, v, vn, at.line, at.from_end))
		return;
	if (kn == 20 && memcmp(k, "firmwareTypeOverride", 20) == 0) {
		set_flavor(s, v, vn);
	} else if (!number(v, vn, &d)) {
		return;
	} else if (kn == 25 && memcmp(k, "overrideMachineDefinition", 25) ==
	    0) {
		ev->s3d_override = d != 0;
	} else if (kn == 19 && memcmp(k, "machineTypeOverride", 19) == 0) {
		ev->s3d_machine = (int)d;
	} else if (kn == 15 && (memcmp(k, "strokeXoverride", 15) == 0 ||
	    memcmp(k, "strokeYoverride", 15) == 0)) {
		ev->s3d_stroke[k[6] - 'X'] = d;
		ev->s3d_stroke_set[k[6] - 'X'] = true;
		set_origin(&ev->dim_at, "strokeXoverride", at);
	} else if (kn == 21 && (memcmp(k, "originOffsetXoverride", 21) == 0 ||
	    memcmp(k, "originOffsetYoverride", 21) == 0)) {
		ev->s3d_origin[k[12] - 'X'] = d;
	}
}

/* "; key = value" */
static void
eq_line(struct slicer_settings *s, const char *k, size_t kn, const char *v,
    size_t vn, struct at at)
{
	struct slicer_evidence *ev = &s->ev;
	double d;

	keys_trim(&k, &kn);
	if (keys_store(s, FORM_EQ, k, kn, v, vn, at.line, at.from_end))
		return;
	if ((kn == 9 && memcmp(k, "bed_shape", 9) == 0) ||
	    (kn == 14 && memcmp(k, "printable_area", 14) == 0)) {
		/* Orca writes both: its own key wins */
		if (!s->bed.set || k[0] == 'p')
			parse_bed(s, k[0] == 'b' ? "bed_shape" :
			    "printable_area", v, vn, at);
	} else if (kn == 12 && memcmp(k, "gcode_flavor", 12) == 0) {
		set_flavor(s, v, vn);
	} else if (kn > 24 && memcmp(k, "estimated printing time (", 25) ==
	    0 && memmem(k, kn, "normal", 6) != NULL) {
		parse_duration(&s->est_time_s, v, vn);
	} else if (kn == 20 && memcmp(k, "total estimated time", 20) == 0) {
		parse_duration(&s->est_time_s, v, vn);
	} else if (kn == 13 && memcmp(k, "filament used", 13) == 0) {
		/* Slic3r 1.3: "1234.5mm (3.0cm3)" */
		keys_trim(&v, &vn);
		if (memmem(v, vn, "mm", 2) != NULL)
			set_number(&s->filament_mm, v, vn);
	} else if (kn == 13 && memcmp(k, "bed_size_", 9) == 0 &&
	    memcmp(k + 10, "_mm", 3) == 0 && (k[9] == 'x' || k[9] == 'y') &&
	    number(v, vn, &d)) {
		/* KISSlicer: size and centre */
		ev->kiss_bed[k[9] - 'x'] = d;
		set_origin(&ev->dim_at, "bed_size_x_mm", at);
	} else if (kn == 15 && memcmp(k, "bed_offset_", 11) == 0 &&
	    (k[11] == 'x' || k[11] == 'y') && number(v, vn, &d)) {
		ev->kiss_offset[k[11] - 'x'] = d;
	} else if (kn == 9 && memcmp(k, "round_bed", 9) == 0 &&
	    number(v, vn, &d)) {
		ev->kiss_round = d != 0;
	}
}

/* ";Key:value", "; key : <TAB> value" */
static void
colon_line(struct slicer_settings *s, const char *k, size_t kn,
    const char *v, size_t vn, struct at at)
{
	struct slicer_evidence *ev = &s->ev;
	double d;

	keys_trim(&k, &kn);
	if (keys_store(s, FORM_COLON, k, kn, v, vn, at.line, at.from_end))
		return;
	if ((same(k, kn, "Machine Width") || same(k, kn, "Machine Depth") ||
	    same(k, kn, "bed_size_x_mm") || same(k, kn, "bed_size_y_mm")) &&
	    number(v, vn, &d)) {
		/* Creality Print 4, IceSL */
		ev->dim[k[0] == 'b' ? k[9] - 'x' : k[8] == 'W' ? 0 : 1] = d;
		ev->dim_set = true;
		set_origin(&ev->dim_at, k[0] == 'b' ? "bed_size_x_mm" :
		    "Machine Width", at);
	} else if (same(k, kn, "Dimension")) {
		/* ideaMaker: "100.000 100.000 125.000 0.400" */
		char buf[128], *p, *save = NULL;
		double d3[3];
		int i = 0;

		copy_text(buf, sizeof buf, v, vn);
		for (p = strtok_r(buf, " \t", &save); p != NULL && i < 3;
		    p = strtok_r(NULL, " \t", &save))
			if (num_config(p, -1e12, 1e12, &d3[i++]) != NUM_OK)
				i = 9;
		if (i == 3) {
			double dz = d3[2];

			ev->dim[0] = d3[0];
			ev->dim[1] = d3[1];
			ev->dim_set = true;
			set_origin(&ev->dim_at, "Dimension", at);
			keys_set(s, &s->max_height, dz, 0, "Dimension",
			    at.line, at.from_end);
			s->max_height.bad = !limit_ok(LIM_MAX_HEIGHT, dz);
		}
	} else if (same(k, kn, "Origin Center") && number(v, vn, &d)) {
		ev->ideamaker_origin = (int)d;
	} else if (kn == 6 && memcmp(k, "FLAVOR", 6) == 0) {
		set_flavor(s, v, vn);
	} else if (kn == 4 && memcmp(k, "TIME", 4) == 0) {
		set_number(&s->est_time_s, v, vn);
		if (s->est_time_s.v == 6666)	/* CuraEngine's placeholder */
			s->est_time_s.set = false;
	} else if (kn == 12 && memcmp(k, "TIME_ELAPSED", 12) == 0) {
		set_number(&s->est_time_s, v, vn);	/* the last: total */
	} else if (kn == 13 && memcmp(k, "Filament used", 13) == 0) {
		set_number(&s->filament_mm, v, vn);
		s->filament_mm.v *= 1000;	/* metres */
		if (s->filament_mm.v == 0)
			s->filament_mm.set = false;
	}
}

/* Kiri:Moto: "Bed left:0 right:300 top:300 bottom:0" */
static void
kiri_bed(struct slicer_settings *s, const char *c, size_t n, struct at at)
{
	static const char *const names[] = { "left:", "bottom:", "right:",
	    "top:" };
	double v[4];
	struct bed b;

	for (size_t i = 0; i < 4; i++) {
		const char *p = memmem(c, n, names[i], strlen(names[i]));

		if (p == NULL)
			return;
		p += strlen(names[i]);
		if (!number(p, (size_t)(c + n - p), &v[i]))
			return;
	}
	memset(&b, 0, sizeof b);
	b.x0 = v[0];
	b.y0 = v[1];
	b.x1 = v[2];
	b.y1 = v[3];
	set_bed(s, &b, "Bed", at, c, n);
}

/* Skeinforge: "(<setting> plugin Key: value </setting>)", "(<key> v </key>)" */
static void
skein_line(struct slicer_settings *s, const char *c, size_t n, struct at at)
{
	const char *k, *v, *e, *colon;
	size_t kn;

	if (n < 4 || c[0] != '<')
		return;
	if (c[n - 1] == ')')	/* the comment's, not "(millimeters)" */
		n--;
	if (is(c, n, "<setting>")) {
		k = c + 9;
		while (k < c + n && *k == ' ')
			k++;
		while (k < c + n && *k != ' ')	/* the plugin's name */
			k++;
		while (k < c + n && *k == ' ')
			k++;
		if ((e = memmem(k, (size_t)(c + n - k), "</setting>", 10)) ==
		    NULL)
			return;
		if ((colon = memchr(k, ':', (size_t)(e - k))) != NULL) {
			kn = (size_t)(colon - k);
			v = colon + 1;
		} else {
			for (v = k; v < e && *v != ' '; v++)
				;
			kn = (size_t)(v - k);
		}
		keys_store(s, FORM_SKEIN, k, kn, v, (size_t)(e - v), at.line,
		    at.from_end);
		return;
	}
	k = c + 1;
	if ((e = memchr(k, '>', n - 1)) == NULL)
		return;
	kn = (size_t)(e - k);
	v = e + 1;
	if ((e = memmem(v, (size_t)(c + n - v), "</", 2)) == NULL)
		return;
	keys_store(s, FORM_SKEIN, k, kn, v, (size_t)(e - v), at.line,
	    at.from_end);
}

void
slicer_line(struct slicer_settings *s, const char *t, size_t n,
    unsigned long number)
{
	struct slicer_evidence *ev = &s->ev;
	struct at at = { number, ev->in_tail };
	const char *c, *eq, *colon;
	size_t cn;

	if (ev->in_tail)
		at.line = ev->tail_lines - number + 1;
	while (n > 0 && (t[n - 1] == '\r' || t[n - 1] == ' ' ||
	    t[n - 1] == '\t'))
		n--;
	if (n == 0)
		return;
	detect_line(s, t, n, number);
	if (proto_is_processed(t, n)) {
		ev->mark_last = true;
		return;
	}
	if (t[0] == '(') {
		skein_line(s, t + 1, n - 1, at);
		return;
	}
	if (t[0] != ';') {
		if (!isspace((unsigned char)t[0]))
			ev->mark_last = false;
		return;
	}
	c = t + 1;
	cn = n - 1;
	if (is(c, cn, "SETTING_3 ")) {
		cura_piece(s, c + 10, cn - 10, at.line, at.from_end);
		return;
	}
	if (is(c, cn, "   ") && !is(c, cn, "    ") &&
	    (colon = memchr(c, ',', cn)) != NULL) {
		s3d_line(s, c, (size_t)(colon - c), colon + 1,
		    (size_t)(c + cn - colon - 1), at);
		return;
	}
	while (cn > 0 && (*c == ' ' || *c == '\t')) {
		c++;
		cn--;
	}
	if (is(c, cn, "*** ")) {
		/* KISSlicer's sections */
		ev->bonus = memmem(c, cn, "As Used", 7) != NULL;
		return;
	}
	if (is(c, cn, "Bed left:")) {
		kiri_bed(s, c + 4, cn - 4, at);
		return;
	}
	eq = memchr(c, '=', cn);
	colon = memchr(c, ':', cn);
	if (eq != NULL && (colon == NULL || eq < colon))
		eq_line(s, c, (size_t)(eq - c), eq + 1,
		    (size_t)(c + cn - eq - 1), at);
	else if (colon != NULL)
		colon_line(s, c, (size_t)(colon - c), colon + 1,
		    (size_t)(c + cn - colon - 1), at);
}

/* The beds that take several keys. */
static void
beds_end(struct slicer_settings *s)
{
	struct slicer_evidence *ev = &s->ev;
	struct at at = { 0, false };
	struct bed b;
	char text[128];

	if (s->bed.set)
		return;
	memset(&b, 0, sizeof b);
	if (ev->s3d_override && ev->s3d_stroke_set[0] &&
	    ev->s3d_stroke_set[1]) {
		b.x0 = -ev->s3d_origin[0];
		b.y0 = -ev->s3d_origin[1];
		b.x1 = b.x0 + ev->s3d_stroke[0];
		b.y1 = b.y0 + ev->s3d_stroke[1];
		if (ev->s3d_machine == 1) {	/* delta: a round bed */
			b.circular = true;
			b.cx = (b.x0 + b.x1) / 2;
			b.cy = (b.y0 + b.y1) / 2;
			b.r = ev->s3d_stroke[0] / 2;
		}
	} else if (ev->kiss_bed[0] > 0 && ev->kiss_bed[1] > 0) {
		b.x0 = ev->kiss_offset[0] - ev->kiss_bed[0] / 2;
		b.y0 = ev->kiss_offset[1] - ev->kiss_bed[1] / 2;
		b.x1 = b.x0 + ev->kiss_bed[0];
		b.y1 = b.y0 + ev->kiss_bed[1];
		if (ev->kiss_round) {
			b.circular = true;
			b.cx = ev->kiss_offset[0];
			b.cy = ev->kiss_offset[1];
			b.r = fmin(ev->kiss_bed[0], ev->kiss_bed[1]) / 2;
		}
	} else if (ev->dim_set && ev->dim[0] > 0 && ev->dim[1] > 0) {
		b.x1 = ev->dim[0];
		b.y1 = ev->dim[1];
		if (ev->ideamaker_origin) {
			b.x0 = -ev->dim[0] / 2;
			b.y0 = -ev->dim[1] / 2;
			b.x1 = ev->dim[0] / 2;
			b.y1 = ev->dim[1] / 2;
		}
	} else {
		return;
	}
	snprintf(text, sizeof text, "%g,%g to %g,%g", b.x0, b.y0, b.x1, b.y1);
	set_bed(s, &b, ev->dim_at.key, at, text, strlen(text));
	s->bed_at = ev->dim_at;
}

void
slicer_end(struct slicer_settings *s)
{
	cura_end(s);
	beds_end(s);
	detect_end(s);
	s->already_processed = s->ev.mark_last;
	/* Creality OS is Klipper */
	if (s->flavor == FLAVOR_OTHER &&
	    strcasecmp(s->flavor_text, "Creality OS") == 0)
		s->flavor = FLAVOR_KLIPPER;
}

/* Feed every whole line of buf[0, len) to slicer_line(); first: the
 * block starts the file; last: it ends it.  Returns the lines fed. */
static unsigned long
feed_block(struct slicer_settings *s, const char *buf, size_t len,
    bool first, bool last, bool count_only)
{
	const char *p = buf, *end = buf + len;
	unsigned long n = 0;

	if (!first) {	/* starts mid-line: skip to the first whole one */
		while (p < end && *p != '\n')
			p++;
		if (p < end)
			p++;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl == NULL && !last)
			break;	/* cut off: its end is not here */
		n++;
		if (!count_only)
			slicer_line(s, p, (size_t)((nl ? nl : end) - p), n);
		p = nl ? nl + 1 : end;
	}
	return n;
}

static int
read_at(int fd, char *buf, size_t len, off_t off)
{
	size_t have = 0;
	ssize_t got;

	while (have < len) {
		got = pread(fd, buf + have, len - have, off + (off_t)have);
		if (got == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (got == 0)
			break;
		have += (size_t)got;
	}
	return (int)(have == len ? 0 : -1);
}

/* The head (the whole file when it is short) and the tail. */
static int
scan_blocks(struct slicer_settings *s, const char *head, size_t hn,
    const char *tail, size_t tn, bool whole)
{
	feed_block(s, head, hn, true, whole, false);
	if (!whole) {
		s->ev.tail_lines = feed_block(s, tail, tn, false, true, true);
		s->ev.in_tail = true;
		feed_block(s, tail, tn, false, true, false);
		s->ev.in_tail = false;
	}
	slicer_end(s);
	return learn_head(s, head, hn, whole ? NULL : tail, tn);
}

/* Every number setting of struct slicer_settings. */
static const size_t setting_fields[] = {
	offsetof(struct slicer_settings, max_height),
	offsetof(struct slicer_settings, retract_mm),
	offsetof(struct slicer_settings, retract_speed),
	offsetof(struct slicer_settings, deretract_speed),
	offsetof(struct slicer_settings, zhop_mm),
	offsetof(struct slicer_settings, travel_speed),
	offsetof(struct slicer_settings, relative_e),
	offsetof(struct slicer_settings, fw_retraction),
	offsetof(struct slicer_settings, vase),
	offsetof(struct slicer_settings, sequential),
	offsetof(struct slicer_settings, layer_height),
	offsetof(struct slicer_settings, first_layer_height),
	offsetof(struct slicer_settings, accel),
	offsetof(struct slicer_settings, accel_travel),
	offsetof(struct slicer_settings, accel_z),
	offsetof(struct slicer_settings, accel_e),
	offsetof(struct slicer_settings, feed_xy),
	offsetof(struct slicer_settings, feed_z),
};

#define NFIELDS (sizeof setting_fields / sizeof setting_fields[0])

static struct setting *
field(struct slicer_settings *s, size_t i)
{
	return (struct setting *)((char *)s + setting_fields[i]);
}

/* A bad value read in the tail: its message needs its line. */
static bool
bad_in_tail(struct slicer_settings *s)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (field(s, i)->bad && field(s, i)->at.from_end > 0)
			return true;
	return s->bed_bad && s->bed_at.from_end > 0;
}

/* The file has total lines: number the tail's from the start. */
static void
resolve_lines(struct slicer_settings *s, unsigned long total)
{
	for (size_t i = 0; i < NFIELDS; i++) {
		struct origin *o = &field(s, i)->at;

		o->line = slicer_origin_line(o, total);
		o->from_end = 0;
	}
	s->bed_at.line = slicer_origin_line(&s->bed_at, total);
	s->bed_at.from_end = 0;
}

/* Lines of the file on fd, as the line reader counts them. */
static int
count_lines(int fd, size_t size, unsigned long *total)
{
	char *buf = malloc(TAIL_BYTES);
	unsigned long n = 0;
	size_t off = 0, k;
	char last = '\n';
	ssize_t got;

	if (buf == NULL)
		return -1;
	while (off < size) {
		k = size - off < TAIL_BYTES ? size - off : TAIL_BYTES;
		if ((got = pread(fd, buf, k, (off_t)off)) <= 0) {
			if (got == -1 && errno == EINTR)
				continue;
			free(buf);
			return -1;
		}
		for (ssize_t i = 0; i < got; i++)
			n += buf[i] == '\n';
		last = buf[got - 1];
		off += (size_t)got;
	}
	free(buf);
	*total = n + (last != '\n');
	return 0;
}

int
slicer_scan(struct slicer_settings *s, int fd)
{
	struct stat st;
	size_t size, hn, tn;
	char *buf;
	int r = -1;

	if (fstat(fd, &st) == -1)
		return -1;
	size = (size_t)st.st_size;
	hn = size < HEAD_BYTES + TAIL_BYTES ? size : HEAD_BYTES;
	tn = size - hn < TAIL_BYTES ? size - hn : TAIL_BYTES;
	if ((buf = malloc(hn + tn + 1)) == NULL)
		return -1;
	if (read_at(fd, buf, hn, 0) == 0 &&
	    read_at(fd, buf + hn, tn, (off_t)(size - tn)) == 0)
		r = scan_blocks(s, buf, hn, buf + hn, tn, hn == size);
	free(buf);
	if (r == 0 && bad_in_tail(s)) {
		/* rare: the error will name the line */
		unsigned long total;

		if (count_lines(fd, size, &total) == -1)
			return -1;
		resolve_lines(s, total);
	}
	return r;
}

int
slicer_scan_mem(struct slicer_settings *s, const char *data, size_t len)
{
	size_t hn = len < HEAD_BYTES + TAIL_BYTES ? len : HEAD_BYTES;
	size_t tn = len - hn < TAIL_BYTES ? len - hn : TAIL_BYTES;

	int r = scan_blocks(s, data, hn, data + len - tn, tn, hn == len);

	if (r == 0 && bad_in_tail(s)) {
		unsigned long n = 0;

		for (size_t i = 0; i < len; i++)
			n += data[i] == '\n';
		resolve_lines(s, n + (len > 0 && data[len - 1] != '\n'));
	}
	return r;
}

unsigned long
slicer_origin_line(const struct origin *o, unsigned long total)
{
	if (o->line > 0)
		return o->line;
	if (o->from_end > 0 && total >= o->from_end)
		return total - o->from_end + 1;
	return 0;
}

static double
given_or(const struct setting *st, double otherwise)
{
	return st->set && !st->bad && st->v > 0 ? st->v : otherwise;
}

struct accels
slicer_accels(const struct slicer_settings *s)
{
	bool cura = s->slicer == SLICER_CURA;
	double xy;

	/* Cura's fdmprinter defaults; elsewhere a middle-of-the-road
	 * Marlin printer. */
	xy = given_or(&s->accel, cura ? 4000 : 1000);
	return (struct accels){
		xy,
		given_or(&s->accel_travel, xy),
		given_or(&s->accel_z, cura ? 100 : 200),
		given_or(&s->accel_e, cura ? 10000 : 5000),
		given_or(&s->feed_xy, 0),
		given_or(&s->feed_z, 0),
	};
}

enum flavor
slicer_flavor(const struct slicer_settings *s, const char *firmware)
{
	if (firmware != NULL && firmware[0] != '\0')
		return flavor_from(firmware, strlen(firmware));
	return s->flavor;
}

/* Does the file's slicer announce every layer in a comment?  Slic3r and
 * PrusaSlicer before 2.3 do not (their users' profiles may). */
static bool
writes_layer_comments(const struct slicer_settings *s)
{
	const char *v = s->version;
	long major = 0, minor = 0;

	for (; *v >= '0' && *v <= '9'; v++)
		major = major * 10 + (*v - '0');
	if (*v == '.')
		for (v++; *v >= '0' && *v <= '9'; v++)
			minor = minor * 10 + (*v - '0');
	switch (s->slicer) {
	case SLICER_UNKNOWN:
	case SLICER_SLIC3R:
	case SLICER_SLIC3R_PE:
	case SLICER_FULLCONTROL:
		return false;
	case SLICER_PRUSA:
		return major > 2 || (major == 2 && minor >= 3);
	default:
		return true;
	}
}

void
slicer_machine_init(struct machine *m, const struct slicer_settings *s,
    const char *firmware)
{
	struct machine_config cfg;

	machine_config_default(&cfg);
	flavor_machine_config(slicer_flavor(s, firmware), &cfg);
	if (s->retract_mm.set && !s->retract_mm.bad && s->fw_retraction.set &&
	    s->fw_retraction.v)
		cfg.fw_retract_mm = s->retract_mm.v;
	if (s->retract_speed.set && !s->retract_speed.bad)
		cfg.fw_retract_feed = s->retract_speed.v * 60;
	if (s->layer_height.set && !s->layer_height.bad)
		cfg.layer_height_hint = s->layer_height.v;
	cfg.layer_comments = writes_layer_comments(s);
	/* no M82/M83 before the first E move: the start macro's mode */
	if (!s->e_mode_set && s->first_e > 0 && s->relative_e.set &&
	    s->relative_e.v != 0)
		cfg.relative_e_line = s->first_e;
	machine_init(m, &cfg);
}

const char *
slicer_name(enum slicer_kind k)
{
	static const char *const names[] = {
		[SLICER_UNKNOWN] = "unknown",
		[SLICER_PRUSA] = "PrusaSlicer",
		[SLICER_SUPERSLICER] = "SuperSlicer",
		[SLICER_SLIC3R] = "Slic3r",
		[SLICER_SLIC3R_PE] = "Slic3r Prusa Edition",
		[SLICER_ORCA] = "OrcaSlicer",
		[SLICER_BAMBU] = "BambuStudio",
		[SLICER_CREALITY] = "Creality Print",
		[SLICER_CURA] = "Cura",
		[SLICER_S3D] = "Simplify3D",
		[SLICER_IDEAMAKER] = "ideaMaker",
		[SLICER_KISSLICER] = "KISSlicer",
		[SLICER_KIRI] = "Kiri:Moto",
		[SLICER_ICESL] = "IceSL",
		[SLICER_FLASHPRINT] = "FlashPrint",
		[SLICER_REPLICATORG] = "ReplicatorG",
		[SLICER_MATTERCONTROL] = "MatterControl",
		[SLICER_CRAFTWARE] = "CraftWare",
		[SLICER_FULLCONTROL] = "FullControl",
	};

	return (size_t)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

const char *
slicer_source_name(enum setting_source src)
{
	switch (src) {
	case SRC_NONE:
		return "none";
	case SRC_FILE:
		return "file";
	case SRC_LEARNED:
		return "learned";
	case SRC_PROFILE:
		return "profile";
	case SRC_OPTION:
		return "option";
	case SRC_DEFAULT:
		return "default";
	}
	return "?";
}

void
slicer_origin_text(char *buf, size_t size, const struct origin *o,
    unsigned long total)
{
	unsigned long line = slicer_origin_line(o, total);
	const char *key = o->key != NULL ? o->key : "";
	char at[32] = "";

	if (line > 0)
		snprintf(at, sizeof at, ", line %lu", line);
	switch (o->src) {
	case SRC_FILE:
		snprintf(buf, size, "the file's comment%s (%s)", at, key);
		break;
	case SRC_LEARNED:
		if (line > 0)
			snprintf(buf, size, "learned from the moves at line "
			    "%lu (%s)", line, key);
		else
			snprintf(buf, size, "learned from the moves (%s)", key);
		break;
	case SRC_PROFILE:
		snprintf(buf, size, "profile (%s)", key);
		break;
	case SRC_OPTION:
		snprintf(buf, size, "option --%s", key);
		break;
	case SRC_DEFAULT:
		snprintf(buf, size, "default");
		break;
	case SRC_NONE:
		snprintf(buf, size, "not known");
		break;
	}
}
