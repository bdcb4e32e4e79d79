/*
 * profile.c: settings by name, from getopt or from inih.
 *
 * One table lists every setting with its kind (a flag, a length, a speed,
 * a text, or one parsed by name in set_special()); the command line and
 * the INI file both end in profile_set(), so they cannot disagree.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "errbuf.h"
#include "num.h"
#include "settings/limits.h"
#include "scene/view.h"
#include "settings/profile.h"

enum kind {
	K_FLAG,		/* bool, no value on the command line */
	K_MM,		/* double >= 0 */
	K_SPEED,	/* double > 0 */
	K_TEXT,		/* char[PROFILE_TEXT] */
	K_SPECIAL,	/* parsed by its own function */
};

struct setting_def {
	const char *name;
	enum kind kind;
	size_t off;
	enum limit_id lim;	/* K_MM, K_SPEED: the range */
};

#define P(f) offsetof(struct profile, f)

static const struct setting_def defs[] = {
	{ "every-layers", K_SPECIAL, 0, LIM_N },
	{ "every-mm", K_SPECIAL, 0, LIM_N },
	{ "every-seconds", K_SPECIAL, 0, LIM_N },
	{ "trigger", K_SPECIAL, 0, LIM_N },
	{ "command", K_TEXT, P(command), LIM_N },
	{ "pause", K_TEXT, P(pause), LIM_N },
	{ "resume", K_TEXT, P(resume), LIM_N },
	{ "smart", K_FLAG, P(smart), LIM_N },
	{ "snap", K_FLAG, P(snap), LIM_N },
	{ "allow-area", K_SPECIAL, 0, LIM_N },
	{ "forbid-area", K_SPECIAL, 0, LIM_N },
	{ "vase", K_SPECIAL, 0, LIM_N },
	{ "sequential", K_SPECIAL, 0, LIM_N },
	{ "park", K_SPECIAL, 0, LIM_N },
	{ "x", K_SPECIAL, 0, LIM_N },
	{ "y", K_SPECIAL, 0, LIM_N },
	{ "retract", K_MM, P(retract_mm), LIM_RETRACT },
	{ "retract-speed", K_SPEED, P(retract_speed), LIM_RETRACT_SPEED },
	{ "deretract-speed", K_SPEED, P(deretract_speed), LIM_RETRACT_SPEED },
	{ "lift", K_MM, P(lift_mm), LIM_LIFT },
	{ "travel-speed", K_SPEED, P(travel_speed), LIM_TRAVEL_SPEED },
	{ "z-speed", K_SPEED, P(z_speed), LIM_Z_SPEED },
	{ "max-height", K_SPEED, P(max_height), LIM_MAX_HEIGHT },
	{ "bed", K_SPECIAL, 0, LIM_N },
	{ "firmware", K_SPECIAL, 0, LIM_N },
	{ "dwell", K_MM, P(dwell_ms), LIM_DWELL },
	{ "camera-time", K_MM, P(camera_s), LIM_CAMERA_TIME },
	{ "marker", K_SPECIAL, 0, LIM_N },
	{ "marker-line", K_SPECIAL, 0, LIM_N },
	{ "test-mode", K_FLAG, P(test_mode), LIM_N },
	{ "camera", K_SPECIAL, 0, LIM_N },
	{ "look-at", K_SPECIAL, 0, LIM_N },
	{ "fov", K_SPECIAL, 0, LIM_N },
	{ "size", K_SPECIAL, 0, LIM_N },
	{ "render", K_SPECIAL, 0, LIM_N },
};

#define NDEFS (sizeof defs / sizeof defs[0])

_Static_assert(NDEFS <= PROFILE_SETTINGS, "PROFILE_SETTINGS too small");

