/*
 * server.c: see server.h.
 *
 * libmicrohttpd runs a thread per connection (MHD_USE_THREAD_PER_CONNECTION
 * with poll), so a slow download or an event stream waits in its own
 * thread and nowhere else.  No escape in a URL is decoded (the unescape
 * callback leaves it as sent): no route has one, so "%2e%2e" and "%2f"
 * stay what they are and match nothing.  The connections are kept in a
 * table with the time each began to wait for a request; a watchdog thread
 * shuts down a connection whose request has not arrived whole within
 * WEB_HEADERS_MS, which libmicrohttpd's idle timeout alone would let a
 * client trickling a byte a second keep open for ever.
 */
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <arpa/inet.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <microhttpd.h>

#include "clock.h"
#include "errbuf.h"
#include "log.h"
#include "web/library.h"
#include "web/request.h"
#include "web/routes.h"
#include "web/server.h"
#include "web/sheets.h"

#define WATCH_MS	200
#define BAD_PASSWORD_MS	300	/* a wrong password waits that long */

/* One connection, as the watchdog sees it. */
struct slot {
	bool	used;
	bool	waiting;		/* for a request's headers */
	bool	cut;			/* shut down by the watchdog */
	int	fd;
	long long since;		/* clock_ms() it began to wait */
};

struct web_server {
	struct config cfg;
	struct site site;
	struct MHD_Daemon *mhd;
	char	url[96];
	pthread_mutex_t lock;		/* slots, stopping */
	pthread_cond_t wake;
	struct slot slots[WEB_MAX_CONNECTIONS];
	bool	stopping;
	bool	watching;
	pthread_t watchdog;
};

/* ---- the connections and the watchdog ---- */

static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	struct web_server *w = cls;
	const union MHD_ConnectionInfo *ci;
	struct slot *sl = *socket_context;
	size_t i;

	pthread_mutex_lock(&w->lock);
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CONNECTION_FD);
		for (i = 0; ci != NULL && i < WEB_MAX_CONNECTIONS; i++)
			if (!w->slots[i].used) {
				sl = &w->slots[i];
				memset(sl, 0, sizeof *sl);
				sl->used = true;
				sl->waiting = true;
				sl->fd = ci->connect_fd;
				sl->since = clock_ms();
				*socket_context = sl;
				break;
			}
	} else if (sl != NULL) {
		/* before libmicrohttpd closes the descriptor */
		sl->used = false;
		*socket_context = NULL;
	}
	pthread_mutex_unlock(&w->lock);
}

/* The request is over: the connection waits for the next one. */
static void
on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct web_server *w = cls;
	const union MHD_ConnectionInfo *ci;
	struct slot *sl;

	(void)req_cls;
	(void)toe;
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	if (ci == NULL || (sl = ci->socket_context) == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	sl->waiting = true;
	sl->since = clock_ms();
	pthread_mutex_unlock(&w->lock);
}

