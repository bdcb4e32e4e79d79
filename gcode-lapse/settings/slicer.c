/*
 * slicer.c: settings from the slicers' comments.
 *
 * One table maps each slicer's key to our setting and its unit, so adding
 * a slicer is adding rows.  Multi-extruder values ("0.8,0.8") take the
 * first tool's.  Numbers go through num_config(): a malformed value is
 * ignored, never half-read.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "num.h"
#include "protocol.h"
#include "settings/slicer.h"

#define HEAD_BYTES (1024 * 1024)
#define TAIL_BYTES (1024 * 1024)

enum conv {
	C_NUM,		/* as is */
	C_BOOL,		/* 0/1, true/false */
	C_PERMIN,	/* mm/min -> mm/s */
};

struct key {
	const char *key;
	size_t off;	/* offsetof(struct slicer_settings, x) */
	enum conv conv;
};

#define S(f) offsetof(struct slicer_settings, f)

/* PrusaSlicer, SuperSlicer, Slic3r, OrcaSlicer, BambuStudio: "; k = v". */
static const struct key eq_keys[] = {
	{ "max_print_height", S(max_height), C_NUM },
	{ "printable_height", S(max_height), C_NUM },
	{ "retract_length", S(retract_mm), C_NUM },
	{ "retraction_length", S(retract_mm), C_NUM },
	{ "retract_speed", S(retract_speed), C_NUM },
	{ "retraction_speed", S(retract_speed), C_NUM },
	{ "deretract_speed", S(deretract_speed), C_NUM },
	{ "deretraction_speed", S(deretract_speed), C_NUM },
	{ "retract_lift", S(zhop_mm), C_NUM },
	{ "z_hop", S(zhop_mm), C_NUM },
	{ "travel_speed", S(travel_speed), C_NUM },
	{ "use_relative_e_distances", S(relative_e), C_BOOL },
	{ "use_firmware_retraction", S(fw_retraction), C_BOOL },
	{ "spiral_vase", S(vase), C_BOOL },
	{ "spiral_mode", S(vase), C_BOOL },
	{ "complete_objects", S(sequential), C_BOOL },
	{ "layer_height", S(layer_height), C_NUM },
	{ "first_layer_height", S(first_layer_height), C_NUM },
	{ "initial_layer_print_height", S(first_layer_height), C_NUM },
	{ "default_acceleration", S(accel), C_NUM },
	{ "machine_max_acceleration_z", S(accel_z), C_NUM },
	{ "machine_max_acceleration_e", S(accel_e), C_NUM },
	{ "filament used [mm]", S(filament_mm), C_NUM },
	{ "filament_diameter", S(filament_diameter), C_NUM },
};

/* Cura ";SETTING_3" blob: "key = value" separated by "\\n". */
static const struct key cura_keys[] = {
	{ "retraction_amount", S(retract_mm), C_NUM },
	{ "retraction_retract_speed", S(retract_speed), C_NUM },
	{ "retraction_speed", S(retract_speed), C_NUM },
	{ "retraction_prime_speed", S(deretract_speed), C_NUM },
	{ "retraction_hop", S(zhop_mm), C_NUM },
	{ "speed_travel", S(travel_speed), C_NUM },
	{ "relative_extrusion", S(relative_e), C_BOOL },
	{ "machine_firmware_retract", S(fw_retraction), C_BOOL },
	{ "magic_spiralize", S(vase), C_BOOL },
	{ "layer_height", S(layer_height), C_NUM },
	{ "layer_height_0", S(first_layer_height), C_NUM },
	{ "machine_height", S(max_height), C_NUM },
	{ "acceleration_print", S(accel), C_NUM },
	{ "machine_max_acceleration_z", S(accel_z), C_NUM },
	{ "machine_max_acceleration_e", S(accel_e), C_NUM },
	{ "material_diameter", S(filament_diameter), C_NUM },
};

