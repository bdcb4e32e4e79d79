/*
 * printer_http.c: duet-http, a standalone RepRapFirmware board over its
 * rr_ API.
 *
 * Connect: rr_connect with sessionKey=yes; when a key comes back (RRF 3.5
 * and later) it goes in X-Session-Key on every request, otherwise the
 * board knows us by address.  Poll: rr_model?key=state.messageBox; a 404
 * there means RRF 2.x/3.0, which is then polled with rr_status?type=1.
 * That choice is made per connection: every login tries rr_model first
 * again, and a 404 from rr_status (a board that no longer serves it) drops
 * the connection back to rr_model, so one stray 404 never sticks.  After
 * each connect, upTime is read once so the agent can tell a reboot.  A 401
 * means the session is gone (expired, or the board rebooted): log in
 * again and retry once; so does a session idle for most of the
 * sessionTimeout the board gave (http.h's session shell does both).  A 503
 * means the board is out of buffers: drain rr_reply and say "busy"; the
 * session is kept.  So it is after a transport failure (http.h), after
 * which upTime is read again.  Only apiLevel 2 (RRF 3.5 and later) removes
 * just the box an acknowledgement names by its seq; on the others the
 * agent checks the box before acknowledging.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "errbuf.h"
#include "printer/http.h"
#include "printer/printer_impl.h"

struct duet_http {
	struct http_site site;		/* first: see http_site_open */
	bool legacy;			/* rr_status?type=1 */
	bool want_uptime;
	struct duet_session session;
};

/* The site's login: rr_connect, and the session key when one comes. */
static int
dh_login(void *arg, char *err, size_t errlen)
{
	struct duet_http *d = arg;
	char pw[3 * sizeof d->site.password], when[64], tstr[32], path[512];
	struct http_reply r;
	struct tm tm;
	time_t now;
	char msg[256];

	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(tstr, sizeof tstr, "%Y-%m-%dT%H:%M:%S", &tm);
	if (duet_url_escape(d->site.password, pw, sizeof pw) == -1 ||
	    duet_url_escape(tstr, when, sizeof when) == -1)
		return errbuf_set(err, errlen, "password too long");
	snprintf(path, sizeof path, "rr_connect?password=%s&time=%s"
	    "&sessionKey=yes", pw, when);
	if (http_site_request(&d->site, path, NULL, &r, err, errlen) == -1)
		return -1;
	if (r.status != 200)
		return errbuf_set(err, errlen, "rr_connect: HTTP status %ld",
		    r.status);
	if (duet_parse_connect(r.body, r.len, &d->session, msg,
	    sizeof msg) == -1)
		return errbuf_set(err, errlen, "rr_connect: %s", msg);
	if (d->session.have_key)
		snprintf(d->site.header, sizeof d->site.header,
		    "X-Session-Key: %lu", d->session.key);
	d->site.session_ms = d->session.timeout_ms;
	d->want_uptime = true;
	d->legacy = false;		/* decided anew for each connection */
	return 0;
}

static void *
dh_open(const struct config *cfg, char *err, size_t errlen)
{
	return http_site_open(sizeof(struct duet_http), cfg->url,
	    cfg->password, cfg->request_timeout_ms, dh_login, "rr_disconnect",
	    err, errlen);
}

/* Out of buffers: empty the reply buffer, and say busy (1). */
static int
dh_busy(struct duet_http *d, const char *what, char *err, size_t errlen)
{
	struct http_reply r;
	char ignore[256];

	(void)http_site_request(&d->site, "rr_reply", NULL, &r, ignore,
	    sizeof ignore);
	errbuf_set(err, errlen, "%s: 503, printer busy", what);
	return 1;
}

