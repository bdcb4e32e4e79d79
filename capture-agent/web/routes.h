/*
 * routes.h: the answers of the page's routes (request.h says which route
 * a request is), once the server has let the request through (password,
 * Host, CSRF: server.h).  Files go out from their descriptors, a range of
 * a video as 206, the frames as a tar stream (archive.h), the status as
 * JSON (api.h) or server-sent events (events.h).  Errors are small JSON
 * bodies.  The site is what the routes serve from; the server owns it.
 */
#ifndef ROUTES_H
#define ROUTES_H

#include <stdbool.h>

#include <microhttpd.h>

#include "web/action.h"
#include "web/library.h"
#include "web/request.h"
#include "web/sheets.h"
#include "web/status.h"

#define ROUTES_TOKEN_LEN	64	/* hex digits of the CSRF token */

struct site {
	struct library *lib;
	struct sheets *sheets;
	struct status_board *board;
	struct action_box *box;
	bool	actions;			/* [web] actions = yes */
	char	token[ROUTES_TOKEN_LEN + 1];	/* this process's */
};

/* Queue the answer to r on c. */
enum MHD_Result routes_serve(const struct site *, struct MHD_Connection *,
    const struct request *);

/* Queue a small error answer {"error": msg} with status. */
enum MHD_Result routes_error(struct MHD_Connection *, unsigned status,
    const char *msg);

/* The headers every answer gets (type may be NULL). */
void routes_headers(struct MHD_Response *, const char *type);

#endif
