/*
 * print_picture.c: a printer connection, the job's file in memory, and
 * the G-code engine feeding a scene.
 *
 * The file is fed by whole lines: the bytes from where the last shot
 * stopped up to the last line end before the printer's position (RRF
 * counts the bytes it has read; a marker box stands at the start of its
 * own line, everything before it executed).  Each piece goes through
 * scan_mem() with the same tracker, so the state carries over from one
 * shot to the next exactly as if the file were read in one go.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "errbuf.h"
#include "num.h"
#include "camera/print_picture.h"
#include "gcode/scan.h"
#include "gcode/toolpath.h"
#include "printer/printer.h"
#include "scene/scene.h"
#include "scene/view.h"

struct print_picture {
	struct printer *printer;
	struct scene *scene;
	double filament_diameter;
	char name[256];			/* the file fed, "" when none */
	char *file;			/* its bytes */
	size_t len, fed;
	struct machine m;
	struct toolpath tp;
	double nozzle[3];
	bool nozzle_known;
};

void
print_picture_conf_init(struct print_picture_conf *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->password, sizeof c->password, "reprap");
	view_settings_init(&c->view);
	c->bed[2] = c->bed[3] = 220;
	c->filament_diameter = TOOLPATH_FILAMENT_DEFAULT;
}

int
print_picture_conf_set(struct print_picture_conf *c, const char *key,
    const char *value, char *err, size_t errlen)
{
	char msg[200];
	int r;

	if ((r = view_settings_set(&c->view, key, value, err, errlen)) != 1)
		return r;
	if (strcmp(key, "picture") == 0) {
		if (strcmp(value, "print") != 0 &&
		    strcmp(value, "pattern") != 0)
			return errbuf_set(err, errlen, "picture: '%s' is not "
			    "pattern or print", value);
		c->on = strcmp(value, "print") == 0;
		return 0;
	}
	if (strcmp(key, "url") == 0) {
		size_t n = strlen(value);

		if (strncmp(value, "http://", 7) != 0 &&
		    strncmp(value, "https://", 8) != 0)
			return errbuf_set(err, errlen, "url: '%s': expected "
			    "http://PRINTER/", value);
		if (n + 2 > sizeof c->url)
			return errbuf_set(err, errlen, "url: longer than %zu "
			    "bytes", sizeof c->url - 2);
		snprintf(c->url, sizeof c->url, "%s%s", value,
		    value[n - 1] == '/' ? "" : "/");
		return 0;
	}
	if (strcmp(key, "password") == 0) {
		if (strlen(value) >= sizeof c->password)
			return errbuf_set(err, errlen, "password: longer than "
			    "%zu bytes", sizeof c->password - 1);
		snprintf(c->password, sizeof c->password, "%s", value);
		return 0;
	}
	if (strcmp(key, "bed") == 0) {
		if (view_parse_numbers(value, c->bed, 4, "X0,Y0,X1,Y1", msg,
		    sizeof msg) == -1)
			return errbuf_set(err, errlen, "bed: %s", msg);
		if (!(c->bed[2] > c->bed[0] && c->bed[3] > c->bed[1]))
			return errbuf_set(err, errlen, "bed: '%s': the second "
			    "corner right of and behind the first", value);
		return 0;
	}
	if (strcmp(key, "filament_diameter") == 0)
		return num_key_double(key, value, 0.5, 5, &c->filament_diameter,
		    err, errlen);
	return 1;
}

int
print_picture_conf_check(const struct print_picture_conf *c, char *err,
    size_t errlen)
{
	if (c->on && c->url[0] == '\0')
		return errbuf_set(err, errlen, "picture = print needs url = "
		    "http://PRINTER/ (a duet-http printer to ask)");
	return 0;
}

