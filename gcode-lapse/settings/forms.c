/*
 * forms.c: the forms the families write their settings in, line by line.
 *
 * Each comment line is sorted by its form and its key and value handed
 * to keys.c; the few settings that take several keys or a format of
 * their own (beds, flavors, durations, Kiri:Moto's bed line, Skeinforge's
 * tags) are read here.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "num.h"
#include "settings/cura.h"
#include "settings/forms.h"
#include "settings/keys.h"
#include "settings/limits.h"

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
	keys_origin(o, key, at.line, at.from_end);
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
	if (same(k, kn, "firmwareTypeOverride")) {
		set_flavor(s, v, vn);
	} else if (!number(v, vn, &d)) {
		return;
	} else if (same(k, kn, "overrideMachineDefinition")) {
		ev->s3d_override = d != 0;
	} else if (same(k, kn, "machineTypeOverride")) {
		ev->s3d_machine = (int)d;
	} else if (same(k, kn, "strokeXoverride") ||
	    same(k, kn, "strokeYoverride")) {
		ev->s3d_stroke[k[6] - 'X'] = d;
		ev->s3d_stroke_set[k[6] - 'X'] = true;
		set_origin(&ev->dim_at, "strokeXoverride", at);
	} else if (same(k, kn, "originOffsetXoverride") ||
	    same(k, kn, "originOffsetYoverride")) {
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
	if (same(k, kn, "bed_shape") || same(k, kn, "printable_area")) {
		/* Orca writes both: its own key wins */
		if (!s->bed.set || k[0] == 'p')
			parse_bed(s, k[0] == 'b' ? "bed_shape" :
			    "printable_area", v, vn, at);
	} else if (same(k, kn, "gcode_flavor")) {
		set_flavor(s, v, vn);
	} else if (is(k, kn, "estimated printing time (") &&
	    memmem(k, kn, "normal", 6) != NULL) {
		parse_duration(&s->est_time_s, v, vn);
	} else if (same(k, kn, "total estimated time")) {
		parse_duration(&s->est_time_s, v, vn);
	} else if (same(k, kn, "filament used")) {
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
	} else if (same(k, kn, "round_bed") && number(v, vn, &d)) {
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
	} else if (same(k, kn, "FLAVOR")) {
		set_flavor(s, v, vn);
		/* Cura's "RepRap" is its "RepRap (RepRap)": RepRapFirmware */
		if (s->flavor == FLAVOR_REPRAP)
			s->flavor = FLAVOR_RRF;
	} else if (same(k, kn, "TIME")) {
		set_number(&s->est_time_s, v, vn);
		if (s->est_time_s.v == 6666)	/* CuraEngine's placeholder */
			s->est_time_s.set = false;
	} else if (same(k, kn, "TIME_ELAPSED")) {
		set_number(&s->est_time_s, v, vn);	/* the last: total */
	} else if (same(k, kn, "Filament used")) {
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
forms_line(struct slicer_settings *s, const char *t, size_t n,
    unsigned long line, bool from_end)
{
	struct slicer_evidence *ev = &s->ev;
	struct at at = { line, from_end };
	const char *c, *eq, *colon;
	size_t cn;

	if (t[0] == '(') {
		skein_line(s, t + 1, n - 1, at);
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

void
forms_end(struct slicer_settings *s)
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
