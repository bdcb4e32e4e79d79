/*
 * status.c: see status.h.  A mutex and a condition variable on the
 * monotonic clock; the generation starts at 1 so that 0 can mean closed.
 * The loop only ever tries the lock (status_publish): if a web thread has
 * it, this publication is skipped and the next one, a step later, goes
 * through.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "web/status.h"

struct status_board {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct status now;
	unsigned long generation;
	bool closed;
};

struct status_board *
status_board_new(void)
{
	struct status_board *b;

	if ((b = calloc(1, sizeof *b)) == NULL)
		return NULL;
	if (pthread_mutex_init(&b->lock, NULL) != 0 ||
	    clock_cond_init(&b->changed) != 0) {
		free(b);
		return NULL;
	}
	b->generation = 1;
	b->now.disk.free_bytes = b->now.disk.total_bytes = -1;
	return b;
}

void
status_board_free(struct status_board *b)
{
	if (b == NULL)
		return;
	pthread_cond_destroy(&b->changed);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

void
status_publish(struct status_board *b, const struct status *s)
{
	/* never wait for a reader: one that holds the lock and was put off
	 * the CPU (it runs at nice 19) would hold the loop too; the
	 * next step publishes again */
	if (pthread_mutex_trylock(&b->lock) != 0)
		return;
	if (memcmp(&b->now, s, sizeof *s) != 0) {
		memcpy(&b->now, s, sizeof *s);
		b->generation++;
		pthread_cond_broadcast(&b->changed);
	}
	pthread_mutex_unlock(&b->lock);
}

unsigned long
status_read(struct status_board *b, struct status *s)
{
	unsigned long g;

	pthread_mutex_lock(&b->lock);
	memcpy(s, &b->now, sizeof *s);
	g = b->generation;
	pthread_mutex_unlock(&b->lock);
	return g;
}

unsigned long
status_wait(struct status_board *b, unsigned long seen, long timeout_ms)
{
	struct timespec until = clock_deadline(timeout_ms);
	unsigned long g;
	int rc = 0;

	pthread_mutex_lock(&b->lock);
	while (!b->closed && b->generation == seen && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&b->changed, &b->lock, &until);
	g = b->closed ? 0 : b->generation;
	pthread_mutex_unlock(&b->lock);
	return g;
}

void
status_close(struct status_board *b)
{
	pthread_mutex_lock(&b->lock);
	b->closed = true;
	pthread_cond_broadcast(&b->changed);
	pthread_mutex_unlock(&b->lock);
}

void
status_reopen(struct status_board *b)
{
	pthread_mutex_lock(&b->lock);
	b->closed = false;
	pthread_mutex_unlock(&b->lock);
}
