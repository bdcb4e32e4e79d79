/*
 * request.h: what an HTTP request asks the page for, read strictly.
 *
 * The path is matched against the page's few routes, segment by segment;
 * a sequence name must be one sequence_is_name() takes (the names the
 * agent writes, YYYY-MM-DD-HH-MM-SS.ffffff), a frame a decimal number, a
 * camera a name the configuration allows.  Nothing else ever reaches the
 * file system: no "..", no slash, no percent escape (the server does not
 * decode any: no route needs one) and no byte outside the grammar.  The
 * parsers keep no state and never allocate; each is a libFuzzer target
 * (tests/fuzz/fuzz_request.c).
 */
#ifndef REQUEST_H
#define REQUEST_H

#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>

enum route {
	ROUTE_NONE,
	ROUTE_INDEX,		/* GET /: the page */
	ROUTE_PAGE_FILE,	/* GET /NAME.css, .js, .svg: the page's files */
	ROUTE_STATUS,		/* GET /api/status */
	ROUTE_EVENTS,		/* GET /api/events: server-sent events */
	ROUTE_SEQUENCES,	/* GET /api/sequences */
	ROUTE_SEQUENCE,		/* GET /api/sequences/NAME */
	ROUTE_FRAME,		/* GET /api/sequences/NAME/frames/N.jpeg */
	ROUTE_THUMB,		/* GET /api/sequences/NAME/thumb.jpeg */
	ROUTE_SHEET,		/* GET /api/sequences/NAME/contact.jpeg */
	ROUTE_VIDEO,		/* GET /api/sequences/NAME/video */
	ROUTE_TAR,		/* GET /api/sequences/NAME/frames.tar */
	ROUTE_RENDER,		/* POST /api/sequences/NAME/render */
	ROUTE_DELETE,		/* POST /api/sequences/NAME/delete */
};

#define REQUEST_NAME_MAX	64

struct request {
	enum route route;
	bool	post;			/* the route takes POST, not GET */
	char	name[REQUEST_NAME_MAX];	/* sequence, or page file */
	unsigned long frame;		/* ROUTE_FRAME: 1 to 999999999 */
};

/*
 * Match method and path (as sent, without the query).  Returns 200 with
 * *r filled, 404 for a path that is no route, 405 for a route that does
 * not take the method (r->post says which it takes), 400 for a path that
 * is not even a path.
 */
int request_parse(const char *method, const char *path, struct request *r);

/* Whether s is a camera name (the configuration's grammar: 1 to 63
 * letters, digits, '_', '-', '.', not starting with '.'). */
bool request_camera_name(const char *s);

/*
 * A Range header ("bytes=A-B", "bytes=A-", "bytes=-N") against a file of
 * size bytes.  Returns 0 for the whole file (no header, or one this does
 * not serve partially, such as several ranges), 1 with *start and *len
 * for a part, -1 when the range is past the end (416).
 */
int request_range(const char *header, off_t size, off_t *start, off_t *len);

#endif
