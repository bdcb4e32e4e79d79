/*
 * action.c: see action.h.
 *
 * The loop never takes a lock here: the slot's state is an atomic the two
 * sides move on with compare-and-swap, the loop is woken by one eventfd
 * and the asker by another.  A web thread runs at nice 19 and can
 * be put off the CPU at any instant; if it held a lock the loop needed,
 * the loop would wait for it.  Askers queue among themselves on a mutex
 * only they take.
 *
 *   FREE --ask--> POSTED --take (loop)--> TAKEN --answer (loop)--> ANSWERED
 *                 POSTED --withdraw (asker, timed out)--> FREE
 *   ANSWERED --the asker read the answer--> FREE
 *
 * The request is written before POSTED is stored (release) and read after
 * the loop's CAS to TAKEN (acquire); the answer likewise before ANSWERED.
 */
#include <sys/eventfd.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
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
	pthread_mutex_t askers;		/* one asker at a time */
	int	loop_fd;		/* a request waits */
	int	answer_fd;		/* the answer is there */
	atomic_int state;
	struct action_request req;
	enum action_result result;
	char	msg[STATUS_TEXT];
};

struct action_box *
action_box_new(char *err, size_t errlen)
{
	struct action_box *b;

	if ((b = calloc(1, sizeof *b)) == NULL) {
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	b->loop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	b->answer_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (b->loop_fd == -1 || b->answer_fd == -1) {
		errbuf_set(err, errlen, "eventfd: %s", strerror(errno));
		action_box_free(b);
		return NULL;
	}
	atomic_init(&b->state, SLOT_FREE);
	pthread_mutex_init(&b->askers, NULL);
	return b;
}

void
action_box_free(struct action_box *b)
{
	if (b == NULL)
		return;
	if (b->loop_fd != -1)
		close(b->loop_fd);
	if (b->answer_fd != -1)
		close(b->answer_fd);
	pthread_mutex_destroy(&b->askers);
	free(b);
}

int
action_fd(const struct action_box *b)
{
	return b->loop_fd;
}

static void
kick(int fd)
{
	uint64_t one = 1;

	(void)!write(fd, &one, sizeof one);
}

static void
drain(int fd)
{
	uint64_t n;

	(void)!read(fd, &n, sizeof n);
}

/* Wait until the state is past s or the clock passes until (ms). */
static int
wait_past(struct action_box *b, int s, long long until)
{
	struct pollfd p = { b->answer_fd, POLLIN, 0 };
	int now;
	long long left;

	while ((now = atomic_load_explicit(&b->state, memory_order_acquire)) ==
	    s && (left = until - clock_ms()) > 0) {
		(void)poll(&p, 1, left > 200 ? 200 : (int)left);
		drain(b->answer_fd);
	}
	return now;
}

enum action_result
action_ask(struct action_box *b, const struct action_request *req,
    long wait_ms, char *msg, size_t msglen)
{
	long long until = clock_ms() + wait_ms;
	struct timespec ts;
	enum action_result r;
	int expect = SLOT_POSTED;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += wait_ms / 1000 + 1;
	if (pthread_mutex_timedlock(&b->askers, &ts) != 0)
		goto busy;
	drain(b->answer_fd);
	b->req = *req;
	atomic_store_explicit(&b->state, SLOT_POSTED, memory_order_release);
	kick(b->loop_fd);
	if (wait_past(b, SLOT_POSTED, until) == SLOT_POSTED &&
	    atomic_compare_exchange_strong(&b->state, &expect, SLOT_FREE)) {
		pthread_mutex_unlock(&b->askers);	/* withdrawn */
		goto busy;
	}
	if (wait_past(b, SLOT_TAKEN, clock_ms() + ANSWER_WAIT_MS) ==
	    SLOT_ANSWERED) {
		r = b->result;
		snprintf(msg, msglen, "%s", b->msg);
	} else {
		r = ACTION_FAILED;
		snprintf(msg, msglen, "the agent did not answer");
	}
	atomic_store_explicit(&b->state, SLOT_FREE, memory_order_release);
	pthread_mutex_unlock(&b->askers);
	return r;
busy:
	snprintf(msg, msglen, "the agent is busy (a snapshot under way?): "
	    "try again");
	return ACTION_BUSY;
}

bool
action_take(struct action_box *b, struct action_request *req)
{
	int expect = SLOT_POSTED;

	drain(b->loop_fd);
	if (!atomic_compare_exchange_strong_explicit(&b->state, &expect,
	    SLOT_TAKEN, memory_order_acq_rel, memory_order_acquire))
		return false;
	*req = b->req;
	return true;
}

void
action_answer(struct action_box *b, enum action_result r, const char *msg)
{
	if (atomic_load_explicit(&b->state, memory_order_acquire) !=
	    SLOT_TAKEN)
		return;
	b->result = r;
	snprintf(b->msg, sizeof b->msg, "%s", msg != NULL ? msg : "");
	atomic_store_explicit(&b->state, SLOT_ANSWERED, memory_order_release);
	kick(b->answer_fd);
}
