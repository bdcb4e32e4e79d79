/*
 * camera_config.c: the keys of one [camera NAME] section.
 *
 * The common keys are read here, the rest go to the camera's type, which
 * must be named first.  Invariant: a key is either stored, checked, or
 * refused with a message naming the camera, the key and what is allowed;
 * once `type` is set it never changes, so the type's conf always belongs
 * to the type that made it.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "errbuf.h"
#include "num.h"
#include "camera/camera_config.h"
#include "camera/camera_type.h"

static const struct {
	const char *name;
	const struct camera_type *type;
} types[] = {
	{ "gphoto2", &camera_type_gphoto2 },
	{ "libcamera", &camera_type_libcamera },
	{ "http", &camera_type_http },
	{ "exec", &camera_type_exec },
	{ "test", &camera_type_test },
};

#define TYPE_NAMES "gphoto2, libcamera, http, exec, test"
#define COMMON_KEYS "type, enabled, delay_ms, timeout_ms, rotate, flip, " \
	"warmup_s, early_ack"

static bool
valid_name(const char *name)
{
	size_t i, len = strlen(name);

	if (len == 0 || len >= CAMERA_NAME_MAX || name[0] == '.')
		return false;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		    c == '.'))
			return false;
	}
	return true;
}

int
camera_config_init(struct camera_config *k, const char *name, char *err,
    size_t errlen)
{
	if (!valid_name(name))
		return errbuf_set(err, errlen, "camera '%s': a name is 1 to %d "
		    "letters, digits, '_', '-' or '.' (it names a folder)",
		    name, CAMERA_NAME_MAX - 1);
	memset(k, 0, sizeof *k);
	snprintf(k->c.name, sizeof k->c.name, "%s", name);
	k->c.enabled = true;
	k->c.flip = JPEG_FLIP_NONE;
	return 0;
}

static int
set_type(struct camera_config *k, const char *value, char *err,
    size_t errlen)
{
	size_t i;

	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		if (strcmp(value, types[i].name) != 0)
			continue;
		if (k->type == types[i].type)
			return 0;
		if (k->type != NULL)
			return errbuf_set(err, errlen, "camera %s: type "
			    "already set to %s", k->c.name, k->type->name);
		if ((k->conf = types[i].type->conf_new()) == NULL)
			return errbuf_set(err, errlen, "camera %s: out of "
			    "memory", k->c.name);
		k->type = types[i].type;
		return 0;
	}
	return errbuf_set(err, errlen, "camera %s: unknown type '%s' ("
	    TYPE_NAMES ")", k->c.name, value);
}

static int
set_common(struct camera_config *k, const char *key, const char *value,
    char *e, size_t elen)
{
	long v;
	int i;

	if (strcmp(key, "enabled") == 0)
		return num_key_bool(key, value, &k->c.enabled, e, elen);
	if (strcmp(key, "early_ack") == 0)
		return num_key_bool(key, value, &k->c.early_ack, e, elen);
	if (strcmp(key, "delay_ms") == 0)
		return num_key_long(key, value, 0, 60000, &k->c.delay_ms, e,
		    elen);
	if (strcmp(key, "timeout_ms") == 0)
		return num_key_long(key, value, 100, 600000, &k->c.timeout_ms,
		    e, elen);
	if (strcmp(key, "warmup_s") == 0)
		return num_key_long(key, value, 0, 600, &k->c.warmup_s, e,
		    elen);
	if (strcmp(key, "rotate") == 0) {
		if (num_config_long(value, 0, 270, &v) == NUM_OK &&
		    v % 90 == 0) {
			k->c.rotate = (int)v;
			return 0;
		}
		return errbuf_set(e, elen, "rotate: '%s' is not 0, 90, 180 or "
		    "270 (degrees clockwise)", value);
	}
	if (strcmp(key, "flip") == 0) {
		/* in the order of enum jpeg_flip */
		static const char *const flips[] = { "none", "horizontal",
		    "vertical", NULL };

		if (camera_type_choice(key, value, flips, &i, e, elen) == -1)
			return -1;
		k->c.flip = (enum jpeg_flip)i;
		return 0;
	}
	return 1;
}

int
camera_config_set(struct camera_config *k, const char *key,
    const char *value, char *err, size_t errlen)
{
	char e[CAMERA_ERR_MAX];
	int rc;

	if (strcmp(key, "type") == 0)
		return set_type(k, value, err, errlen);
	if ((rc = set_common(k, key, value, e, sizeof e)) == 1 &&
	    k->type != NULL)
		rc = k->type->set(k->conf, key, value, e, sizeof e);
	if (rc == 0)
		return 0;
	if (rc == -1)
		errbuf_set(err, errlen, "camera %s: %s", k->c.name, e);
	else if (k->type == NULL)
		errbuf_set(err, errlen, "camera %s: unknown key '%s' (common "
		    "keys: %s; set 'type' before the keys of a type)",
		    k->c.name, key, COMMON_KEYS);
	else
		errbuf_set(err, errlen, "camera %s: unknown key '%s' (common "
		    "keys: %s; %s keys: %s)", k->c.name, key, COMMON_KEYS,
		    k->type->name, k->type->keys);
	return -1;
}

int
camera_config_check(struct camera_config *k, char *err, size_t errlen)
{
	char e[CAMERA_ERR_MAX];

	if (k->type == NULL)
		return errbuf_set(err, errlen, "camera %s: no type (" TYPE_NAMES
		    ")", k->c.name);
	if (k->c.timeout_ms == 0)
		k->c.timeout_ms = k->type->default_timeout_ms;
	if (k->type->check(k->conf, &k->c, e, sizeof e) == -1)
		return errbuf_set(err, errlen, "camera %s: %s", k->c.name, e);
	return 0;
}

void
camera_config_free(struct camera_config *k)
{
	if (k->type != NULL)
		k->type->conf_free(k->conf);
	k->type = NULL;
	k->conf = NULL;
}