/* Simplify3D ";   key,value". */
static const struct key s3d_keys[] = {
	{ "extruderRetractionDistance", S(retract_mm), C_NUM },
	{ "extruderRetractionSpeed", S(retract_speed), C_PERMIN },
	{ "extruderRetractionZLift", S(zhop_mm), C_NUM },
	{ "rapidXYspeed", S(travel_speed), C_PERMIN },
	{ "relativeEdistances", S(relative_e), C_BOOL },
	{ "spiralVaseMode", S(vase), C_BOOL },
	{ "layerHeight", S(layer_height), C_NUM },
	{ "strokeZoverride", S(max_height), C_NUM },
};

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

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* Store a value: the first tool's for "a,b", units converted. */
static void
store(struct slicer_settings *s, const struct key *k, const char *v,
    size_t n)
{
	struct setting *st = (struct setting *)((char *)s + k->off);
	char buf[64];
	double d;
	const char *comma = memchr(v, ',', n);

	if (comma != NULL)
		n = (size_t)(comma - v);
	trim(&v, &n);
	/* Orca writes percentages for some speeds; we only want mm/s. */
	if (n == 0 || v[n - 1] == '%')
		return;
	if (k->conv == C_BOOL) {
		if ((n == 4 && strncasecmp(v, "true", 4) == 0) ||
		    (n == 1 && v[0] == '1')) {
			st->v = 1;
			st->set = true;
		} else if ((n == 5 && strncasecmp(v, "false", 5) == 0) ||
		    (n == 1 && v[0] == '0')) {
			st->v = 0;
			st->set = true;
		} else if (n == 9 && strncmp(v, "by object", 9) == 0) {
			st->v = 1;
			st->set = true;
		}
		return;
	}
	copy_text(buf, sizeof buf, v, n);
	if (num_config(buf, -1e9, 1e9, &d) != NUM_OK)
		return;
	st->v = k->conv == C_PERMIN ? d / 60 : d;
	st->set = true;
}

static const struct key *
find_key(const struct key *keys, size_t nkeys, const char *k, size_t n)
{
	for (size_t i = 0; i < nkeys; i++)
		if (strlen(keys[i].key) == n &&
		    memcmp(keys[i].key, k, n) == 0)
			return &keys[i];
	return NULL;
}

/* "0x0,250x0,250x210,0x210": bounding box; many points round = circle. */
static void
parse_bed(struct bed *bed, const char *v, size_t n)
{
	double xs[128], ys[128], cx = 0, cy = 0, rmin = 1e9, rmax = 0;
	size_t np = 0;
	char buf[2048];
	char *p, *save = NULL;

	copy_text(buf, sizeof buf, v, n);
	for (p = strtok_r(buf, ",", &save); p != NULL && np < 128;
	    p = strtok_r(NULL, ",", &save)) {
		char *x = strchr(p, 'x');

		if (x == NULL)
			return;
		*x = '\0';
		if (num_config(p, -1e6, 1e6, &xs[np]) != NUM_OK ||
		    num_config(x + 1, -1e6, 1e6, &ys[np]) != NUM_OK)
			return;
		np++;
	}
	if (np < 3)
		return;
	bed->x0 = bed->x1 = xs[0];
	bed->y0 = bed->y1 = ys[0];
	for (size_t i = 0; i < np; i++) {
		bed->x0 = xs[i] < bed->x0 ? xs[i] : bed->x0;
		bed->x1 = xs[i] > bed->x1 ? xs[i] : bed->x1;
		bed->y0 = ys[i] < bed->y0 ? ys[i] : bed->y0;
		bed->y1 = ys[i] > bed->y1 ? ys[i] : bed->y1;
		cx += xs[i] / (double)np;
		cy += ys[i] / (double)np;
	}
	for (size_t i = 0; i < np; i++) {
		double r = sqrt((xs[i] - cx) * (xs[i] - cx) +
		    (ys[i] - cy) * (ys[i] - cy));

		rmin = r < rmin ? r : rmin;
		rmax = r > rmax ? r : rmax;
	}
	bed->circular = np >= 8 && rmax - rmin < 0.02 * rmax;
	bed->cx = cx;
	bed->cy = cy;
	bed->r = rmin;
	bed->set = true;
}

