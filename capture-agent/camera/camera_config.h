/*
 * camera_config.h: one [camera NAME] section of the configuration file:
 * the keys every camera has, its type, and that type's own settings.
 * Internal to the camera folder: camera_set.c gathers the sections,
 * camera_pool.c hands each to its worker.
 */
#ifndef CAMERA_CONFIG_H
#define CAMERA_CONFIG_H

#include <stddef.h>

#include "camera/camera_type.h"

struct camera_config {
	struct camera_common c;
	const struct camera_type *type;	/* NULL until `type` is read */
	void *conf;			/* the type's; owned here */
};

/*
 * A camera with every common key at its default.  0 ok, -1 err filled
 * (the name cannot name a folder).
 */
int camera_config_init(struct camera_config *, const char *name, char *err,
    size_t errlen);

/*
 * One key = value, in file order; `type` must come before the keys of that
 * type.  0 ok, -1 err filled ("camera NAME: ..." and the allowed values).
 */
int camera_config_set(struct camera_config *, const char *key,
    const char *value, char *err, size_t errlen);

/* Whole section read: fill defaults and check.  0 ok, -1 err filled. */
int camera_config_check(struct camera_config *, char *err, size_t errlen);

void camera_config_free(struct camera_config *);	/* the type's conf */

#endif
