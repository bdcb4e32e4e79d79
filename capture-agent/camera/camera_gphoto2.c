/*
 * camera_gphoto2.c: a DSLR (or any PTP camera) through libgphoto2, over
 * USB or PTP/IP.
 *
 * The session is opened once in the worker and kept between shots; any
 * failed shot closes it and the next shot opens a fresh one (a camera that
 * dropped off the network or was switched off and on again comes back by
 * itself).  gp_camera_capture can block for ever (libgphoto2 < 2.5.31 when
 * the camera never sends its events), which is why this code only runs in
 * a worker the agent kills at the deadline.  `config.KEY = value` lines are
 * applied through gp_widget when the session opens and at frame 1 of each
 * sequence (the start of a print).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gphoto2/gphoto2.h>

#include "errbuf.h"
#include "num.h"
#include "camera/camera_type.h"

#define GP_MAX_CONFIG 32

enum gp_target { GP_TARGET_DEFAULT, GP_TARGET_SDRAM, GP_TARGET_CARD };

/* capturetarget = card, sdram (or ram) or default */
static const char *const target_names[] = { "card", "sdram", "default",
    NULL };
static const enum gp_target targets[] = { GP_TARGET_CARD, GP_TARGET_SDRAM,
    GP_TARGET_DEFAULT };

struct gp_conf {
	char model[128];
	char port[128];
	enum gp_target target;
	bool keep;
	size_t nconfig;
	struct {
		char key[64];
		char value[128];
	} config[GP_MAX_CONFIG];
};

struct gp_dev {
	const struct gp_conf *conf;
	GPContext *ctx;
	Camera *cam;
	char ctxerr[240];	/* libgphoto2's own words, joined by "; " */
};

static void *
gp_conf_new(void)
{
	return calloc(1, sizeof(struct gp_conf));
}

static int
gp_set(void *conf, const char *key, const char *value, char *err,
    size_t errlen)
{
	struct gp_conf *g = conf;
	size_t i;
	int c;

	if (strcmp(key, "model") == 0)
		return camera_type_string(key, value, g->model, sizeof g->model,
		    err, errlen);
	if (strcmp(key, "port") == 0) {
		if (strncmp(value, "usb:", 4) != 0 &&
		    strncmp(value, "ptpip:", 6) != 0 &&
		    strcmp(value, "usb") != 0)
			return errbuf_set(err, errlen, "port: '%s' is not usb, "
			    "usb:BUS,DEV or ptpip:IP[:cmdport[:eventport]]",
			    value);
		return camera_type_string(key, value, g->port, sizeof g->port,
		    err, errlen);
	}
	if (strcmp(key, "capturetarget") == 0) {
		if (camera_type_choice(key, strcmp(value, "ram") == 0 ?
		    "sdram" : value, target_names, &c, err, errlen) == -1)
			return -1;
		g->target = targets[c];
		return 0;
	}
	if (strcmp(key, "keep_on_camera") == 0)
		return num_key_bool(key, value, &g->keep, err, errlen);
	if (strncmp(key, "config.", 7) == 0 && key[7] != '\0') {
		for (i = 0; i < g->nconfig; i++)
			if (strcmp(g->config[i].key, key + 7) == 0)
				break;
		if (i == GP_MAX_CONFIG)
			return errbuf_set(err, errlen, "more than %d "
			    "config.KEY lines", GP_MAX_CONFIG);
		if (camera_type_string(key, key + 7, g->config[i].key,
		    sizeof g->config[i].key, err, errlen) == -1 ||
		    camera_type_string(key, value, g->config[i].value,
		    sizeof g->config[i].value, err, errlen) == -1)
			return -1;
		if (i == g->nconfig)
			g->nconfig++;
		return 0;
	}
	return 1;
}

static int
gp_check(void *conf, const struct camera_common *c, char *err, size_t errlen)
{
	const struct gp_conf *g = conf;

	if (g->keep && c->rotate != 0)
		return errbuf_set(err, errlen, "keep_on_camera leaves the "
		    "image on the camera: rotate and flip cannot apply");
	if (g->keep && c->flip != JPEG_FLIP_NONE)
		return errbuf_set(err, errlen, "keep_on_camera leaves the "
		    "image on the camera: rotate and flip cannot apply");
	if (g->keep && g->target == GP_TARGET_SDRAM)
		return errbuf_set(err, errlen, "keep_on_camera needs "
		    "capturetarget = card (an image left in the camera's RAM "
		    "is lost)");
	return 0;
}