static void
set_flavor(struct slicer_settings *s, const char *v, size_t n)
{
	trim(&v, &n);
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

static void
generated_by(struct slicer_settings *s, const char *c, size_t n)
{
	static const struct {
		const char *name;
		enum slicer_kind kind;
	} names[] = {
		{ "PrusaSlicer", SLICER_PRUSA },
		{ "SuperSlicer", SLICER_SUPERSLICER },
		{ "Slic3r", SLICER_SLIC3R },
		{ "OrcaSlicer", SLICER_ORCA },
		{ "BambuStudio", SLICER_BAMBU },
		{ "Cura_SteamEngine", SLICER_CURA },
		{ "Simplify3D(R)", SLICER_S3D },
		{ "ideaMaker", SLICER_IDEAMAKER },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t ln = strlen(names[i].name);
		const char *p = c, *e;

		/* find the name, then the version after a blank */
		for (; p + ln <= c + n; p++)
			if (memcmp(p, names[i].name, ln) == 0)
				break;
		if (p + ln > c + n)
			continue;
		s->slicer = names[i].kind;
		p += ln;
		while (p < c + n && (*p == ' ' || *p == '-'))
			p++;
		if (c + n - p >= 8 && memcmp(p, "Version ", 8) == 0)
			p += 8;
		e = p;
		while (e < c + n && *e != ' ' && *e != '+')
			e++;
		copy_text(s->version, sizeof s->version, p, (size_t)(e - p));
		return;
	}
}

/* Cura's ";SETTING_3 ..." pieces: JSON text with "key = value\\n". */
static void
cura_settings(struct slicer_settings *s, const char *c, size_t n)
{
	const char *end = c + n;

	while (c < end) {
		const char *nl = c, *eq;

		while (nl + 1 < end && !(nl[0] == '\\' && nl[1] == 'n'))
			nl++;
		if (nl + 1 >= end)
			nl = end;
		eq = memchr(c, '=', (size_t)(nl - c));
		if (eq != NULL) {
			const char *k = c;
			size_t kn = (size_t)(eq - c);
			const struct key *key;

			trim(&k, &kn);
			key = find_key(cura_keys, sizeof cura_keys /
			    sizeof cura_keys[0], k, kn);
			if (key != NULL)
				store(s, key, eq + 1, (size_t)(nl - eq - 1));
			else if (kn == 14 &&
			    memcmp(k, "print_sequence", 14) == 0)
				s->sequential = (struct setting){
				    memmem(eq, (size_t)(nl - eq),
				    "one_at_a_time", 13) != NULL, true };
		}
		c = nl + 2;
	}
}

void
slicer_line(struct slicer_settings *s, const char *t, size_t n)
{
	const char *c, *eq;
	size_t cn;

	if (n < 2 || t[0] != ';')
		return;
	if (proto_starts(t, n, PROTO_PROCESSED)) {
		s->already_processed = true;
		return;
	}
	c = t + 1;
	cn = n - 1;
#define IS(p) (cn >= sizeof p - 1 && memcmp(c, p, sizeof p - 1) == 0)
#define AFTER(p) c + sizeof p - 1, cn - (sizeof p - 1)
	if (IS("FLAVOR:")) {
		set_flavor(s, AFTER("FLAVOR:"));
		return;
	}
	if (IS("TIME:")) {
		store(s, &(struct key){ "", S(est_time_s), C_NUM },
		    AFTER("TIME:"));
		if (s->est_time_s.v == 6666)	/* CuraEngine's placeholder */
			s->est_time_s.set = false;
		return;
	}
	if (IS("TIME_ELAPSED:")) {	/* Cura: the last one is the total */
		store(s, &(struct key){ "", S(est_time_s), C_NUM },
		    AFTER("TIME_ELAPSED:"));
		return;
	}
	if (IS("LAYER_COUNT:")) {
		store(s, &(struct key){ "", S(layer_count), C_NUM },
		    AFTER("LAYER_COUNT:"));
		return;
	}
	if (IS("Filament used:")) {
		store(s, &(struct key){ "", S(filament_mm), C_NUM },
		    AFTER("Filament used:"));
		s->filament_mm.v *= 1000;	/* metres */
		if (s->filament_mm.v == 0)
			s->filament_mm.set = false;
		return;
	}
	if (IS("Layer height:")) {
		store(s, &(struct key){ "", S(layer_height), C_NUM },
		    AFTER("Layer height:"));
		return;
	}
	if (IS("SETTING_3 ")) {
		cura_settings(s, AFTER("SETTING_3 "));
		return;
	}
	if (IS("Generated with ") || IS(" generated by ") ||
	    IS(" G-Code generated by ") || IS("Sliced by ") ||
	    IS(" BambuStudio ")) {
		generated_by(s, c, cn);
		return;
	}
	if (IS("   ") && !IS("    ")) {		/* Simplify3D */
		const char *comma = memchr(c, ',', cn);

		if (comma != NULL) {
			const char *k = c;
			size_t kn = (size_t)(comma - c);
			const struct key *key;

			trim(&k, &kn);
			key = find_key(s3d_keys, sizeof s3d_keys /
			    sizeof s3d_keys[0], k, kn);
			if (key != NULL)
				store(s, key, comma + 1,
				    (size_t)(c + cn - comma - 1));
			else if (kn == 20 && memcmp(k,
			    "firmwareTypeOverride", 20) == 0)
				set_flavor(s, comma + 1,
				    (size_t)(c + cn - comma - 1));
		}
		return;
	}
#undef IS
#undef AFTER
	if ((eq = memchr(c, '=', cn)) != NULL) {
		const char *k = c, *v = eq + 1;
		size_t kn = (size_t)(eq - c), vn = (size_t)(c + cn - v);
		const struct key *key;

		trim(&k, &kn);
		if ((key = find_key(eq_keys, sizeof eq_keys / sizeof eq_keys[0],
		    k, kn)) != NULL) {
			store(s, key, v, vn);
		} else if ((kn == 9 && memcmp(k, "bed_shape", 9) == 0) ||
		    (kn == 14 && memcmp(k, "printable_area", 14) == 0)) {
			trim(&v, &vn);
			parse_bed(&s->bed, v, vn);
		} else if (kn == 12 && memcmp(k, "gcode_flavor", 12) == 0) {
			set_flavor(s, v, vn);
		} else if (kn == 14 && memcmp(k, "print_sequence", 14) == 0) {
			trim(&v, &vn);
			s->sequential = (struct setting){
			    vn == 9 && memcmp(v, "by object", 9) == 0, true };
		} else if (kn > 24 && memcmp(k,
		    "estimated printing time (", 25) == 0 &&
		    memmem(k, kn, "normal", 6) != NULL) {
			parse_duration(&s->est_time_s, v, vn);
		} else if (kn == 20 && memcmp(k, "total estimated time", 20) ==
		    0) {
			parse_duration(&s->est_time_s, v, vn);
		} else if (kn == 13 && memcmp(k, "filament used", 13) == 0) {
			/* Slic3r 1.3: "1234.5mm (3.0cm3)" */
			const char *mm;

			trim(&v, &vn);
			if ((mm = memmem(v, vn, "mm", 2)) != NULL)
				store(s, &(struct key){ "", S(filament_mm),
				    C_NUM }, v, (size_t)(mm - v));
		}
	}
}

static int
scan_block(struct slicer_settings *s, int fd, off_t off, size_t len,
    char *buf)
{
	ssize_t got;
	size_t have = 0;
	char *p, *end;

	while (have < len) {
		got = pread(fd, buf + have, len - have, off + (off_t)have);
		if (got == -1)
			return -1;
		if (got == 0)
			break;
		have += (size_t)got;
	}
	p = buf;
	end = buf + have;
	/* A tail block starts mid-line: skip to the first full one. */
	if (off > 0) {
		while (p < end && *p != '\n')
			p++;
		if (p < end)
			p++;
	}
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n > 0 && p[n - 1] == '\r')
			n--;
		slicer_line(s, p, n);
		p = nl ? nl + 1 : end;
	}
	return 0;
}

