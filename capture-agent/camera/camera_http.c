/*
 * camera_http.c: a webcam's snapshot URL (mjpg-streamer ?action=snapshot,
 * ustreamer /snapshot, camera-streamer /snapshot?max_delay=0) via libcurl.
 *
 * The easy handle lives in the worker between shots, so the connection is
 * reused when the server allows it.  A body is a frame only when it is a
 * whole JPEG (start and end markers, readable header): an HTML error page,
 * a truncated transfer or ustreamer's "NO LIVE VIDEO" picture (sent with
 * X-UStreamer-Online: false) is a failed shot, never a stored frame.
 * Redirects are followed to http and https only (never ftp:// or file://),
 * and the sockets are close-on-exec.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "clock.h"
#include "curl_policy.h"
#include "errbuf.h"
#include "num.h"
#include "camera/camera_type.h"

#define HTTP_MAX_BYTES (64L * 1024 * 1024)

struct http_conf {
	char url[2048];
	bool discard_first;
	bool decode;		/* validate = decode */
	char user[256];
};

struct http_dev {
	const struct http_conf *conf;
	CURL *curl;
	unsigned char *buf;
	size_t len, cap;
	bool offline;		/* X-UStreamer-Online: false */
	bool toobig;
	char curlerr[CURL_ERROR_SIZE];
};

static void *
http_conf_new(void)
{
	return calloc(1, sizeof(struct http_conf));
}

static int
http_set(void *conf, const char *key, const char *value, char *err,
    size_t errlen)
{
	static const char *const validations[] = { "markers", "decode",
	    NULL };
	struct http_conf *h = conf;
	int i;

	if (strcmp(key, "url") == 0) {
		if (strncmp(value, "http://", 7) != 0 &&
		    strncmp(value, "https://", 8) != 0)
			return errbuf_set(err, errlen, "url: '%s' is not an "
			    "http:// or https:// URL", value);
		return camera_type_string(key, value, h->url, sizeof h->url,
		    err, errlen);
	}
	if (strcmp(key, "discard_first") == 0)
		return num_key_bool(key, value, &h->discard_first, err, errlen);
	if (strcmp(key, "user") == 0)
		return camera_type_string(key, value, h->user,
		    sizeof h->user, err, errlen);
	if (strcmp(key, "validate") == 0) {
		if (camera_type_choice(key, value, validations, &i, err,
		    errlen) == -1)
			return -1;
		h->decode = i == 1;
		return 0;
	}
	return 1;
}

static int
http_check(void *conf, const struct camera_common *c, char *err,
    size_t errlen)
{
	const struct http_conf *h = conf;

	(void)c;
	if (h->url[0] == '\0')
		return errbuf_set(err, errlen, "http camera without url (e.g. "
		    "http://127.0.0.1:8080/?action=snapshot)");
	return 0;
}

static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct http_dev *d = arg;
	size_t len = size * n, cap;
	unsigned char *p;

	if (d->len + len > HTTP_MAX_BYTES) {
		d->toobig = true;
		return 0;
	}
	if (d->len + len > d->cap) {
		for (cap = d->cap ? d->cap : 65536; cap < d->len + len;)
			cap *= 2;
		if ((p = realloc(d->buf, cap)) == NULL)
			return 0;
		d->buf = p;
		d->cap = cap;
	}
	memcpy(d->buf + d->len, data, len);
	d->len += len;
	return len;
}

static size_t
on_header(char *data, size_t size, size_t n, void *arg)
{
	struct http_dev *d = arg;
	size_t len = size * n;
	static const char h[] = "X-UStreamer-Online:";

	if (len > sizeof h && strncasecmp(data, h, sizeof h - 1) == 0) {
		const char *v = data + sizeof h - 1;
		size_t left = len - (sizeof h - 1);

		while (left > 0 && (*v == ' ' || *v == '\t')) {
			v++;
			left--;
		}
		if (left >= 5 && strncasecmp(v, "false", 5) == 0)
			d->offline = true;
	}
	return len;
}

