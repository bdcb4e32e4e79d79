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