void
profile_init(struct profile *p)
{
	memset(p, 0, sizeof *p);
	p->trigger = TRIG_LAYER;
	p->every_layers = 1;
	snprintf(p->command, sizeof p->command, "@GLAPSE SNAPSHOT");
	snprintf(p->pause, sizeof p->pause, "@GLAPSE PAUSE");
	snprintf(p->resume, sizeof p->resume, "@GLAPSE RESUME");
	p->vase = VASE_SNAP;
	p->sequential = SEQ_LIFT;
	p->axis[0].mode = p->axis[1].mode = AXIS_PERCENT;
	p->axis[0].v = p->axis[1].v = 100;	/* back right */
	p->retract_mm = p->retract_speed = p->deretract_speed = NAN;
	p->lift_mm = p->travel_speed = p->max_height = NAN;
	p->z_speed = 10;
	p->camera_s = NAN;
	p->marker = MARK_DUET;
	view_settings_init(&p->view);
	p->width = 640;
	p->height = 480;
	render_options_init(&p->render);
}

static const struct setting_def *
find(const char *name)
{
	for (size_t i = 0; i < NDEFS; i++)
		if (strcmp(defs[i].name, name) == 0)
			return &defs[i];
	return NULL;
}

int
profile_takes_value(const char *name)
{
	const struct setting_def *d = find(name);

	return d == NULL ? -1 : d->kind != K_FLAG;
}

const char *const *
profile_names(void)
{
	static const char *names[NDEFS + 1];

	for (size_t i = 0; i < NDEFS; i++)
		names[i] = defs[i].name;
	names[NDEFS] = NULL;
	return names;
}

/* "a,b,c" -> up to max numbers; returns how many, -1 on a bad one. */
static int
numbers(const char *v, double *out, int max, char sep)
{
	char buf[PROFILE_TEXT * 4];
	char *p, *save = NULL, seps[2] = { sep, '\0' };
	int n = 0;

	if (strlen(v) >= sizeof buf)
		return -1;
	snprintf(buf, sizeof buf, "%s", v);
	for (p = strtok_r(buf, seps, &save); p != NULL;
	    p = strtok_r(NULL, seps, &save)) {
		if (n == max || num_config(p, -1e6, 1e6, &out[n]) != NUM_OK)
			return -1;
		n++;
	}
	return n;
}

/* Every coordinate of a setting within the bed's range. */
static int
coords_ok(const char *name, const char *v, const double *d, int n,
    char *err, size_t errlen)
{
	for (int i = 0; i < n; i++)
		if (limit_check(LIM_BED, name, v, d[i], err, errlen) == -1)
			return -1;
	return 0;
}

static int
parse_area(struct area *a, const char *v)
{
	double d[4];

	memset(a, 0, sizeof *a);
	if (strncmp(v, "circle:", 7) == 0) {
		if (numbers(v + 7, d, 3, ',') != 3 || d[2] <= 0)
			return -1;
		a->circle = true;
		a->cx = d[0];
		a->cy = d[1];
		a->r = d[2];
		return 0;
	}
	if (numbers(v, d, 4, ',') != 4 || d[2] <= d[0] || d[3] <= d[1])
		return -1;
	a->x0 = d[0];
	a->y0 = d[1];
	a->x1 = d[2];
	a->y1 = d[3];
	return 0;
}

/* "fixed:V", "V", "percent:P", "P%", "path:a/b/c[:pingpong|:loop]",
 * "disabled" */
static int
parse_axis(struct axis_plan *ax, const char *v)
{
	size_t n = strlen(v);
	char buf[PROFILE_TEXT * 4];

	memset(ax, 0, sizeof *ax);
	if (strcmp(v, "disabled") == 0 || strcmp(v, "off") == 0) {
		ax->mode = AXIS_DISABLED;
		return 0;
	}
	if (strncmp(v, "path:", 5) == 0) {
		char *colon;

		if (n >= sizeof buf)
			return -1;
		snprintf(buf, sizeof buf, "%s", v + 5);
		if ((colon = strchr(buf, ':')) != NULL) {
			if (strcmp(colon + 1, "pingpong") == 0)
				ax->pingpong = true;
			else if (strcmp(colon + 1, "loop") != 0)
				return -1;
			*colon = '\0';
		}
		ax->mode = AXIS_PATH;
		ax->npath = numbers(buf, ax->path, PROFILE_PATH_MAX, '/');
		return ax->npath >= 1 ? 0 : -1;
	}
	if (strncmp(v, "percent:", 8) == 0 || (n > 1 && v[n - 1] == '%')) {
		size_t bl;

		snprintf(buf, sizeof buf, "%s", v[n - 1] == '%' ? v : v + 8);
		bl = strlen(buf);	/* "percent:" alone leaves it empty */
		if (bl > 0 && buf[bl - 1] == '%')
			buf[bl - 1] = '\0';
		ax->mode = AXIS_PERCENT;
		return num_config(buf, 0, 100, &ax->v) == NUM_OK ? 0 : -1;
	}
	if (strncmp(v, "fixed:", 6) == 0)
		v += 6;
	ax->mode = AXIS_FIXED;
	return num_config(v, -1e6, 1e6, &ax->v) == NUM_OK ? 0 : -1;
}

