/*
 * request.c: see request.h.  Hand-written matchers over the bytes of the
 * path; every length is checked before a copy.
 */
#include <stdint.h>
#include <string.h>

#include "frames/frames.h"
#include "frames/sequence.h"
#include "web/request.h"

#define FRAME_DIGITS_MAX	9

static const char *const served[] = {
	"app.js", "style.css", "favicon.svg", NULL,
};

/* The next segment of path after *p (which points at a '/'): its start
 * and length; false at the end of the path. */
static bool
segment(const char **p, const char **seg, size_t *len)
{
	const char *s = *p;

	if (*s != '/')
		return false;
	s++;
	*seg = s;
	while (*s != '\0' && *s != '/')
		s++;
	*len = (size_t)(s - *seg);
	*p = s;
	return true;
}

static bool
is(const char *seg, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(seg, word, len) == 0;
}

/* "N.jpeg": 1 to 9 digits (FRAMES_MAX), not 0; the file is the one the
 * agent names frame N (library.c, frames_path). */
static bool
frame_file(const char *seg, size_t len, unsigned long *frame)
{
	unsigned long v = 0;
	size_t i, digits = len - 5;

	if (len < 6 || len > FRAME_DIGITS_MAX + 5 ||
	    memcmp(seg + digits, ".jpeg", 5) != 0)
		return false;
	for (i = 0; i < digits; i++) {
		if (seg[i] < '0' || seg[i] > '9')
			return false;
		v = v * 10 + (unsigned long)(seg[i] - '0');
	}
	*frame = v;
	return v > 0 && v <= FRAMES_MAX;
}

/* The route of /api/sequences/NAME/REST (rest may be empty). */
static int
sequence_route(const char *p, struct request *r)
{
	static const struct {
		const char *word;
		enum route route;
		bool post;
	} tails[] = {
		{ "thumb.jpeg", ROUTE_THUMB, false },
		{ "contact.jpeg", ROUTE_SHEET, false },
		{ "video", ROUTE_VIDEO, false },
		{ "frames.tar", ROUTE_TAR, false },
		{ "render", ROUTE_RENDER, true },
		{ "delete", ROUTE_DELETE, true },
	};
	const char *seg;
	size_t len, i;

	if (!segment(&p, &seg, &len) || len >= sizeof r->name)
		return 404;
	memcpy(r->name, seg, len);
	r->name[len] = '\0';
	if (!sequence_is_name(r->name))
		return 404;
	if (*p == '\0' || strcmp(p, "/") == 0) {
		r->route = ROUTE_SEQUENCE;
		return 200;
	}
	if (!segment(&p, &seg, &len))
		return 404;
	if (is(seg, len, "frames") && segment(&p, &seg, &len) && *p == '\0' &&
	    frame_file(seg, len, &r->frame)) {
		r->route = ROUTE_FRAME;
		return 200;
	}
	if (*p != '\0')
		return 404;
	for (i = 0; i < sizeof tails / sizeof tails[0]; i++)
		if (is(seg, len, tails[i].word)) {
			r->route = tails[i].route;
			r->post = tails[i].post;
			return 200;
		}
	return 404;
}

static int
route_of(const char *path, struct request *r)
{
	const char *p = path, *seg;
	size_t len, i;

	if (strcmp(path, "/") == 0 || strcmp(path, "/index.html") == 0) {
		r->route = ROUTE_INDEX;
		return 200;
	}
	for (i = 0; served[i] != NULL; i++)
		if (path[0] == '/' && strcmp(path + 1, served[i]) == 0) {
			r->route = ROUTE_PAGE_FILE;
			memcpy(r->name, served[i], strlen(served[i]) + 1);
			return 200;
		}
	if (!segment(&p, &seg, &len) || !is(seg, len, "api") ||
	    !segment(&p, &seg, &len))
		return 404;
	if (*p == '\0' && is(seg, len, "status")) {
		r->route = ROUTE_STATUS;
		return 200;
	}
	if (*p == '\0' && is(seg, len, "events")) {
		r->route = ROUTE_EVENTS;
		return 200;
	}
	if (!is(seg, len, "sequences"))
		return 404;
	if (*p == '\0' || strcmp(p, "/") == 0) {
		r->route = ROUTE_SEQUENCES;
		return 200;
	}
	return sequence_route(p, r);
}

int
request_parse(const char *method, const char *path, struct request *r)
{
	const unsigned char *c;
	int status;

	memset(r, 0, sizeof *r);
	if (path[0] != '/')
		return 400;
	/* printable ASCII only; '%' too is refused: no route has one */
	for (c = (const unsigned char *)path; *c != '\0'; c++)
		if (*c <= ' ' || *c >= 0x7f || *c == '%' || *c == '\\')
			return 404;
	if ((status = route_of(path, r)) != 200) {
		memset(r, 0, sizeof *r);
		return status;
	}
	if (r->post ? strcmp(method, "POST") == 0 :
	    strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
		return 200;
	return 405;
}

bool
request_camera_name(const char *s)
{
	size_t i, len = strlen(s);

	if (len == 0 || len >= REQUEST_NAME_MAX || s[0] == '.')
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		    s[i] == '-' || s[i] == '.'))
			return false;
	return true;
}

/* Digits at *p as an offset: false when none or too many. */
static bool
offset(const char **p, off_t *v)
{
	const char *s = *p;
	uint64_t n = 0;

	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9') {
		if (n > (UINT64_C(1) << 62) / 10)
			return false;
		n = n * 10 + (uint64_t)(*s - '0');
		s++;
	}
	*v = (off_t)n;
	*p = s;
	return true;
}

int
request_range(const char *h, off_t size, off_t *start, off_t *len)
{
	off_t a, b;
	bool suffix;

	if (h == NULL || strncmp(h, "bytes=", 6) != 0)
		return 0;
	h += 6;
	while (*h == ' ')
		h++;
	suffix = *h == '-';
	if (suffix) {
		h++;
		if (!offset(&h, &b) || *h != '\0' || b == 0)
			return 0;
		if (size == 0)
			return -1;
		a = b >= size ? 0 : size - b;
		b = size - 1;
	} else {
		if (!offset(&h, &a) || *h++ != '-')
			return 0;
		if (*h == '\0')
			b = size - 1;
		else if (!offset(&h, &b) || *h != '\0' || b < a)
			return 0;
		if (a >= size)
			return -1;
		if (b >= size)
			b = size - 1;
	}
	*start = a;
	*len = b - a + 1;
	return 1;
}
