/*
 * action.h: what the page asks the agent loop to do (render a sequence,
 * delete one), one request at a time.
 *
 * The web thread posts a request and waits; the loop, between two polls,
 * takes it, does the quick part itself (start the render child, move the
 * sequence folder aside) with the agent's own code, so that nothing races
 * with a capture, and answers.  Invariant: a request is either taken by
 * the loop and answered, or withdrawn by its asker before it was taken;
 * never done behind an asker's back.  action_fd() is readable while a
 * request waits, so the loop's nap can end for it.  Owned by main.
 */
#ifndef ACTION_H
#define ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "web/status.h"

enum action_kind {
	ACTION_RENDER = 1,
	ACTION_DELETE,
};

struct action_request {
	enum action_kind kind;
	char	sequence[STATUS_NAME];	/* a name sequence_is_name() takes */
};

/* The loop's answer. */
enum action_result {
	ACTION_DONE,		/* done (render started, folder moved aside) */
	ACTION_REFUSED,		/* not now: why in the message (409) */
	ACTION_FAILED,		/* tried and failed (500) */
	ACTION_BUSY,		/* the loop did not take it in time (503) */
};

struct action_box;

/* NULL with err when out of memory or descriptors. */
struct action_box *action_box_new(char *err, size_t errlen);
void action_box_free(struct action_box *);

/* Readable while a request waits to be taken (an eventfd). */
int action_fd(const struct action_box *);

/*
 * Web thread: post req and wait for the answer, at most wait_ms for the
 * loop to take it (then ACTION_BUSY, withdrawn).  msg gets the answer's
 * text.
 */
enum action_result action_ask(struct action_box *,
    const struct action_request *, long wait_ms, char *msg, size_t msglen);

/* Loop: the waiting request, if any; answer it with action_answer(). */
bool action_take(struct action_box *, struct action_request *);
void action_answer(struct action_box *, enum action_result,
    const char *msg);

#endif
