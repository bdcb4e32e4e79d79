/*
 * output.c: buffered writes to a descriptor or to memory.
 *
 * Writes smaller than the buffer are gathered; a write that finds the
 * buffer empty and is at least as large as it goes straight through, so
 * long untouched runs of input cost one copy at most.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "write/output.h"

int
output_init(struct output *o, int fd)
{
	memset(o, 0, sizeof *o);
	o->fd = fd;
	if ((o->buf = malloc(OUTPUT_BUFFER)) == NULL)
		return -1;
	return 0;
}

/* Deliver n bytes to the destination. */
static void
deliver(struct output *o, const char *s, size_t n)
{
	size_t off = 0;

	if (o->werrno != 0 || o->oom)
		return;
	if (o->fd < 0) {
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

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			o->werrno = w < 0 ? errno : EIO;
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

int
output_error(const struct output *o, char *err, size_t errlen)
{
	if (o->oom)
		snprintf(err, errlen, "out of memory");
	else if (o->werrno != 0)
		snprintf(err, errlen, "write error: %s", strerror(o->werrno));
	else
		return 0;
	return -1;
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
	free(o->buf);
	free(o->mem);
	o->buf = o->mem = NULL;
}
