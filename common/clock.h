/*
 * clock.h: time as both programs need it: the monotonic clock in
 * milliseconds (for deadlines and intervals, never for dates) and sleeping.
 */
#ifndef CLOCK_H
#define CLOCK_H

#include <pthread.h>
#include <time.h>

/* Milliseconds on CLOCK_MONOTONIC, from an arbitrary start. */
long long clock_ms(void);

/* A condition variable whose timed waits take CLOCK_MONOTONIC deadlines
 * (clock_deadline's): 0, or an error number. */
int clock_cond_init(pthread_cond_t *);

/* The CLOCK_MONOTONIC time ms milliseconds from now, for
 * pthread_cond_timedwait on a clock_cond_init condition variable. */
struct timespec clock_deadline(long ms);

/* Sleep ms milliseconds, the whole time even when signals come. */
void clock_sleep_ms(long ms);

/* Sleep up to ms milliseconds; a signal ends the nap early. */
void clock_nap_ms(long ms);

#endif
