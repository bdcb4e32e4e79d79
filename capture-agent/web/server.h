/*
 * server.h: the agent's web page, served by libmicrohttpd in threads of
 * its own, one per connection, each at nice 19 and the lowest I/O level.
 *
 * Invariants: the agent loop never waits for a browser: it shares only
 * the status board (a copy under a lock) and the action box (the loop
 * takes a request when it is between two polls) with the server; the
 * page reads the captures directory and never writes into a sequence
 * (library.h, sheets.h), and render and delete go through the loop's own
 * code, only with [web] actions = yes, only by POST with this process's
 * CSRF token from a page of the same origin.  Every request passes the
 * password (HTTP Basic, any user name, compared in constant time, never
 * logged) when there is one, and without one only a loopback Host
 * (against DNS rebinding).  Bounds: MAX_CONNECTIONS at once, PER_IP from
 * one address, a request's headers in HEADERS_MS (however slowly they
 * trickle in) and MEMORY bytes, IDLE_S without traffic.
 */
#ifndef SERVER_H
#define SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "web/action.h"
#include "web/status.h"

#define WEB_MAX_CONNECTIONS	32
#define WEB_PER_IP		12
#define WEB_HEADERS_MS		10000
#define WEB_MEMORY		(32 * 1024)
#define WEB_IDLE_S		30
#define WEB_NICE		19

struct web_server;

/*
 * Listen as cfg->web says (NULL with a message when it cannot: the
 * address is taken...).  cfg is copied; board and box are borrowed and
 * must outlive the server.
 */
struct web_server *web_server_start(const struct config *cfg,
    struct status_board *board, struct action_box *box, char *err,
    size_t errlen);

/* Stop serving: every connection is closed, every thread joined. */
void web_server_stop(struct web_server *);

/* The address it listens on, as a URL ("http://127.0.0.1:8085/"). */
const char *web_server_url(const struct web_server *);

/* Whether it serves what cfg would (on a reload: keep it running). */
bool web_server_serves(const struct web_server *, const struct config *);

#endif