/*
 * Every message since the last error report, not only the last one: when
 * the camera refuses a setting, libgphoto2 says so first ("The property
 * 'ISO Speed' / 0x500f was not set (0x2019: PTP Device Busy)") and then
 * "Property 'iso' not found." as it gives up looking.
 */
static void
on_ctx_error(GPContext *ctx, const char *text, void *arg)
{
	struct gp_dev *d = arg;
	size_t start, len;

	(void)ctx;
	start = strlen(d->ctxerr);
	if (start + 3 >= sizeof d->ctxerr)
		return;
	snprintf(d->ctxerr + start, sizeof d->ctxerr - start, "%s%s",
	    start > 0 ? "; " : "", text);
	/* One line. */
	for (len = start; d->ctxerr[len] != '\0'; len++)
		if (d->ctxerr[len] == '\n')
			d->ctxerr[len] = ' ';
	while (len > start && d->ctxerr[len - 1] == ' ')
		d->ctxerr[--len] = '\0';
}

/* A clear message for a libgphoto2 error. */
static void
gp_error(struct gp_dev *d, int rc, const char *what, char *err, size_t errlen)
{
	const char *hint = "";

	switch (rc) {
	case GP_ERROR_IO_USB_CLAIM:
		hint = " (the camera is held by another process, often "
		    "gvfs-gphoto2-volume-monitor: stop it or unmount the "
		    "camera)";
		break;
	case GP_ERROR_IO_USB_FIND:
	case GP_ERROR_MODEL_NOT_FOUND:
		hint = " (no camera found: is it connected, switched on, and "
		    "not asleep?)";
		break;
	case GP_ERROR_CAMERA_BUSY:
		hint = " (camera busy: still writing the previous image, or "
		    "a menu is open)";
		break;
	case GP_ERROR_IO:
	case GP_ERROR_TIMEOUT:
		hint = " (connection lost: the session will be re-opened)";
		break;
	default:
		break;
	}
	errbuf_set(err, errlen, "%s: %s%s%s%s", what, gp_result_as_string(rc),
	    hint, d->ctxerr[0] != '\0' ? ": " : "", d->ctxerr);
	d->ctxerr[0] = '\0';
}

/* Set one widget from text, by its type.  0 ok, -1 err filled. */
static int
set_widget(struct gp_dev *d, const char *key, const char *value, char *err,
    size_t errlen)
{
	CameraWidget *w = NULL;
	CameraWidgetType type;
	const char *choice;
	char list[160];
	double dv;
	long lv;
	bool bv;
	float f;
	int i, n, rc, iv;

	/*
	 * libgphoto2 2.5.30's ptp2 driver answers GP_OK and no widget for
	 * any name when the camera has no device properties at all.
	 */
	if ((rc = gp_camera_get_single_config(d->cam, key, &w, d->ctx)) !=
	    GP_OK || w == NULL || gp_widget_get_type(w, &type) != GP_OK) {
		errbuf_set(err, errlen, "config.%s: the camera has no such "
		    "setting (gphoto2 --list-config lists them)", key);
		goto fail;
	}
	switch (type) {
	case GP_WIDGET_TEXT:
		rc = gp_widget_set_value(w, value);
		break;
	case GP_WIDGET_RANGE:
		if (num_config(value, -1e9, 1e9, &dv) != NUM_OK) {
			errbuf_set(err, errlen, "config.%s: '%s' is not a "
			    "number", key, value);
			goto fail;
		}
		f = (float)dv;
		rc = gp_widget_set_value(w, &f);
		break;
	case GP_WIDGET_TOGGLE:
	case GP_WIDGET_DATE:
		if (num_config_bool(value, &bv) == NUM_OK)
			iv = bv;
		else if (num_config_long(value, -2147483647L, 2147483647L,
		    &lv) == NUM_OK)
			iv = (int)lv;
		else {
			errbuf_set(err, errlen, "config.%s: '%s' is not yes, "
			    "no or a number", key, value);
			goto fail;
		}
		rc = gp_widget_set_value(w, &iv);
		break;
	case GP_WIDGET_RADIO:
	case GP_WIDGET_MENU:
		n = gp_widget_count_choices(w);
		for (i = 0; i < n; i++)
			if (gp_widget_get_choice(w, i, &choice) == GP_OK &&
			    strcasecmp(choice, value) == 0)
				break;
		if (i == n) {
			list[0] = '\0';
			for (i = 0; i < n && strlen(list) < 120; i++)
				if (gp_widget_get_choice(w, i, &choice) ==
				    GP_OK)
					errbuf_set(list + strlen(list),
					    sizeof list - strlen(list),
					    "%s%s", i ? ", " : "", choice);
			errbuf_set(err, errlen, "config.%s: '%s' is not one "
			    "of: %s", key, value, list);
			goto fail;
		}
		gp_widget_get_choice(w, i, &choice);
		rc = gp_widget_set_value(w, choice);
		break;
	default:
		errbuf_set(err, errlen, "config.%s: not a setting that "
		    "takes a value", key);
		goto fail;
	}
	if (rc == GP_OK)
		rc = gp_camera_set_single_config(d->cam, key, w, d->ctx);
	if (rc != GP_OK) {
		char what[96];

		errbuf_set(what, sizeof what, "config.%s = %s", key, value);
		gp_error(d, rc, what, err, errlen);
		goto fail;
	}
	gp_widget_free(w);
	return 0;
fail:
	gp_widget_free(w);
	return -1;
}