static void *
http_open(const void *conf, const struct camera_common *c, char *err,
    size_t errlen)
{
	const struct http_conf *h = conf;
	struct http_dev *d;

	(void)c;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
		errbuf_set(err, errlen, "cannot start libcurl");
		return NULL;
	}
	if ((d = calloc(1, sizeof *d)) == NULL ||
	    (d->curl = curl_easy_init()) == NULL) {
		free(d);
		errbuf_set(err, errlen, "cannot start libcurl");
		return NULL;
	}
	d->conf = h;
	curl_easy_setopt(d->curl, CURLOPT_URL, h->url);
	curl_easy_setopt(d->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(d->curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(d->curl, CURLOPT_MAXREDIRS, 3L);
	curl_policy_apply(d->curl);
	curl_easy_setopt(d->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(d->curl, CURLOPT_WRITEDATA, d);
	curl_easy_setopt(d->curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(d->curl, CURLOPT_HEADERDATA, d);
	curl_easy_setopt(d->curl, CURLOPT_ERRORBUFFER, d->curlerr);
	curl_easy_setopt(d->curl, CURLOPT_USERAGENT, "capture-agent");
	if (h->user[0] != '\0') {
		curl_easy_setopt(d->curl, CURLOPT_USERPWD, h->user);
		curl_easy_setopt(d->curl, CURLOPT_HTTPAUTH, CURLAUTH_ANY);
	}
	return d;
}

static void
http_close(void *dev)
{
	struct http_dev *d = dev;

	if (d == NULL)
		return;
	curl_easy_cleanup(d->curl);
	free(d->buf);
	free(d);
}

/* One GET into d->buf.  0 ok, -1 err filled. */
static int
http_get(struct http_dev *d, long timeout_ms, char *err, size_t errlen)
{
	CURLcode rc;
	long status = 0;

	d->len = 0;
	d->offline = false;
	d->toobig = false;
	d->curlerr[0] = '\0';
	if (timeout_ms < 50)
		timeout_ms = 50;
	curl_easy_setopt(d->curl, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(d->curl, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
	rc = curl_easy_perform(d->curl);
	if (d->toobig)
		return errbuf_set(err, errlen, "%s: more than %ld bytes, not a "
		    "snapshot", d->conf->url, HTTP_MAX_BYTES);
	if (rc != CURLE_OK) {
		errbuf_set(err, errlen, "%s: %s", d->conf->url,
		    d->curlerr[0] != '\0' ? d->curlerr :
		    curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(d->curl, CURLINFO_RESPONSE_CODE, &status);
	if (status != 200) {
		errbuf_set(err, errlen, "%s: HTTP status %ld", d->conf->url,
		    status);
		return -1;
	}
	if (d->offline) {
		errbuf_set(err, errlen, "%s: streamer says the camera is "
		    "offline (X-UStreamer-Online: false)", d->conf->url);
		return -1;
	}
	return 0;
}

static int
http_shoot(void *dev, const struct camera_shot *shot, struct camera_frame *f,
    char *err, size_t errlen)
{
	struct http_dev *d = dev;
	long long t0 = clock_ms();
	long left;
	char e[CAMERA_ERR_MAX];

	/* Leave the agent's margin to this side: a clean error, no kill. */
	left = shot->timeout_ms - 50;
	if (d->conf->discard_first) {
		if (http_get(d, left, err, errlen) == -1)
			return -1;
		left -= (long)(clock_ms() - t0);
	}
	if (http_get(d, left, err, errlen) == -1)
		return -1;
	if (jpeg_check(d->buf, d->len, d->conf->decode ? JPEG_CHECK_DECODE :
	    JPEG_CHECK_MARKERS, NULL, NULL, e, sizeof e) == -1) {
		errbuf_set(err, errlen, "%s: %s", d->conf->url, e);
		return -1;
	}
	/* Hand the buffer over; a new one grows next time. */
	f->data = d->buf;
	f->len = d->len;
	f->data_tj = false;
	f->skip_check = true;
	d->buf = NULL;
	d->len = d->cap = 0;
	if (shot->exposed != NULL)
		shot->exposed(shot->exposed_arg);
	return 0;
}

const struct camera_type camera_type_http = {
	.name = "http",
	.conf_new = http_conf_new,
	.conf_free = free,
	.set = http_set,
	.check = http_check,
	.open = http_open,
	.shoot = http_shoot,
	.close = http_close,
	.default_timeout_ms = 5000,
	.keys = "url, discard_first, validate, user",
};
