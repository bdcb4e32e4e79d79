/*
 * action.c: see action.h.  One slot under a mutex: a ticket number tells
 * the asker its answer from a later one; the eventfd counts nothing, it
 * is only written to wake the loop and drained when the slot is taken.
 */
#include <sys/eventfd.h>

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "errbuf.h"
#include "web/action.h"

#define ANSWER_WAIT_MS	30000	/* once taken: the loop answers at once */

enum slot_state {
	SLOT_FREE,
	SLOT_POSTED,
	SLOT_TAKEN,
	SLOT_ANSWERED,
};

struct action_box {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int fd;
	enum slot_state state;
	struct action_request req;
	enum action_result result;
	char msg[STATUS_TEXT];
};

struct action_box *
action_box_new(char *err, size_t errlen)
{
	struct action_box *b;
	pthread_condattr_t ca;

	if ((b = calloc(1, sizeof *b)) == NULL) {
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	if ((b->fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1) {
		errbuf_set(err, errlen, "eventfd: %s", strerror(errno));
		free(b);
		return NULL;
	}
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->cond, &ca);
	pthread_condattr_destroy(&ca);
	return b;
}

void
action_box_free(struct action_box *b)
{
	if (b == NULL)
		return;
	close(b->fd);
	pthread_cond_destroy(&b->cond);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

int
action_fd(const struct action_box *b)
{
	return b->fd;
}

static void
deadline(struct timespec *ts, long ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

/* Wait on the box until the state is not s, or the time is up. */
static bool
wait_while(struct action_box *b, enum slot_state s,
    const struct timespec *until)
{
	int rc = 0;

	while (b->state == s && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&b->cond, &b->lock, until);
	return b->state != s;
}

enum action_result
action_ask(struct action_box *b, const struct action_request *req,
    long wait_ms, char *msg, size_t msglen)
{
	struct timespec until;
	enum action_result r;
	uint64_t one = 1;

	deadline(&until, wait_ms);
	pthread_mutex_lock(&b->lock);
	/* another asker's request first */
	while (b->state != SLOT_FREE)
		if (!wait_while(b, b->state, &until) && b->state != SLOT_FREE)
			goto busy;
	b->req = *req;
	b->state = SLOT_POSTED;
	(void)!write(b->fd, &one, sizeof one);
	if (!wait_while(b, SLOT_POSTED, &until)) {
		b->state = SLOT_FREE;		/* withdrawn, never taken */
		pthread_cond_broadcast(&b->cond);
		goto busy;
	}
	deadline(&until, ANSWER_WAIT_MS);
	(void)wait_while(b, SLOT_TAKEN, &until);
	if (b->state == SLOT_ANSWERED) {
		r = b->result;
		snprintf(msg, msglen, "%s", b->msg);
	} else {
		r = ACTION_FAILED;
		snprintf(msg, msglen, "the agent did not answer");
	}
	b->state = SLOT_FREE;
	pthread_cond_broadcast(&b->cond);
	pthread_mutex_unlock(&b->lock);
	return r;
busy:
	pthread_mutex_unlock(&b->lock);
	snprintf(msg, msglen, "the agent is busy (a snapshot under way?): "
	    "try again");
	return ACTION_BUSY;
}

bool
action_take(struct action_box *b, struct action_request *req)
{
	uint64_t n;
	bool got = false;

	(void)!read(b->fd, &n, sizeof n);
	pthread_mutex_lock(&b->lock);
	if (b->state == SLOT_POSTED) {
		*req = b->req;
		b->state = SLOT_TAKEN;
		pthread_cond_broadcast(&b->cond);
		got = true;
	}
	pthread_mutex_unlock(&b->lock);
	return got;
}

void
action_answer(struct action_box *b, enum action_result r, const char *msg)
{
	pthread_mutex_lock(&b->lock);
	if (b->state == SLOT_TAKEN) {
		b->result = r;
		snprintf(b->msg, sizeof b->msg, "%s", msg != NULL ? msg : "");
		b->state = SLOT_ANSWERED;
		pthread_cond_broadcast(&b->cond);
	}
	pthread_mutex_unlock(&b->lock);
}
