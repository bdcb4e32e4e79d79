/*
 * http.c: see http.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "clock.h"
#include "curl_policy.h"
#include "errbuf.h"
#include "printer/http.h"

struct http {
	CURL *curl;
	long timeout_ms;
	char *buf;
	size_t len, cap, max;
	bool overflow;
};

struct http *
http_new(long timeout_ms)
{
	struct http *h;

	if ((h = calloc(1, sizeof *h)) == NULL)
		return NULL;
	if ((h->curl = curl_easy_init()) == NULL) {
		free(h);
		return NULL;
	}
	h->timeout_ms = timeout_ms;
	h->max = HTTP_MAX_BODY;
	return h;
}

void
http_set_timeout(struct http *h, long timeout_ms)
{
	h->timeout_ms = timeout_ms;
}

void
http_max_body(struct http *h, size_t max)
{
	h->max = max;
}

char *
http_take_body(struct http *h, size_t *len)
{
	char *b = h->len > 0 ? h->buf : NULL;

	*len = b != NULL ? h->len : 0;
	if (b != NULL) {
		h->buf = NULL;
		h->len = h->cap = 0;
	}
	return b;
}

void
http_free(struct http *h)
{
	if (h == NULL)
		return;
	curl_easy_cleanup(h->curl);
	free(h->buf);
	free(h);
}

static size_t
http_write(char *data, size_t size, size_t nmemb, void *arg)
{
	struct http *h = arg;
	size_t n = size * nmemb, cap;
	char *nb;

	if (h->len + n + 1 > h->max) {
		h->overflow = true;
		return 0;
	}
	if (h->len + n + 1 > h->cap) {
		cap = h->cap ? h->cap : 4096;
		while (cap < h->len + n + 1)
			cap *= 2;
		if ((nb = realloc(h->buf, cap)) == NULL)
			return 0;
		h->buf = nb;
		h->cap = cap;
	}
	memcpy(h->buf + h->len, data, n);
	h->len += n;
	h->buf[h->len] = '\0';
	return n;
}

int
http_request(struct http *h, const char *url, const char *header,
    const char *body, struct http_reply *r, char *err, size_t errlen)
{
	struct curl_slist *hdrs = NULL, *l;
	CURLcode rc;

	memset(r, 0, sizeof *r);
	h->len = 0;
	h->overflow = false;
	if (h->buf != NULL)
		h->buf[0] = '\0';
	curl_easy_reset(h->curl);
	curl_easy_setopt(h->curl, CURLOPT_URL, url);
	curl_easy_setopt(h->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h->curl, CURLOPT_TIMEOUT_MS, h->timeout_ms);
	curl_easy_setopt(h->curl, CURLOPT_CONNECTTIMEOUT_MS, h->timeout_ms);
	curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, http_write);
	curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, h);
	curl_policy_apply(h->curl);
	if (header != NULL) {
		if ((l = curl_slist_append(hdrs, header)) == NULL)
			goto nomem;
		hdrs = l;
	}
	if (body != NULL) {
		if ((l = curl_slist_append(hdrs,
		    "Content-Type: text/plain")) == NULL)
			goto nomem;
		hdrs = l;
		curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE,
		    (long)strlen(body));
	}
	if (hdrs != NULL)
		curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, hdrs);
	rc = curl_easy_perform(h->curl);
	curl_slist_free_all(hdrs);
	if (h->overflow)
		return errbuf_set(err, errlen, "reply longer than %zu bytes",
		    h->max);
	if (rc != CURLE_OK)
		return errbuf_set(err, errlen, "%s", curl_easy_strerror(rc));
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &r->status);
	r->body = h->buf != NULL ? h->buf : "";
	r->len = h->len;
	return 0;
nomem:
	curl_slist_free_all(hdrs);
	return errbuf_set(err, errlen, "out of memory");
}

void *
http_site_open(size_t size, const char *base, const char *password,
    long timeout_ms, int (*login)(void *, char *, size_t),
    const char *logout, char *err, size_t errlen)
{
	struct http_site *s;

	if (size < sizeof *s || (s = calloc(1, size)) == NULL) {
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	if ((s->http = http_new(timeout_ms)) == NULL) {
		free(s);
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(s->base, sizeof s->base, "%s", base);
	snprintf(s->password, sizeof s->password, "%s", password);
	s->login = login;
	s->logout = logout;
	return s;
}

void
http_site_close(void *transport)
{
	struct http_site *s = transport;

	struct http_reply r;
	char err[256];

	if (s == NULL)
		return;
	if (s->connected && s->logout != NULL) {
		/* briefly: a printer gone must not hold up a reload */
		http_set_timeout(s->http, 500);
		(void)http_site_request(s, s->logout, NULL, &r, err,
		    sizeof err);
	}
	http_free(s->http);
	free(s);
}

int
http_site_request(struct http_site *s, const char *path, const char *body,
    struct http_reply *r, char *err, size_t errlen)
{
	char msg[256];
	int n;

	n = snprintf(s->url, sizeof s->url, "%s%s", s->base, path);
	if (n < 0 || (size_t)n >= sizeof s->url)
		return errbuf_set(err, errlen, "URL too long");
	if (http_request(s->http, s->url, s->header[0] ? s->header : NULL,
	    body, r, msg, sizeof msg) == -1) {
		s->failed = true;
		return errbuf_set(err, errlen, "%s: %s", path, msg);
	}
	s->last_ms = clock_ms();
	return 0;
}

int
http_site_login(struct http_site *s, char *err, size_t errlen)
{
	/* idle for three quarters of its timeout: take it as gone */
	if (s->connected && s->session_ms > 0 && clock_ms() - s->last_ms >
	    s->session_ms - s->session_ms / 4)
		s->connected = false;
	if (s->connected)
		return 0;
	s->header[0] = '\0';
	s->session_ms = 0;
	if (s->login(s, err, errlen) == -1)
		return -1;
	s->connected = true;
	return 0;
}

int
http_site_session(struct http_site *s, const char *path, const char *body,
    struct http_reply *r, char *err, size_t errlen)
{
	int tries;

	for (tries = 0; tries < 2; tries++) {
		if (http_site_login(s, err, errlen) == -1)
			return -1;
		if (http_site_request(s, path, body, r, err, errlen) == -1)
			return -1;
		if (r->status != 401)
			return 0;
		s->connected = false;
	}
	return errbuf_set(err, errlen, "%s: 401 Unauthorized after logging in "
	    "again", path);
}
