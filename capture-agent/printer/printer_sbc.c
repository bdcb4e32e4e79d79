/*
 * printer_sbc.c: duet-sbc, a Duet attached to a single-board computer
 * running the Duet Software Framework, over DSF's HTTP API.
 *
 * Connect: GET machine/connect?password= gives a session key (403: wrong
 * password) sent as X-Session-Key.  Poll: GET machine/model, the whole
 * object model, from which state.messageBox and state.upTime are read.
 * Acknowledge: POST machine/code with the code as body.  401 means the
 * session is gone: connect again and retry once (http.h's session shell).
 * 503 is "busy"; the session is kept then and after a transport failure;
 * closing ends it (machine/disconnect).  The model also tells the
 * firmware's version (the seq of an acknowledgement is honoured from 3.5
 * on) and the job, kept from the last poll.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "printer/http.h"
#include "printer/printer_impl.h"

struct duet_sbc {
	struct http_site site;		/* first: see http_site_open */
	struct duet_job job;		/* from the last poll */
};

/* The site's login: machine/connect, whose key is the session. */
static int
ds_login(void *arg, char *err, size_t errlen)
{
	struct duet_sbc *d = arg;
	char pw[3 * sizeof d->site.password], path[512], key[128], msg[256];
	struct http_reply r;

	if (duet_url_escape(d->site.password, pw, sizeof pw) == -1)
		return errbuf_set(err, errlen, "password too long");
	snprintf(path, sizeof path, "machine/connect?password=%s", pw);
	if (http_site_request(&d->site, path, NULL, &r, err, errlen) == -1)
		return -1;
	if (r.status == 403)
		return errbuf_set(err, errlen, "machine/connect: wrong "
		    "password");
	if (r.status != 200)
		return errbuf_set(err, errlen, "machine/connect: HTTP status "
		    "%ld", r.status);
	if (duet_parse_dsf_connect(r.body, r.len, key, sizeof key, msg,
	    sizeof msg) == -1)
		return errbuf_set(err, errlen, "machine/connect: %s", msg);
	snprintf(d->site.header, sizeof d->site.header, "X-Session-Key: %s",
	    key);
	return 0;
}

static void *
ds_open(const struct config *cfg, char *err, size_t errlen)
{
	return http_site_open(sizeof(struct duet_sbc), cfg->url,
	    cfg->password, cfg->request_timeout_ms, ds_login,
	    "machine/disconnect", err, errlen);
}

static int
ds_poll(void *arg, struct duet_status *st, char *err, size_t errlen)
{
	struct duet_sbc *d = arg;
	struct http_reply r;
	char msg[256];

	if (http_site_session(&d->site, "machine/model", NULL, &r, err,
	    errlen) == -1)
		return -1;
	if (r.status == 503) {
		errbuf_set(err, errlen, "machine/model: 503, printer busy");
		return 1;
	}
	if (r.status != 200) {
		errbuf_set(err, errlen, "machine/model: HTTP status %ld",
		    r.status);
		d->site.connected = false;
		return -1;
	}
	if (duet_parse_dsf_model(r.body, r.len, st, &d->job, msg,
	    sizeof msg) == -1)
		return errbuf_set(err, errlen, "machine/model: %s", msg);
	return 0;
}

static int
ds_job(void *arg, struct duet_job *job, char *err, size_t errlen)
{
	struct duet_sbc *d = arg;

	(void)err;
	(void)errlen;
	*job = d->job;
	return 0;
}

static int
ds_ack(void *arg, const struct duet_ack *ack, char *err, size_t errlen)
{
	struct duet_sbc *d = arg;
	struct http_reply r;

	if (http_site_session(&d->site, "machine/code", ack->code, &r, err,
	    errlen) == -1)
		return -1;
	if (r.status == 503) {
		errbuf_set(err, errlen, "machine/code: 503, printer busy");
		return 1;
	}
	if (r.status != 200)
		return errbuf_set(err, errlen, "machine/code: HTTP status "
		    "%ld", r.status);
	return 0;
}

const struct printer_ops printer_sbc_ops = {
	.open = ds_open,
	.poll = ds_poll,
	.ack = ds_ack,
	.job = ds_job,
	.close = http_site_close,
};
