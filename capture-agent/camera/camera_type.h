/*
 * camera_type.h: the interface every camera type implements (gphoto2,
 * libcamera, http, exec, test), and the helpers the types share.
 *
 * A camera type is a table of functions.  Its configuration half (conf_new,
 * set, check, conf_free) runs in the agent, called by camera_config.c; its
 * device half (open, shoot, close) runs only in the camera's worker process
 * (camera_worker.c), so a device call that hangs for ever
 * (gp_camera_capture does) can be ended with SIGKILL without harming the
 * agent.  A type never writes the frame under its final name: it hands
 * back the JPEG bytes and the worker checks, transforms and stores them.
 */
#ifndef CAMERA_TYPE_H
#define CAMERA_TYPE_H

#include <stdbool.h>
#include <stddef.h>

#include "frames/jpeg.h"

#define CAMERA_NAME_MAX 64
#define CAMERA_PATH_MAX 4096
#define CAMERA_ERR_MAX 256

/* The keys every type has, already checked. */
struct camera_common {
	char name[CAMERA_NAME_MAX];
	bool enabled;
	long delay_ms;
	long timeout_ms;
	int rotate;
	enum jpeg_flip flip;
	long warmup_s;
	bool early_ack;
};

/* One shot, as the worker sees it. */
struct camera_shot {
	unsigned frame;
	const char *dir;	/* sequence folder */
	const char *path;	/* final path of the frame */
	long timeout_ms;	/* what is left for the device, after delay */
	/* Tell the agent the exposure is over (early_ack); may be NULL. */
	void (*exposed)(void *arg);
	void *exposed_arg;
};

/* What a shot produced: JPEG bytes, or a frame stored elsewhere. */
struct camera_frame {
	unsigned char *data;	/* jpeg_alloc'd or malloc'd, see data_tj */
	size_t len;
	bool data_tj;		/* free with jpeg_free, not free() */
	char elsewhere[CAMERA_PATH_MAX]; /* e.g. "camera:/store/DSC_0001.JPG" */
	bool skip_check;	/* data already checked by the type */
};

struct camera_type {
	const char *name;
	void *(*conf_new)(void);
	void (*conf_free)(void *conf);
	/* A type key; 1 = not a key of this type, 0 ok, -1 err filled. */
	int (*set)(void *conf, const char *key, const char *value, char *err,
	    size_t errlen);
	/* Whole section read: 0 ok, -1 err filled (fatal configuration). */
	int (*check)(void *conf, const struct camera_common *, char *err,
	    size_t errlen);
	/* Worker side.  open returns the device, or NULL with err filled. */
	void *(*open)(const void *conf, const struct camera_common *,
	    char *err, size_t errlen);
	int (*shoot)(void *dev, const struct camera_shot *,
	    struct camera_frame *, char *err, size_t errlen);
	void (*close)(void *dev);
	long default_timeout_ms;
	/* Keys, for error messages: "url, discard_first". */
	const char *keys;
};

extern const struct camera_type camera_type_test;
extern const struct camera_type camera_type_http;
extern const struct camera_type camera_type_exec;
extern const struct camera_type camera_type_gphoto2;
extern const struct camera_type camera_type_libcamera;

/*
 * Helpers for the types' set functions (they fill err and return -1);
 * numbers and yes/no go through num_key_long, num_key_double and
 * num_key_bool (num.h).
 */
int camera_type_string(const char *key, const char *value, char *out,
    size_t outlen, char *err, size_t errlen);
int camera_type_size(const char *key, const char *value, int *w, int *h,
    char *err, size_t errlen);
/* One of names (NULL-terminated): its index into *choice, or -1 with
 * "key: 'value' is not a, b or c". */
int camera_type_choice(const char *key, const char *value,
    const char *const names[], int *choice, char *err, size_t errlen);

/* For a type with nothing to open: the configuration is the device. */
void *camera_type_open_config(const void *conf, const struct camera_common *,
    char *err, size_t errlen);
void camera_type_close_nothing(void *dev);

#endif