int
slicer_scan(struct slicer_settings *s, int fd)
{
	struct stat st;
	off_t size;
	char *buf;
	int r = 0;

	if (fstat(fd, &st) == -1)
		return -1;
	size = st.st_size;
	if ((buf = malloc(HEAD_BYTES > TAIL_BYTES ? HEAD_BYTES :
	    TAIL_BYTES)) == NULL)
		return -1;
	if (scan_block(s, fd, 0, (size_t)(size < HEAD_BYTES ? size :
	    HEAD_BYTES), buf) == -1)
		r = -1;
	else if (size > HEAD_BYTES && scan_block(s, fd,
	    size - TAIL_BYTES > HEAD_BYTES ? size - TAIL_BYTES : HEAD_BYTES,
	    (size_t)(size - (size - TAIL_BYTES > HEAD_BYTES ?
	    size - TAIL_BYTES : HEAD_BYTES)), buf) == -1)
		r = -1;
	free(buf);
	return r;
}

static double
given_or(const struct setting *st, double otherwise)
{
	return st->set && st->v > 0 ? st->v : otherwise;
}

struct accels
slicer_accels(const struct slicer_settings *s)
{
	bool cura = s->slicer == SLICER_CURA;

	/* Cura's fdmprinter defaults; elsewhere a middle-of-the-road
	 * Marlin printer. */
	return (struct accels){
		given_or(&s->accel, cura ? 4000 : 1000),
		given_or(&s->accel_z, cura ? 100 : 200),
		given_or(&s->accel_e, cura ? 10000 : 5000),
	};
}