static int
apply_config(struct gp_dev *d, char *err, size_t errlen)
{
	const struct gp_conf *g = d->conf;
	CameraWidget *w = NULL;
	CameraWidgetType type;
	size_t i;
	bool radio = false;

	/*
	 * Nikon and Canon drivers offer a capturetarget choice; a generic
	 * PTP camera has none and the host setting made at open is all.
	 */
	if (g->target != GP_TARGET_DEFAULT &&
	    gp_camera_get_single_config(d->cam, "capturetarget", &w, d->ctx)
	    == GP_OK) {
		radio = gp_widget_get_type(w, &type) == GP_OK &&
		    (type == GP_WIDGET_RADIO || type == GP_WIDGET_MENU);
		gp_widget_free(w);
	}
	d->ctxerr[0] = '\0';
	if (radio && set_widget(d, "capturetarget", g->target ==
	    GP_TARGET_CARD ? "Memory card" : "Internal RAM", err, errlen) == -1)
		return -1;
	for (i = 0; i < g->nconfig; i++)
		if (set_widget(d, g->config[i].key, g->config[i].value, err,
		    errlen) == -1)
			return -1;
	return 0;
}

static void
gp_close(void *dev)
{
	struct gp_dev *d = dev;

	if (d == NULL)
		return;
	if (d->cam != NULL) {
		gp_camera_exit(d->cam, d->ctx);
		gp_camera_free(d->cam);
	}
	if (d->ctx != NULL)
		gp_context_unref(d->ctx);
	free(d);
}

static int
pick_model(struct gp_dev *d, const char *model, char *err, size_t errlen)
{
	CameraAbilitiesList *al = NULL;
	CameraAbilities a;
	int i, rc;

	if ((rc = gp_abilities_list_new(&al)) != GP_OK ||
	    (rc = gp_abilities_list_load(al, d->ctx)) != GP_OK) {
		gp_error(d, rc, "loading camera drivers", err, errlen);
		goto fail;
	}
	if ((i = gp_abilities_list_lookup_model(al, model)) < 0) {
		errbuf_set(err, errlen, "model '%s' is not known to "
		    "libgphoto2 (gphoto2 --list-cameras; \"PTP/IP Camera\" "
		    "for Wi-Fi)", model);
		goto fail;
	}
	gp_abilities_list_get_abilities(al, i, &a);
	if ((rc = gp_camera_set_abilities(d->cam, a)) != GP_OK) {
		gp_error(d, rc, "model", err, errlen);
		goto fail;
	}
	gp_abilities_list_free(al);
	return 0;
fail:
	if (al != NULL)
		gp_abilities_list_free(al);
	return -1;
}

static int
pick_port(struct gp_dev *d, const char *port, char *err, size_t errlen)
{
	GPPortInfoList *pl = NULL;
	GPPortInfo pi;
	int i, rc;

	if ((rc = gp_port_info_list_new(&pl)) != GP_OK ||
	    (rc = gp_port_info_list_load(pl)) < 0) {
		gp_error(d, rc, "loading port drivers", err, errlen);
		goto fail;
	}
	if ((i = gp_port_info_list_lookup_path(pl, port)) < 0) {
		errbuf_set(err, errlen, "port '%s' not found (%s; PTP/IP "
		    "needs an IPv4 address, no host name)", port,
		    gp_result_as_string(i));
		goto fail;
	}
	gp_port_info_list_get_info(pl, i, &pi);
	if ((rc = gp_camera_set_port_info(d->cam, pi)) != GP_OK) {
		gp_error(d, rc, "port", err, errlen);
		goto fail;
	}
	gp_port_info_list_free(pl);
	return 0;
fail:
	if (pl != NULL)
		gp_port_info_list_free(pl);
	return -1;
}

