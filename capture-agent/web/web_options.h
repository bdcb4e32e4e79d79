/*
 * web_options.h: the [web] section of capture-agent.conf: where the page
 * listens, its password, and whether it may render and delete.
 *
 * Invariant: options that passed web_options_check listen on loopback, or
 * have a password; the page is never open to a network without one.
 * Plain values, no pointers: copying the struct copies everything.
 */
#ifndef WEB_OPTIONS_H
#define WEB_OPTIONS_H

#include <sys/socket.h>

#include <stdbool.h>
#include <stddef.h>

#define WEB_LISTEN_DEFAULT	"127.0.0.1:8085"

struct web_options {
	char	listen[64];		/* ADDRESS:PORT; "" for no page */
	char	password[128];		/* HTTP Basic; "" for none */
	bool	actions;		/* render and delete from the page */
};

/* Defaults: listen 127.0.0.1:8085, no password, actions no. */
void web_options_init(struct web_options *);

/*
 * One key of the [web] section: listen, password, actions.  Returns 0, or
 * -1 with a message (never the password itself).
 */
int web_options_set(struct web_options *, const char *key,
    const char *value, char *err, size_t errlen);

/* The whole section: listen parses, and a password unless on loopback.
 * Returns 0, or -1 with a message. */
int web_options_check(const struct web_options *, char *err, size_t errlen);

/*
 * listen as a socket address: a numeric IPv4 address, an IPv6 address in
 * brackets ([::1]:8085) or "localhost", a colon and a port 0 to 65535 (0:
 * any free port).  Returns 0, or -1 with a message.
 */
int web_options_address(const char *listen, struct sockaddr_storage *,
    socklen_t *, char *err, size_t errlen);

/* Whether a socket address is a loopback one (127.0.0.0/8, ::1). */
bool web_options_loopback(const struct sockaddr_storage *);

/* Whether the two would serve the same page (compared on reload). */
bool web_options_equal(const struct web_options *,
    const struct web_options *);

#endif