/* The preview's camera, picture and video. */
static int
set_view(struct profile *p, const char *name, const char *v, char *err,
    size_t errlen)
{
	char msg[200];
	int r;

	if ((r = view_settings_set(&p->view, name, v, err, errlen)) != 1)
		return r;
	if (strcmp(name, "render") == 0) {
		const char *eq = strchr(v, '=');
		char key[32];

		if (eq == NULL || (size_t)(eq - v) >= sizeof key)
			return errbuf_set(err, errlen, "render: KEY=VALUE, not "
			    "\"%s\"", v);
		snprintf(key, sizeof key, "%.*s", (int)(eq - v), v);
		if (render_options_set(&p->render, key, eq + 1, msg,
		    sizeof msg) == -1)
			return errbuf_set(err, errlen, "render %s", msg);
		return 0;
	}
	if (view_parse_size(v, &p->width, &p->height, msg, sizeof msg) == -1)
		return errbuf_set(err, errlen, "%s: %s", name, msg);
	return 0;
}

static int
set_special(struct profile *p, const char *name, const char *v, char *err,
    size_t errlen)
{
	double d[7];
	long l;

	if (strcmp(name, "camera") == 0 || strcmp(name, "look-at") == 0 ||
	    strcmp(name, "fov") == 0 || strcmp(name, "size") == 0 ||
	    strcmp(name, "render") == 0)
		return set_view(p, name, v, err, errlen);
	if (strcmp(name, "every-layers") == 0) {
		if (num_key_long(name, v, 1, 1000000, &l, err, errlen) == -1)
			return -1;
		p->every_layers = (int)l;
		p->trigger = TRIG_LAYER;
	} else if (strcmp(name, "every-mm") == 0) {
		if (num_key_double(name, v, 1e-3, 1e5, &p->every_mm, err,
		    errlen) == -1)
			return -1;
		p->trigger = TRIG_HEIGHT;
	} else if (strcmp(name, "every-seconds") == 0) {
		if (num_key_double(name, v, 0.1, 1e7, &p->every_s, err,
		    errlen) == -1)
			return -1;
		p->trigger = TRIG_TIME;
	} else if (strcmp(name, "trigger") == 0) {
		if (strcmp(v, "layer") == 0)
			p->trigger = TRIG_LAYER;
		else if (strcmp(v, "command") == 0)
			p->trigger = TRIG_COMMAND;
		else if (strcmp(v, "height") == 0 && p->every_mm > 0)
			p->trigger = TRIG_HEIGHT;
		else if (strcmp(v, "time") == 0 && p->every_s > 0)
			p->trigger = TRIG_TIME;
		else
			return errbuf_set(err, errlen, "trigger: layer, "
			    "command, height (with every-mm) or time (with "
			    "every-seconds), not \"%s\"", v);
	} else if (strcmp(name, "allow-area") == 0 ||
	    strcmp(name, "forbid-area") == 0) {
		bool allow = name[0] == 'a';
		int *n = allow ? &p->nallow : &p->nforbid;

		if (*n == PROFILE_AREAS)
			return errbuf_set(err, errlen, "%s: at most %d areas",
			    name, PROFILE_AREAS);
		if (parse_area(allow ? &p->allow[*n] : &p->forbid[*n], v) ==
		    -1)
			return errbuf_set(err, errlen, "%s: want X0,Y0,X1,Y1 "
			    "or circle:CX,CY,R, not \"%s\"", name, v);
		(*n)++;
	} else if (strcmp(name, "vase") == 0) {
		if (strcmp(v, "snap") == 0)
			p->vase = VASE_SNAP;
		else if (strcmp(v, "skip") == 0)
			p->vase = VASE_SKIP;
		else if (strcmp(v, "park") == 0)
			p->vase = VASE_PARK;
		else
			return errbuf_set(err, errlen, "vase: snap, skip or "
			    "park, not \"%s\"", v);
	} else if (strcmp(name, "sequential") == 0) {
		if (strcmp(v, "lift") == 0)
			p->sequential = SEQ_LIFT;
		else if (strcmp(v, "skip") == 0)
			p->sequential = SEQ_SKIP;
		else
			return errbuf_set(err, errlen, "sequential: lift or "
			    "skip, not \"%s\"", v);
	} else if (strcmp(name, "park") == 0) {
		if (numbers(v, d, 2, ',') != 2)
			return errbuf_set(err, errlen, "park: want X,Y in bed "
			    "coordinates, not \"%s\"", v);
		if (coords_ok(name, v, d, 2, err, errlen) == -1)
			return -1;
		for (int i = 0; i < 2; i++) {
			memset(&p->axis[i], 0, sizeof p->axis[i]);
			p->axis[i].mode = AXIS_FIXED;
			p->axis[i].v = d[i];
		}
	} else if (strcmp(name, "x") == 0 || strcmp(name, "y") == 0) {
		struct axis_plan *ax = &p->axis[name[0] - 'x'];

		if (parse_axis(ax, v) == -1)
			return errbuf_set(err, errlen, "%s: want V, fixed:V, "
			    "P%%, percent:P, path:A/B/C[:loop|:pingpong] or "
			    "disabled, not \"%s\"", name, v);
		if ((ax->mode == AXIS_FIXED && coords_ok(name, v, &ax->v, 1,
		    err, errlen) == -1) || (ax->mode == AXIS_PATH &&
		    coords_ok(name, v, ax->path, ax->npath, err, errlen) == -1))
			return -1;
	} else if (strcmp(name, "bed") == 0) {
		struct bed *b = &p->bed;

		memset(b, 0, sizeof *b);
		if (strncmp(v, "circle:", 7) == 0) {
			if (numbers(v + 7, d, 3, ',') != 3 || d[2] <= 0)
				return errbuf_set(err, errlen, "bed: want "
				    "circle:CX,CY,R, not \"%s\"", v);
			d[3] = d[0] - d[2];
			d[4] = d[0] + d[2];
			d[5] = d[1] - d[2];
			d[6] = d[1] + d[2];
			if (coords_ok(name, v, d + 3, 4, err, errlen) == -1)
				return -1;
			b->circular = true;
			b->cx = d[0];
			b->cy = d[1];
			b->r = d[2];
			b->x0 = d[0] - d[2];
			b->x1 = d[0] + d[2];
			b->y0 = d[1] - d[2];
			b->y1 = d[1] + d[2];
		} else if (numbers(v, d, 4, ',') != 4 || d[2] <= d[0] ||
		    d[3] <= d[1]) {
			return errbuf_set(err, errlen, "bed: want X0,Y0,X1,Y1 "
			    "or circle:CX,CY,R, not \"%s\"", v);
		} else if (coords_ok(name, v, d, 4, err, errlen) == -1) {
			return -1;
		} else {
			b->x0 = d[0];
			b->y0 = d[1];
			b->x1 = d[2];
			b->y1 = d[3];
		}
		b->set = true;
	} else if (strcmp(name, "firmware") == 0) {
		if (flavor_from(v, strlen(v)) == FLAVOR_OTHER ||
		    strlen(v) >= sizeof p->firmware)
			return errbuf_set(err, errlen, "firmware %s: unknown "
			    "(rrf, marlin2, marlin, marlin1, klipper, prusa, "
			    "prusa-3.8, prusa-3.9.0-rc1, smoothie, sailfish, "
			    "repetier)", v);
		snprintf(p->firmware, sizeof p->firmware, "%s", v);
	} else if (strcmp(name, "marker") == 0) {
		/* in the order of enum marker_dialect */
		static const char *const names[] = { "duet", "klipper",
		    "marlin", "octoprint", "custom" };
		size_t i, nn = sizeof names / sizeof names[0];

		for (i = 0; i < nn; i++)
			if (strcmp(v, names[i]) == 0)
				break;
		if (i == nn || (i == MARK_CUSTOM && p->marker_line[0] == '\0'))
			return errbuf_set(err, errlen, "marker: duet, klipper, "
			    "marlin, octoprint (or marker-line TEXT), not "
			    "\"%s\"", v);
		p->marker = (enum marker_dialect)i;
	} else if (strcmp(name, "marker-line") == 0) {
		if (strlen(v) == 0 || strlen(v) >= sizeof p->marker_line ||
		    strpbrk(v, "\r\n") != NULL)
			return errbuf_set(err, errlen, "marker-line: one line "
			    "of at most %d bytes", PROFILE_TEXT - 1);
		snprintf(p->marker_line, sizeof p->marker_line, "%s", v);
		p->marker = MARK_CUSTOM;
	}
	return 0;
}

