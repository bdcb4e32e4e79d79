/*
 * errbuf.h: the one way library code reports an error: a message written
 * into the caller's buffer (never printed), and -1 to return.
 */
#ifndef ERRBUF_H
#define ERRBUF_H

#include <stddef.h>

/* Format into err (errlen bytes, may be 0); always returns -1. */
int errbuf_set(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
