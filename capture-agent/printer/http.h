/*
 * http.h: the few HTTP requests the printer transports make, over one
 * libcurl easy handle, and the session shell duet-http and duet-sbc share.
 *
 * The reply body lives in a buffer owned by the struct http, NUL
 * terminated, valid until the next request (or until it is taken); it is
 * capped at HTTP_MAX_BODY (a longer reply is an error) unless a larger cap
 * is set for a download.  Each request has a total time limit.
 * curl_global_init() is main's business.
 */
#ifndef HTTP_H
#define HTTP_H

#include <stdbool.h>
#include <stddef.h>

#define HTTP_MAX_BODY (4 * 1024 * 1024)

struct http;

struct http_reply {
	long status;			/* HTTP status, 0 if none */
	const char *body;		/* NUL-terminated */
	size_t len;
};

/* NULL when out of memory.  Every socket it opens is close-on-exec; only
 * http and https are spoken, redirects included. */
struct http	*http_new(long timeout_ms);
void		 http_set_timeout(struct http *, long timeout_ms);
void		 http_free(struct http *);

/* The longest reply the next requests take (HTTP_MAX_BODY by default). */
void	 http_max_body(struct http *, size_t max);

/* The last reply's body, NUL terminated, now the caller's to free()
 * (NULL when it was empty or out of memory). */
char	*http_take_body(struct http *, size_t *len);

/*
 * GET url (or POST body as text/plain when body is not NULL), with one
 * optional extra header line ("Name: value").  0 when a reply came (of any
 * status), -1 with err on a transport failure (refused, reset, timeout).
 */
int	http_request(struct http *, const char *url, const char *header,
	    const char *body, struct http_reply *, char *err, size_t errlen);

/*
 * A printer's web server, as the duet-http and duet-sbc transports share
 * it: one connection, the base URL, the password, and the session the
 * transport's login opens (and http_site_close ends, with a GET of
 * logout, so that the board's few sessions are not used up by reloads).
 * http_site_session() is the one shell around their requests: it logs in
 * when there is no session (or it has been idle too long to be alive
 * still), sends the request with the session header, and on a 401 logs in
 * again and retries once.  A transport failure (a
 * reset, a timeout) keeps the session, which the board still holds:
 * logging in anew at each would use up its few sessions (3.5 gives a key
 * per login); it sets failed, for the transport to look again at what may
 * have changed (a reboot answers 401 anyway).
 */
struct http_site {
	struct http *http;
	char base[512];			/* ends in '/' */
	char password[128];
	char header[160];		/* "X-Session-Key: ..." or "" */
	bool connected;
	bool failed;			/* a transport failure since cleared */
	long session_ms;		/* idle this long: gone; 0 never */
	long long last_ms;		/* clock_ms() of the last reply */
	/* open a session: fill header (and session_ms); 0, or -1 with err */
	int (*login)(void *transport, char *err, size_t errlen);
	const char *logout;		/* path that ends the session */
	char url[2048];
};

/*
 * The transport's state: size bytes, zeroed, whose first member is its
 * struct http_site, set up for base and password with login.  NULL with
 * err when out of memory.  The transport's ops->open; http_site_close()
 * is its ops->close.
 */
void	*http_site_open(size_t size, const char *base, const char *password,
	    long timeout_ms, int (*login)(void *, char *, size_t),
	    const char *logout, char *err, size_t errlen);
void	 http_site_close(void *transport);

/* GET base+path (POST body when not NULL), with the session header. */
int	http_site_request(struct http_site *, const char *path,
	    const char *body, struct http_reply *, char *err, size_t errlen);

/* Log in unless a session is open (and not idle too long).  0, or -1. */
int	http_site_login(struct http_site *, char *err, size_t errlen);

/*
 * http_site_request in a session, as above.  Fills r with any reply but a
 * 401; -1 with err when no reply came or the login failed.
 */
int	http_site_session(struct http_site *, const char *path,
	    const char *body, struct http_reply *r, char *err, size_t errlen);

#endif
