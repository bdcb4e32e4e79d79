/*
 * output.c: buffered writes to a descriptor or to memory.
 *
 * Writes smaller than the buffer are gathered; a write that finds the
 * buffer empty and is at least as large as it goes straight through, so
 * long untouched runs of input cost one copy at most.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
#include "write/output.h"

#define OUTPUT_BUFFER (1024 * 1024)

struct output {
	int fd;				/* -1: memory */
	char *buf;
	size_t len;
	char *mem;
	size_t memlen, memcap;
	unsigned long long bytes;	/* delivered so far */
	int werrno;
	bool oom;
};

struct output *
output_new(int fd)
{
	struct output *o = calloc(1, sizeof *o);

	if (o == NULL)
		return NULL;
	o->fd = fd;
	if ((o->buf = malloc(OUTPUT_BUFFER)) == NULL) {
		free(o);
		return NULL;
	}
	return o;
}

/* Deliver n bytes to the destination. */
static void
deliver(struct output *o, const char *s, size_t n)
{
	size_t off = 0;

	if (o->werrno != 0 || o->oom)
		return;
	if (o->fd == -1) {
		if (o->memlen + n > o->memcap) {
			size_t cap = o->memcap ? o->memcap : OUTPUT_BUFFER;
			char *b;

			while (cap < o->memlen + n)
				cap *= 2;
			if ((b = realloc(o->mem, cap)) == NULL) {
				o->oom = true;
				return;
			}
			o->mem = b;
			o->memcap = cap;
		}
		memcpy(o->mem + o->memlen, s, n);
		o->memlen += n;
		o->bytes += n;
		return;
	}
	while (off < n && o->werrno == 0) {
		ssize_t w = write(o->fd, s + off, n - off);

		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			o->werrno = w == -1 ? errno : EIO;
		else
			off += (size_t)w;
	}
	o->bytes += off;
}

void
output_flush(struct output *o)
{
	if (o->len > 0)
		deliver(o, o->buf, o->len);
	o->len = 0;
}

void
output_write(struct output *o, const char *s, size_t n)
{
	size_t k;

	if (o->len + n <= OUTPUT_BUFFER) {
		memcpy(o->buf + o->len, s, n);
		o->len += n;
		if (o->len == OUTPUT_BUFFER)
			output_flush(o);
		return;
	}
	if (o->len == 0) {
		deliver(o, s, n);
		return;
	}
	k = OUTPUT_BUFFER - o->len;
	memcpy(o->buf + o->len, s, k);
	o->len = OUTPUT_BUFFER;
	output_flush(o);
	output_write(o, s + k, n - k);
}

unsigned long long
output_delivered(const struct output *o)
{
	return o->bytes;
}

int
output_error(const struct output *o, char *err, size_t errlen)
{
	if (o->oom)
		return errbuf_set(err, errlen, "out of memory");
	if (o->werrno != 0)
		return errbuf_set(err, errlen, "write error: %s",
		    strerror(o->werrno));
	return 0;
}

char *
output_take(struct output *o, size_t *len)
{
	char *m = o->mem;

	*len = o->memlen;
	o->mem = NULL;
	o->memlen = o->memcap = 0;
	return m;
}

void
output_free(struct output *o)
{
	if (o == NULL)
		return;
	free(o->buf);
	free(o->mem);
	free(o);
}
