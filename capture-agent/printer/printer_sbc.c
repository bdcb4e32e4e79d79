/*
 * printer_sbc.c: duet-sbc, a Duet attached to a single-board computer
 * running the Duet Software Framework, over DSF's HTTP API.
 *
 * Connect: GET machine/connect?password= gives a session key (403: wrong
 * password) sent as X-Session-Key.  Poll: GET machine/model, the whole
 * object model, from which state.messageBox and state.upTime are read.
 * Acknowledge: POST machine/code with the code as body.  401 means the
 * session is gone: connect again and retry once.  Any transport failure
 * drops the session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printer/http.h"
#include "printer/printer_impl.h"

struct duet_sbc {
	struct http_site site;
};

static void *
ds_open(const struct config *cfg, char *err, size_t errlen)
{
	struct duet_sbc *d;

	if ((d = calloc(1, sizeof(*d))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (http_site_init(&d->site, cfg->url, cfg->password,
	    cfg->request_timeout_ms, err, errlen) == -1) {
		free(d);
		return NULL;
	}
	return d;
}

static void
ds_close(void *arg)
{
	struct duet_sbc *d = arg;

	if (d == NULL)
		return;
	http_site_free(&d->site);
	free(d);
}

static int
ds_request(struct duet_sbc *d, const char *path, const char *body,
    struct http_reply *r, char *err, size_t errlen)
{
	return http_site_request(&d->site, path, body, r, err, errlen);
}

static int
ds_connect(struct duet_sbc *d, char *err, size_t errlen)
{
	char pw[3 * sizeof(d->site.password)], path[512], key[128], msg[256];
	struct http_reply r;

	d->site.connected = 0;
	d->site.header[0] = '\0';
	if (duet_url_escape(d->site.password, pw, sizeof(pw)) == -1) {
		snprintf(err, errlen, "password too long");
		return -1;
	}
	snprintf(path, sizeof(path), "machine/connect?password=%s", pw);
	if (ds_request(d, path, NULL, &r, err, errlen) == -1)
		return -1;
	if (r.status == 403) {
		snprintf(err, errlen, "machine/connect: wrong password");
		return -1;
	}
	if (r.status != 200) {
		snprintf(err, errlen, "machine/connect: HTTP status %ld",
		    r.status);
		return -1;
	}
	if (duet_parse_dsf_connect(r.body, r.len, key, sizeof(key), msg,
	    sizeof(msg)) == -1) {
		snprintf(err, errlen, "machine/connect: %s", msg);
		return -1;
	}
	snprintf(d->site.header, sizeof(d->site.header), "X-Session-Key: %s", key);
	d->site.connected = 1;
	return 0;
}

/* A request in a session, connecting first and once more after a 401. */
static int
ds_session(struct duet_sbc *d, const char *path, const char *body,
    struct http_reply *r, char *err, size_t errlen)
{
	int tries;

	for (tries = 0; tries < 2; tries++) {
		if (!d->site.connected && ds_connect(d, err, errlen) == -1)
			return -1;
		if (ds_request(d, path, body, r, err, errlen) == -1)
			return -1;
		if (r->status != 401)
			return 0;
		d->site.connected = 0;
	}
	snprintf(err, errlen, "%s: 401 Unauthorized after connecting again",
	    path);
	return -1;
}

static int
ds_poll(void *arg, struct duet_status *st, char *err, size_t errlen)
{
	struct duet_sbc *d = arg;
	struct http_reply r;
	char msg[256];

	if (ds_session(d, "machine/model", NULL, &r, err, errlen) == -1)
		return -1;
	if (r.status != 200) {
		snprintf(err, errlen, "machine/model: HTTP status %ld",
		    r.status);
		d->site.connected = 0;
		return -1;
	}
	if (duet_parse_dsf_model(r.body, r.len, st, msg, sizeof(msg)) == -1) {
		snprintf(err, errlen, "machine/model: %s", msg);
		return -1;
	}
	return 0;
}

static int
ds_ack(void *arg, const struct duet_ack *ack, char *err, size_t errlen)
{
	struct duet_sbc *d = arg;
	struct http_reply r;

	if (ds_session(d, "machine/code", ack->code, &r, err, errlen) == -1)
		return -1;
	if (r.status != 200) {
		snprintf(err, errlen, "machine/code: HTTP status %ld%s",
		    r.status, r.status == 503 ? ", printer busy" : "");
		return -1;
	}
	return 0;
}

const struct printer_ops printer_sbc_ops = {
	.open = ds_open,
	.poll = ds_poll,
	.ack = ds_ack,
	.close = ds_close,
};