enum flavor
slicer_flavor(const struct slicer_settings *s, const char *firmware)
{
	if (firmware != NULL && firmware[0] != '\0')
		return flavor_from(firmware, strlen(firmware));
	return s->flavor;
}

void
slicer_machine_init(struct machine *m, const struct slicer_settings *s,
    const char *firmware)
{
	struct machine_config cfg;

	machine_config_default(&cfg);
	flavor_machine_config(slicer_flavor(s, firmware), &cfg);
	if (s->retract_mm.set && s->fw_retraction.set && s->fw_retraction.v)
		cfg.fw_retract_mm = s->retract_mm.v;
	if (s->retract_speed.set && s->retract_speed.v > 0)
		cfg.fw_retract_feed = s->retract_speed.v * 60;
	if (s->layer_height.set && s->layer_height.v > 0)
		cfg.layer_height_hint = s->layer_height.v;
	machine_init(m, &cfg);
}

const char *
slicer_name(enum slicer_kind k)
{
	switch (k) {
	case SLICER_UNKNOWN:
		return "unknown";
	case SLICER_PRUSA:
		return "PrusaSlicer";
	case SLICER_SUPERSLICER:
		return "SuperSlicer";
	case SLICER_SLIC3R:
		return "Slic3r";
	case SLICER_ORCA:
		return "OrcaSlicer";
	case SLICER_BAMBU:
		return "BambuStudio";
	case SLICER_CURA:
		return "Cura";
	case SLICER_S3D:
		return "Simplify3D";
	case SLICER_IDEAMAKER:
		return "ideaMaker";
	}
	return "?";
}