static void
set_waiting(struct web_server *w, struct MHD_Connection *c, bool waiting)
{
	const union MHD_ConnectionInfo *ci;
	struct slot *sl;

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	if (ci == NULL || (sl = ci->socket_context) == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	sl->waiting = waiting;
	pthread_mutex_unlock(&w->lock);
}

static void *
watchdog(void *arg)
{
	struct web_server *w = arg;
	struct timespec until;
	long long now;
	size_t i;

	pthread_mutex_lock(&w->lock);
	while (!w->stopping) {
		now = clock_ms();
		for (i = 0; i < WEB_MAX_CONNECTIONS; i++) {
			struct slot *sl = &w->slots[i];

			if (sl->used && sl->waiting && !sl->cut &&
			    now - sl->since > WEB_HEADERS_MS) {
				/* libmicrohttpd then reads the end, closes */
				(void)shutdown(sl->fd, SHUT_RDWR);
				sl->cut = true;
			}
		}
		until = clock_deadline(WATCH_MS);
		(void)pthread_cond_timedwait(&w->wake, &w->lock, &until);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* ---- who may ask what ---- */

/* Equal strings, in a time that does not depend on where they differ. */
static bool
same_secret(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), n = la > lb ? la : lb, i;
	volatile unsigned char d = la != lb;

	for (i = 0; i < n; i++)
		d |= (unsigned char)((i < la ? a[i] : 0) ^ (i < lb ? b[i] : 0));
	return d == 0;
}

static bool
password_ok(const struct web_server *w, struct MHD_Connection *c)
{
	char *user, *pass = NULL;
	bool ok;

	if (w->cfg.web.password[0] == '\0')
		return true;
	user = MHD_basic_auth_get_username_password(c, &pass);
	ok = user != NULL && pass != NULL &&
	    same_secret(pass, w->cfg.web.password);
	if (pass != NULL) {
		explicit_bzero(pass, strlen(pass));
		MHD_free(pass);
	}
	if (user != NULL)
		MHD_free(user);
	return ok;
}

/* A Host of a loopback address: 127.x.y.z, localhost or [::1], with or
 * without a port. */
static bool
loopback_host(const char *host)
{
	char name[64];
	const char *colon;
	struct in_addr a;
	size_t n;

	if (host == NULL)
		return false;
	if (host[0] == '[') {
		if (strncmp(host, "[::1]", 5) != 0)
			return false;
		colon = host[5] == ':' ? host + 5 : NULL;
		if (colon == NULL && host[5] != '\0')
			return false;
		n = 5;
	} else {
		colon = strchr(host, ':');
		n = colon != NULL ? (size_t)(colon - host) : strlen(host);
	}
	if (colon != NULL && (colon[1] == '\0' ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1)))
		return false;
	if (n == 0 || n >= sizeof name)
		return false;
	memcpy(name, host, n);
	name[n] = '\0';
	if (strcmp(name, "[::1]") == 0 || strcmp(name, "localhost") == 0)
		return true;
	return inet_pton(AF_INET, name, &a) == 1 &&
	    (ntohl(a.s_addr) >> 24) == 127;
}

/* A POST from our own page: its token, and the Origin (or else the
 * Referer) of this Host. */
static const char *
csrf_refusal(const struct web_server *w, struct MHD_Connection *c)
{
	const char *token, *host, *origin, *referer;
	char self[300];
	int n;

	token = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "X-CSRF-Token");
	if (token == NULL || !same_secret(token, w->site.token))
		return "the page's token is missing or wrong: reload the page";
	host = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_HOST);
	if (host == NULL ||
	    (n = snprintf(self, sizeof self, "http://%s", host)) < 0 ||
	    (size_t)n >= sizeof self)
		return "no Host";
	origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ORIGIN);
	if (origin != NULL)
		return strcmp(origin, self) == 0 ? NULL :
		    "the request comes from another site (Origin)";
	referer = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_REFERER);
	if (referer != NULL && strncmp(referer, self, (size_t)n) == 0 &&
	    referer[n] == '/')
		return NULL;
	return "the request comes from another site (no Origin, Referer)";
}

static enum MHD_Result
refuse_password(struct MHD_Connection *c)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	static const char body[] = "{\"error\":\"password required\"}";

	clock_sleep_ms(BAD_PASSWORD_MS);
	if ((r = MHD_create_response_from_buffer(sizeof body - 1,
	    (void *)body, MHD_RESPMEM_PERSISTENT)) == NULL)
		return MHD_NO;
	routes_headers(r, "application/json");
	ret = MHD_queue_basic_auth_fail_response(c, "capture-agent", r);
	MHD_destroy_response(r);
	return ret;
}

/*
 * The calling connection thread at the lowest CPU and I/O priority of the
 * ordinary classes (nice 19, best effort level 7): a busy page gets what
 * the loop and the cameras' workers leave.  Not the idle classes: a
 * thread there can wait for the CPU for as long as anything else runs,
 * and a lock it holds meanwhile (malloc's, the process's memory map when
 * it grows its heap or maps a stack) would hold the loop too.
 */
static void
lower_priority(void)
{
	(void)setpriority(PRIO_PROCESS, (id_t)gettid(), WEB_NICE);
	/* ioprio_set(IOPRIO_WHO_PROCESS, this thread, BE class, level 7) */
	(void)syscall(SYS_ioprio_set, 1, 0, (2 << 13) | 7);
}

static enum MHD_Result
answer(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_size, void **req_cls)
{
	struct web_server *w = cls;
	struct MHD_Response *r;
	struct request q;
	const char *why;
	enum MHD_Result ret;
	int status;

	(void)version;
	(void)upload_data;
	if (*req_cls != NULL) {
		/* a body: none of our routes takes one; it is dropped */
		*upload_size = 0;
		return MHD_YES;
	}
	*req_cls = w;
	set_waiting(w, c, false);
	lower_priority();
	/* nothing is logged per request: a web thread at nice 19
	 * holding the log's lock would hold the loop's next line */
	if (!password_ok(w, c))
		return refuse_password(c);
	if (w->cfg.web.password[0] == '\0' &&
	    !loopback_host(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_HOST)))
		return routes_error(c, 403, "without a password the page "
		    "answers only to a loopback address");
	status = request_parse(method, url, &q);
	if (status == 405) {
		if ((r = MHD_create_response_from_buffer(0, NULL,
		    MHD_RESPMEM_PERSISTENT)) == NULL)
			return MHD_NO;
		routes_headers(r, NULL);
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW,
		    q.post ? "POST" : "GET, HEAD");
		ret = MHD_queue_response(c, 405, r);
		MHD_destroy_response(r);
		return ret;
	}
	if (status != 200)
		return routes_error(c, (unsigned)status, status == 400 ?
		    "bad request" : "not found");
	if (q.post) {
		if (!w->site.actions)
			return routes_error(c, 403, "actions are off: "
			    "[web] actions = yes allows them");
		if ((why = csrf_refusal(w, c)) != NULL)
			return routes_error(c, 403, why);
	}
	return routes_serve(&w->site, c, &q);
}

