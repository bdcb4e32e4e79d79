/*
 * camera_type.c: small helpers shared by the camera types: string and size
 * values (the size's numbers through num_config_long), and open and close
 * for a type with no device to keep.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "errbuf.h"
#include "num.h"
#include "camera/camera_type.h"

int
camera_type_string(const char *key, const char *value, char *out, size_t outlen,
    char *err, size_t errlen)
{
	size_t len = strlen(value);

	if (len == 0 || len >= outlen)
		return errbuf_set(err, errlen, "%s: %s value (1 to %zu "
		    "characters)", key, len == 0 ? "empty" : "too long", outlen
		    - 1);
	memcpy(out, value, len + 1);
	return 0;
}

/* "WIDTHxHEIGHT", each 16 to 16384. */
int
camera_type_size(const char *key, const char *value, int *w, int *h, char *err,
    size_t errlen)
{
	char buf[32];
	char *x;
	long lw, lh;

	if (strlen(value) >= sizeof buf ||
	    (x = strchr(memcpy(buf, value, strlen(value) + 1), 'x')) == NULL)
		goto bad;
	*x++ = '\0';
	if (num_config_long(buf, 16, 16384, &lw) != NUM_OK ||
	    num_config_long(x, 16, 16384, &lh) != NUM_OK)
		goto bad;
	*w = (int)lw;
	*h = (int)lh;
	return 0;
bad:
	return errbuf_set(err, errlen, "%s: '%s' is not WIDTHxHEIGHT (16 to "
	    "16384 each, e.g. 1920x1080)", key, value);
}

int
camera_type_choice(const char *key, const char *value,
    const char *const names[], int *choice, char *err, size_t errlen)
{
	char list[256];
	size_t used = 0;
	int i, n;

	for (n = 0; names[n] != NULL; n++)
		if (strcmp(value, names[n]) == 0) {
			*choice = n;
			return 0;
		}
	list[0] = '\0';
	for (i = 0; i < n && used < sizeof list; i++)
		used += (size_t)snprintf(list + used, sizeof list - used,
		    "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", names[i]);
	return errbuf_set(err, errlen, "%s: '%s' is not %s", key, value, list);
}

void *
camera_type_open_config(const void *conf, const struct camera_common *c,
    char *err, size_t errlen)
{
	(void)c;
	(void)err;
	(void)errlen;
	return (void *)(uintptr_t)conf;
}

void
camera_type_close_nothing(void *dev)
{
	(void)dev;
}
