/*
 * events.c: see events.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "web/api.h"
#include "web/events.h"

struct stream {
	struct status_board *board;
	bool	actions;
	unsigned long seen;		/* generation sent last */
	long long sent_at;		/* clock_ms() of it */
	char	*out;			/* what is being sent */
	size_t	len, off;
};

/* The next thing to send into s->out: the status when it changed (or
 * first), a keep-alive comment otherwise; false when the board closed. */
static bool
next(struct stream *s)
{
	struct status now;
	unsigned long g;
	long long wait;
	char *json;
	size_t n;

	free(s->out);
	s->out = NULL;
	s->len = s->off = 0;
	if (s->seen != 0) {
		wait = s->sent_at + EVENTS_MIN_MS - clock_ms();
		if (wait > 0)
			clock_sleep_ms((long)wait);
		if ((g = status_wait(s->board, s->seen, EVENTS_KEEPALIVE_MS)) ==
		    0)
			return false;
		if (g == s->seen) {
			s->out = strdup(": keep-alive\n\n");
			s->len = s->out != NULL ? strlen(s->out) : 0;
			return s->out != NULL;
		}
	}
	s->seen = status_read(s->board, &now);
	s->sent_at = clock_ms();
	if ((json = api_status(&now, s->actions)) == NULL)
		return false;
	n = strlen(json) + 64;
	if ((s->out = malloc(n)) != NULL)
		s->len = (size_t)snprintf(s->out, n, "retry: %d\nevent: status\n"
		    "data: %s\n\n", EVENTS_RETRY_MS, json);
	free(json);
	return s->out != NULL;
}

static ssize_t
reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *s = cls;
	size_t n;

	(void)pos;
	if (s->off == s->len && !next(s))
		return MHD_CONTENT_READER_END_OF_STREAM;
	n = s->len - s->off < max ? s->len - s->off : max;
	memcpy(buf, s->out + s->off, n);
	s->off += n;
	return (ssize_t)n;
}

static void
done(void *cls)
{
	struct stream *s = cls;

	free(s->out);
	free(s);
}

struct MHD_Response *
events_response(struct status_board *board, bool actions)
{
	struct MHD_Response *r;
	struct stream *s;

	if ((s = calloc(1, sizeof *s)) == NULL)
		return NULL;
	s->board = board;
	s->actions = actions;
	if ((r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096,
	    reader, s, done)) == NULL)
		done(s);
	return r;
}