/* Nothing in a URL is decoded: see the top of this file. */
static size_t
no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static void mhd_log(void *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];

	(void)cls;
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	log_debug("web: %s", msg);
}

/* ---- start and stop ---- */

static int
make_token(char *out, size_t len, char *err, size_t errlen)
{
	unsigned char raw[ROUTES_TOKEN_LEN / 2];
	size_t i;

	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return errbuf_set(err, errlen, "getrandom: %s", strerror(errno));
	for (i = 0; i < sizeof raw && 2 * i + 2 < len; i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
	return 0;
}

struct web_server *
web_server_start(const struct config *cfg, struct status_board *board,
    struct action_box *box, char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	const union MHD_DaemonInfo *di;
	struct web_server *w;
	socklen_t sslen;
	sigset_t mask, was;
	char host[64];
	unsigned flags;

	if (web_options_address(cfg->web.listen, &ss, &sslen, err, errlen) ==
	    -1)
		return NULL;
	if ((w = calloc(1, sizeof *w)) == NULL) {
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	w->cfg = *cfg;
	pthread_mutex_init(&w->lock, NULL);
	/* the watchdog's deadlines are on the monotonic clock */
	(void)clock_cond_init(&w->wake);
	w->site.board = board;
	w->site.box = box;
	w->site.actions = cfg->web.actions;
	if (make_token(w->site.token, sizeof w->site.token, err, errlen) == -1 ||
	    (w->site.lib = library_new(cfg->directory, &cfg->render, err,
	    errlen)) == NULL ||
	    (w->site.sheets = sheets_new(w->site.lib)) == NULL) {
		if (w->site.lib != NULL && w->site.sheets == NULL)
			errbuf_set(err, errlen, "out of memory");
		web_server_stop(w);
		return NULL;
	}
	/* the server's threads (and the ones they start) block the daemon's
	 * signals, so that SIGTERM and SIGHUP end the loop's nap at once */
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &mask, &was);
	if (pthread_create(&w->watchdog, NULL, watchdog, w) != 0) {
		pthread_sigmask(SIG_SETMASK, &was, NULL);
		errbuf_set(err, errlen, "cannot start a thread");
		web_server_stop(w);
		return NULL;
	}
	w->watching = true;
	flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_POLL | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	w->mhd = MHD_start_daemon(flags, 0, NULL, NULL, answer, w,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, w,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_MAX_CONNECTIONS,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)WEB_PER_IP,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)WEB_IDLE_S,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)WEB_MEMORY,
	    MHD_OPTION_THREAD_STACK_SIZE, (size_t)(1024 * 1024),
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, w,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, w,
	    MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, w,
	    MHD_OPTION_END);
	pthread_sigmask(SIG_SETMASK, &was, NULL);
	if (w->mhd == NULL) {
		errbuf_set(err, errlen, "[web] listen = %s: cannot listen "
		    "there (in use, or not an address of this machine?)",
		    cfg->web.listen);
		web_server_stop(w);
		return NULL;
	}
	di = MHD_get_daemon_info(w->mhd, MHD_DAEMON_INFO_BIND_PORT);
	snprintf(host, sizeof host, "%s", cfg->web.listen);
	host[strlen(host) - strlen(strrchr(host, ':'))] = '\0';
	snprintf(w->url, sizeof w->url, "http://%s:%u/", host,
	    di != NULL ? (unsigned)di->port : 0);
	return w;
}

void
web_server_stop(struct web_server *w)
{
	if (w == NULL)
		return;
	if (w->mhd != NULL) {
		/* event streams end when the board closes */
		status_close(w->site.board);
		MHD_stop_daemon(w->mhd);
		status_reopen(w->site.board);
	}
	if (w->watching) {
		pthread_mutex_lock(&w->lock);
		w->stopping = true;
		pthread_cond_broadcast(&w->wake);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->watchdog, NULL);
	}
	sheets_free(w->site.sheets);
	library_free(w->site.lib);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	explicit_bzero(&w->cfg, sizeof w->cfg);
	free(w);
}

const char *
web_server_url(const struct web_server *w)
{
	return w->url;
}

bool
web_server_serves(const struct web_server *w, const struct config *cfg)
{
	return web_options_equal(&w->cfg.web, &cfg->web) &&
	    strcmp(w->cfg.directory, cfg->directory) == 0 &&
	    memcmp(&w->cfg.render, &cfg->render, sizeof cfg->render) == 0;
}