/* Set one setting; profile_set() notes where it came from. */
static int
set_one(struct profile *p, const struct setting_def *d, const char *name,
    const char *value, char *err, size_t errlen)
{
	void *field = (char *)p + d->off;
	double v;

	switch (d->kind) {
	case K_FLAG:
		/* a flag given without a value (--smart) is yes */
		if (value == NULL) {
			*(bool *)field = true;
			return 0;
		}
		return num_key_bool(name, value, field, err, errlen);
	case K_MM:
	case K_SPEED:
		if (num_key_double(name, value, -1e12, 1e12, &v, err,
		    errlen) == -1 || limit_check(d->lim, name, value, v, err,
		    errlen) == -1)
			return -1;
		*(double *)field = v;
		return 0;
	case K_TEXT:
		if (strlen(value) == 0 || strlen(value) >= PROFILE_TEXT)
			return errbuf_set(err, errlen, "%s: 1 to %d bytes",
			    name, PROFILE_TEXT - 1);
		snprintf(field, PROFILE_TEXT, "%s", value);
		return 0;
	case K_SPECIAL:
		break;
	}
	return set_special(p, name, value, err, errlen);
}

int
profile_set(struct profile *p, const char *name, const char *value,
    char *err, size_t errlen)
{
	const struct setting_def *d = find(name);

	if (d == NULL)
		return errbuf_set(err, errlen, "%s: no such setting", name);
	if (d->kind != K_FLAG && value == NULL)
		return errbuf_set(err, errlen, "%s: needs a value", name);
	if (set_one(p, d, name, value, err, errlen) == -1)
		return -1;
	p->from[d - defs] = p->loading ? SRC_PROFILE : SRC_OPTION;
	return 0;
}

