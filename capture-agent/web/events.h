/*
 * events.h: GET /api/events, the status as server-sent events: one
 * "status" event at once, then one each time the agent publishes a
 * change (at most every EVENTS_MIN_MS), and a comment every
 * EVENTS_KEEPALIVE_MS so that a dead client is found.  The page's
 * EventSource reconnects by itself ("retry").  The stream's reader waits
 * on the status board in its own connection's thread; it ends when the
 * board is closed (the server stops).
 */
#ifndef EVENTS_H
#define EVENTS_H

#include <stdbool.h>

#include <microhttpd.h>

#include "web/status.h"

#define EVENTS_MIN_MS		250
#define EVENTS_KEEPALIVE_MS	15000
#define EVENTS_RETRY_MS		2000

/* The response of one stream, or NULL when out of memory. */
struct MHD_Response *events_response(struct status_board *, bool actions);

#endif