static int
dh_poll(void *arg, struct duet_status *st, char *err, size_t errlen)
{
	struct duet_http *d = arg;
	struct http_reply r;
	const char *path;
	char msg[256];
	int rc;

	/* first the session: a login decides the API anew (dh_login); after
	 * a failure, upTime is read again to see a reboot */
	if (http_site_login(&d->site, err, errlen) == -1)
		return -1;
	if (d->site.failed) {
		d->site.failed = false;
		d->want_uptime = true;
	}
	if (d->want_uptime && !d->legacy) {
		if (http_site_session(&d->site,
		    "rr_model?key=state.upTime&flags=v", NULL, &r, err,
		    errlen) == -1)
			return -1;
		if (r.status == 404)
			d->legacy = true;
		else if (r.status == 200 && duet_parse_model_reply(r.body,
		    r.len, "state.upTime", st, msg, sizeof msg) == 0)
			d->want_uptime = false;
	}
	path = d->legacy ? "rr_status?type=1" :
	    "rr_model?key=state.messageBox&flags=v";
	if (http_site_session(&d->site, path, NULL, &r, err, errlen) == -1)
		return -1;
	if (r.status == 404 && !d->legacy) {
		d->legacy = true;
		return dh_poll(d, st, err, errlen);
	}
	if (r.status == 503)
		return dh_busy(d, path, err, errlen);
	if (r.status != 200) {
		errbuf_set(err, errlen, "%.40s: HTTP status %ld", path,
		    r.status);
		d->site.connected = false;
		return -1;
	}
	if (d->legacy) {
		rc = duet_parse_status1(r.body, r.len, st, msg, sizeof msg);
		d->want_uptime = false;
	} else
		rc = duet_parse_model_reply(r.body, r.len, "state.messageBox",
		    st, msg, sizeof msg);
	if (rc != 0)
		return errbuf_set(err, errlen, "%.40s: %s", path, rc == 1 ?
		    "reply for another key" : msg);
	st->ack_by_seq = !d->legacy && d->session.api_level >= 2;
	return 0;
}

static int
dh_ack(void *arg, const struct duet_ack *ack, char *err, size_t errlen)
{
	struct duet_http *d = arg;
	struct http_reply r;
	char code[3 * sizeof ack->code], path[256], ignore[256];

	if (duet_url_escape(ack->code, code, sizeof code) == -1)
		return errbuf_set(err, errlen, "code too long");
	snprintf(path, sizeof path, "rr_gcode?gcode=%s", code);
	if (http_site_session(&d->site, path, NULL, &r, err, errlen) == -1)
		return -1;
	if (r.status == 503)
		return dh_busy(d, "rr_gcode", err, errlen);
	if (r.status != 200)
		return errbuf_set(err, errlen, "rr_gcode: HTTP status %ld",
		    r.status);
	(void)http_site_request(&d->site, "rr_reply", NULL, &r, ignore,
	    sizeof ignore);
	return 0;
}

static int
dh_job(void *arg, struct duet_job *job, char *err, size_t errlen)
{
	struct duet_http *d = arg;
	struct http_reply r;
	char msg[256];
	int rc;

	if (d->legacy)
		return errbuf_set(err, errlen, "rr_status tells no job "
		    "(RepRapFirmware 3.1 or later says where its job stands)");
	if (http_site_session(&d->site, "rr_model?key=job&flags=v", NULL, &r,
	    err, errlen) == -1)
		return -1;
	if (r.status != 200)
		return errbuf_set(err, errlen, "rr_model?key=job: HTTP status "
		    "%ld%s", r.status, r.status == 404 ? " (RepRapFirmware "
		    "3.1 or later says where its job stands)" : "");
	if ((rc = duet_parse_job(r.body, r.len, job, msg, sizeof msg)) != 0)
		return errbuf_set(err, errlen, "rr_model?key=job: %s",
		    rc == 1 ? "reply for another key" : msg);
	return 0;
}

static int
dh_download(void *arg, const char *name, size_t max, char **data,
    size_t *len, char *err, size_t errlen)
{
	struct duet_http *d = arg;
	struct http_reply r;
	char esc[3 * 256 + 1], path[sizeof esc + 32];
	int rc;

	if (duet_url_escape(name, esc, sizeof esc) == -1)
		return errbuf_set(err, errlen, "file name too long");
	snprintf(path, sizeof path, "rr_download?name=%s", esc);
	http_max_body(d->site.http, max);
	rc = http_site_session(&d->site, path, NULL, &r, err, errlen);
	http_max_body(d->site.http, HTTP_MAX_BODY);
	if (rc == -1)
		return -1;
	if (r.status != 200)
		return errbuf_set(err, errlen, "rr_download %s: HTTP status "
		    "%ld", name, r.status);
	if ((*data = http_take_body(d->site.http, len)) == NULL)
		return errbuf_set(err, errlen, "rr_download %s: an empty file",
		    name);
	return 0;
}

const struct printer_ops printer_http_ops = {
	.open = dh_open,
	.poll = dh_poll,
	.ack = dh_ack,
	.job = dh_job,
	.download = dh_download,
	.close = http_site_close,
};