static void *
gp_open(const void *conf, const struct camera_common *c, char *err,
    size_t errlen)
{
	const struct gp_conf *g = conf;
	struct gp_dev *d;
	const char *model = g->model;
	int rc;

	(void)c;
	if ((d = calloc(1, sizeof *d)) == NULL) {
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	d->conf = g;
	d->ctx = gp_context_new();
	gp_context_set_error_func(d->ctx, on_ctx_error, d);
	if (g->target != GP_TARGET_DEFAULT)
		gp_setting_set("ptp2", "capturetarget",
		    g->target == GP_TARGET_CARD ? "card" : "sdram");
	if ((rc = gp_camera_new(&d->cam)) != GP_OK) {
		gp_error(d, rc, "camera", err, errlen);
		goto fail;
	}
	if (model[0] == '\0' && strncmp(g->port, "ptpip:", 6) == 0)
		model = "PTP/IP Camera";
	if (model[0] != '\0' && pick_model(d, model, err, errlen) != 0)
		goto fail;
	if (g->port[0] != '\0' && pick_port(d, g->port, err, errlen) != 0)
		goto fail;
	if ((rc = gp_camera_init(d->cam, d->ctx)) != GP_OK) {
		char what[200];

		errbuf_set(what, sizeof what, "opening %s%s%s",
		    model[0] ? model : "the camera", g->port[0] ? " on " : "",
		    g->port);
		gp_error(d, rc, what, err, errlen);
		goto fail;
	}
	if (apply_config(d, err, errlen) == -1)
		goto fail;
	return d;
fail:
	gp_close(d);
	return NULL;
}

static int
gp_shoot(void *dev, const struct camera_shot *shot, struct camera_frame *f,
    char *err, size_t errlen)
{
	struct gp_dev *d = dev;
	CameraFilePath p;
	CameraFile *file = NULL;
	const char *data = NULL, *mime = NULL;
	unsigned long size = 0;
	int rc;

	if (shot->frame == 1 && d->conf->nconfig > 0 &&
	    apply_config(d, err, errlen) == -1)
		return -1;
	memset(&p, 0, sizeof p);
	if ((rc = gp_camera_capture(d->cam, GP_CAPTURE_IMAGE, &p, d->ctx)) !=
	    GP_OK) {
		gp_error(d, rc, "capture", err, errlen);
		return -1;
	}
	/* The shutter has closed: the print may go on. */
	if (shot->exposed != NULL)
		shot->exposed(shot->exposed_arg);
	if (d->conf->keep) {
		errbuf_set(f->elsewhere, sizeof f->elsewhere, "camera:%s%s%s",
		    p.folder, strcmp(p.folder, "/") == 0 ? "" : "/", p.name);
		return 0;
	}
	if ((rc = gp_file_new(&file)) != GP_OK ||
	    (rc = gp_camera_file_get(d->cam, p.folder, p.name,
	    GP_FILE_TYPE_NORMAL, file, d->ctx)) != GP_OK ||
	    (rc = gp_file_get_data_and_size(file, &data, &size)) != GP_OK) {
		char what[200];

		errbuf_set(what, sizeof what, "download of %s/%s", p.folder,
		    p.name);
		gp_error(d, rc, what, err, errlen);
		goto fail;
	}
	gp_file_get_mime_type(file, &mime);
	if (size < 4 || !jpeg_has_start((const unsigned char *)data, size)) {
		errbuf_set(err, errlen, "%s/%s is not a JPEG (%s): set the "
		    "camera to JPEG, e.g. config.imageformat", p.folder,
		    p.name, mime != NULL ? mime : "unknown type");
		goto fail;
	}
	if ((f->data = malloc(size)) == NULL) {
		errbuf_set(err, errlen, "out of memory (%lu bytes)", size);
		goto fail;
	}
	memcpy(f->data, data, size);
	f->len = size;
	f->data_tj = false;
	gp_file_free(file);
	/* Not needed on the card any more; an old camera may refuse. */
	(void)gp_camera_file_delete(d->cam, p.folder, p.name, d->ctx);
	d->ctxerr[0] = '\0';
	return 0;
fail:
	if (file != NULL)
		gp_file_free(file);
	return -1;
}

const struct camera_type camera_type_gphoto2 = {
	.name = "gphoto2",
	.conf_new = gp_conf_new,
	.conf_free = free,
	.set = gp_set,
	.check = gp_check,
	.open = gp_open,
	.shoot = gp_shoot,
	.close = gp_close,
	.default_timeout_ms = 20000,
	.keys = "model, port, capturetarget, keep_on_camera, config.KEY",
};
