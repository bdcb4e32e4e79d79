/*
 * clock.h: time as both programs need it: the monotonic clock in
 * milliseconds (for deadlines and intervals, never for dates) and sleeping.
 */
#ifndef CLOCK_H
#define CLOCK_H

/* Milliseconds on CLOCK_MONOTONIC, from an arbitrary start. */
long long clock_ms(void);

/* Sleep ms milliseconds, the whole time even when signals come. */
void clock_sleep_ms(long ms);

/* Sleep up to ms milliseconds; a signal ends the nap early. */
void clock_nap_ms(long ms);

#endif
