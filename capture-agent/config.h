/*
 * config.h: capture-agent's INI configuration file as a typed struct.
 *
 * config_load() reads the whole file with inih, checks every key of the
 * [printer], [captures], [render] and [web] sections, and hands each key of a
 * [camera NAME] section, in file order, to a callback (the camera module
 * owns those).  An unknown section or key, a bad value or a missing
 * required key is an error "file:line: what" (or "file: what" when no line
 * is to blame).  Numbers go through num_key_long() (num.h).  The struct
 * holds no pointers: copying it copies everything.  A value may be put
 * in double quotes (taken away), so that a ';' after a blank belongs to it
 * instead of starting a comment; a file that is good but likely not meant
 * as written (such a ';' unquoted) leaves a warning.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "render/render_options.h"
#include "web/web_options.h"

enum printer_type {
	PRINTER_DUET_HTTP,
	PRINTER_DUET_SBC,
	PRINTER_DUET_SERIAL,
};

enum serial_checksum {
	CHECKSUM_NONE,		/* USB: plain lines */
	CHECKSUM_XOR,		/* PanelDue port: N<n> ... *<xor> */
	CHECKSUM_CRC,		/* PanelDue port: N<n> ... *<crc16> */
};

struct config {
	/* [printer] */
	enum printer_type type;
	char url[512];			/* duet-http, duet-sbc; ends in '/' */
	char password[128];
	char device[256];		/* duet-serial */
	long baud;
	enum serial_checksum checksum;
	long poll_interval_ms;
	long request_timeout_ms;	/* one request to the printer */
	long startup_wait_s;
	/* [captures] */
	char directory[1024];
	/* [render]: see render_options.h */
	struct render_options render;
	/* [web]: see web_options.h */
	struct web_options web;
	/* "file:line: what" of the first doubtful line, or "" */
	char warning[320];
};

/* Called for every "key = value" of a [camera NAME] section: 0 when
 * accepted, -1 with a message in err (the line is added by config_load). */
typedef int (*config_camera_fn)(void *arg, const char *name, const char *key,
    const char *value, char *err, size_t errlen);

/* Defaults for every key. */
void	config_defaults(struct config *);

/* Parse path into *cfg (defaults first).  camera may be NULL: then a
 * [camera NAME] section is an error.  0 ok, -1 with err filled. */
int	config_load(const char *path, struct config *cfg,
	    config_camera_fn camera, void *camera_arg, char *err,
	    size_t errlen);

const char *config_printer_type_name(enum printer_type);

/* Whether a and b reach the same printer the same way (a reload keeps
 * the printer, and its session, when they do). */
bool	config_same_printer(const struct config *a, const struct config *b);

/*
 * The secrets in one key's value, for the log to hide (log.h): the whole
 * value of a key named password, what follows the ':' of user, and the
 * password of a URL's user:password@.  add is called for each, and for its
 * URL-escaped form when that differs (as it travels in a query).  Returns
 * 0, or -1 when add refused one (-1) or one is too long to be kept (over
 * 255 bytes).
 */
int	config_secrets(const char *key, const char *value,
	    int (*add)(const char *secret));

#endif