struct print_picture *
print_picture_new(const struct print_picture_conf *c, int width, int height,
    long timeout_ms, char *err, size_t errlen)
{
	struct print_picture *pp;
	struct config cfg;
	struct view v;

	if (view_from_settings(&v, &c->view, c->bed, width, height, err,
	    errlen) == -1)
		return NULL;
	if ((pp = calloc(1, sizeof *pp)) == NULL) {
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	config_defaults(&cfg);
	cfg.type = PRINTER_DUET_HTTP;
	snprintf(cfg.url, sizeof cfg.url, "%s", c->url);
	snprintf(cfg.password, sizeof cfg.password, "%s", c->password);
	cfg.request_timeout_ms = timeout_ms > 100 ? timeout_ms : 100;
	pp->filament_diameter = c->filament_diameter;
	if ((pp->printer = printer_open(&cfg, err, errlen)) == NULL ||
	    (pp->scene = scene_new(&v, c->bed, err, errlen)) == NULL) {
		print_picture_free(pp);
		return NULL;
	}
	return pp;
}

void
print_picture_free(struct print_picture *pp)
{
	if (pp == NULL)
		return;
	printer_close(pp->printer);
	scene_free(pp->scene);
	free(pp->file);
	free(pp);
}

static int
on_line(void *ctx, struct machine *m, const struct scan_line *sl, char *err,
    size_t errlen)
{
	struct print_picture *pp = ctx;

	(void)err;
	(void)errlen;
	if (sl->gl != NULL)
		toolpath_line(&pp->tp, m, sl->gl, sl->events, toolpath_draw,
		    pp->scene);
	return 0;
}

/* Start again on the printer's file name: fetch it, empty the bed. */
static int
restart(struct print_picture *pp, const char *name, char *err,
    size_t errlen)
{
	struct machine_config cfg;

	free(pp->file);
	pp->file = NULL;
	pp->len = pp->fed = 0;
	pp->name[0] = '\0';
	pp->nozzle_known = false;
	scene_clear(pp->scene);
	if (printer_download(pp->printer, name, PRINT_PICTURE_FILE_MAX,
	    &pp->file, &pp->len, err, errlen) == -1)
		return -1;
	snprintf(pp->name, sizeof pp->name, "%s", name);
	machine_config_default(&cfg);
	cfg.firmwares = FW_BIT(FW_RRF);	/* duet-http: the Duet reads it */
	machine_init(&pp->m, &cfg);
	toolpath_init(&pp->tp, pp->filament_diameter);
	return 0;
}

/* Feed the whole lines before byte pos. */
static int
feed(struct print_picture *pp, size_t pos, char *err, size_t errlen)
{
	struct scan_hooks hooks = { on_line, NULL, pp };
	char msg[256];
	size_t end = pos < pp->len ? pos : pp->len;

	while (end > pp->fed && pp->file[end - 1] != '\n')
		end--;
	if (end == pp->fed)
		return 0;
	if (scan_mem(pp->file + pp->fed, end - pp->fed, &pp->m, &hooks, msg,
	    sizeof msg) == -1)
		return errbuf_set(err, errlen, "%s after byte %zu: %s",
		    pp->name, pp->fed, msg);
	pp->fed = end;
	pp->nozzle_known = toolpath_nozzle(&pp->m, pp->nozzle);
	return 0;
}

int
print_picture_take(struct print_picture *pp, const struct raster **out,
    char *err, size_t errlen)
{
	struct duet_job job;

	if (printer_job(pp->printer, &job, err, errlen) == -1)
		return -1;
	if (!job.printing && pp->name[0] == '\0')
		return errbuf_set(err, errlen, "the printer prints nothing");
	if (job.printing) {
		size_t pos = job.position >= 0 ? (size_t)job.position :
		    pp->fed;

		if ((strcmp(job.file, pp->name) != 0 || pos < pp->fed) &&
		    restart(pp, job.file, err, errlen) == -1)
			return -1;
		if (feed(pp, pos, err, errlen) == -1)
			return -1;
	}
	*out = scene_frame(pp->scene, pp->nozzle_known ? pp->nozzle : NULL);
	return 0;
}
