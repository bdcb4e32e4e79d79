/*
 * clock.c: see clock.h.
 */
#include <errno.h>
#include <time.h>

#include "clock.h"

long long
clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
clock_cond_init(pthread_cond_t *c)
{
	pthread_condattr_t ca;
	int rc;

	if ((rc = pthread_condattr_init(&ca)) != 0)
		return rc;
	if ((rc = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC)) == 0)
		rc = pthread_cond_init(c, &ca);
	pthread_condattr_destroy(&ca);
	return rc;
}

struct timespec
clock_deadline(long ms)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	t.tv_sec += ms / 1000;
	t.tv_nsec += (ms % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

static struct timespec
span(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	return ts;
}

void
clock_sleep_ms(long ms)
{
	struct timespec ts = span(ms);

	if (ms <= 0)
		return;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

void
clock_nap_ms(long ms)
{
	struct timespec ts = span(ms);

	if (ms > 0)
		(void)nanosleep(&ts, NULL);
}