struct origin
profile_origin(const struct profile *p, const char *name)
{
	const struct setting_def *d = find(name);
	struct origin o = { SRC_NONE, 0, 0, NULL };

	if (d == NULL || (o.src = p->from[d - defs]) == SRC_NONE)
		return o;
	o.key = d->name;	/* the report writes "--" before an option */
	return o;
}

struct load_ctx {
	struct profile *p;
	char *err;
	size_t errlen;
	bool failed;
};

static int
on_ini(void *user, const char *section, const char *name,
    const char *value)
{
	struct load_ctx *c = user;

	if (strcmp(section, "render") == 0) {
		if (render_options_set(&c->p->render, name, value, c->err,
		    c->errlen) == -1) {
			c->failed = true;
			return 0;
		}
		return 1;
	}
	if (profile_set(c->p, name, value, c->err, c->errlen) == -1) {
		c->failed = true;
		return 0;
	}
	return 1;
}

int
profile_load(struct profile *p, const char *path, char *err, size_t errlen)
{
	struct load_ctx c = { p, NULL, 0, false };
	char msg[256] = "";
	int line;

	c.err = msg;
	c.errlen = sizeof msg;
	p->loading = true;
	line = ini_parse(path, on_ini, &c);
	p->loading = false;
	if (line == -1)
		return errbuf_set(err, errlen, "%s: cannot open", path);
	if (line == -2)
		return errbuf_set(err, errlen, "%s: out of memory", path);
	if (line > 0)
		return errbuf_set(err, errlen, "%s:%d: %s", path, line,
		    c.failed ? msg : "not \"key = value\"");
	return 0;
}
