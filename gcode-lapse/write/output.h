/*
 * output.h: the rewriter's output, a file descriptor or a growing memory
 * block, behind one fixed buffer.
 *
 * Invariant: the bytes handed to output_write() reach the destination in
 * the order given, none twice, none lost, or the first failure is kept
 * (a write error, or no memory for the block) and everything after it is
 * dropped; output_error() turns that into a message.  The output and its
 * buffer are its own (output_free); the memory block belongs to the
 * caller after output_take().
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stddef.h>

struct output;

/* Output to fd, or to memory when fd is -1.  NULL: out of memory. */
struct output *output_new(int fd);

void output_write(struct output *, const char *, size_t);

/* Everything written so far to the destination. */
void output_flush(struct output *);

/* Bytes delivered to the destination so far. */
unsigned long long output_delivered(const struct output *);

/* 0, or -1 with err ("write error: ...", "out of memory"). */
int output_error(const struct output *, char *err, size_t errlen);

/* The memory block, now the caller's (free(3)). */
char *output_take(struct output *, size_t *len);

void output_free(struct output *);

#endif
