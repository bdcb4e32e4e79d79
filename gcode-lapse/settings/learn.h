/*
 * learn.h: the settings a file does not declare, learned from its own
 * moves.
 *
 * A bounded pre-pass over the head of the file (the first few MiB, or
 * less once there is evidence enough) finds what the slicer did: how far
 * and how fast it retracts and primes, how fast it travels, how high it
 * hops, whether its E words are relative when it never says (Kiri:Moto
 * relies on its start macro: a -6 retract, a +6 prime, then small
 * increments, where absolute E would only grow), the machine limits its
 * start code sets (M201, M203, M204, SET_VELOCITY_LIMIT), and the area
 * its start moves and purge line visit, which is reachable by proof
 * where the file describes no bed.
 *
 * Invariant: a learned value never replaces one the file's comments
 * give; each says the line where the move that taught it is.  Memory is
 * the caller's head buffer and a few small tables.
 */
#ifndef LEARN_H
#define LEARN_H

#include <stddef.h>

#include "settings/slicer.h"

/*
 * Learn from the first len bytes of the file, and from its last tlen
 * (tail NULL: the head is the whole file) where the head goes.
 * Returns 0.
 */
int learn_head(struct slicer_settings *, const char *head, size_t len,
    const char *tail, size_t tlen);

#endif
