/*
 * printer.c: see printer.h.  Picks the transport and builds the one
 * acknowledgement the transports may send.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "printer/printer_impl.h"

struct printer {
	const struct printer_ops *ops;
	void *impl;
};

struct printer *
printer_open(const struct config *cfg, char *err, size_t errlen)
{
	struct printer *p;

	if ((p = calloc(1, sizeof *p)) == NULL) {
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	switch (cfg->type) {
	case PRINTER_DUET_HTTP:
		p->ops = &printer_http_ops;
		break;
	case PRINTER_DUET_SBC:
		p->ops = &printer_sbc_ops;
		break;
	case PRINTER_DUET_SERIAL:
		p->ops = &printer_serial_ops;
		break;
	}
	if (p->ops == NULL || (p->impl = p->ops->open(cfg, err, errlen)) ==
	    NULL) {
		free(p);
		return NULL;
	}
	return p;
}

void
printer_close(struct printer *p)
{
	if (p == NULL)
		return;
	p->ops->close(p->impl);
	free(p);
}

int
printer_poll(struct printer *p, struct duet_status *st, char *err,
    size_t errlen)
{
	st->box.present = false;
	st->uptime = -1;
	st->ack_by_seq = false;
	return p->ops->poll(p->impl, st, err, errlen);
}

int
printer_ack(struct printer *p, unsigned long seq, char *err, size_t errlen)
{
	struct duet_ack ack;

	duet_ack_init(&ack, seq);
	return p->ops->ack(p->impl, &ack, err, errlen);
}

int
printer_job(struct printer *p, struct duet_job *job, char *err,
    size_t errlen)
{
	memset(job, 0, sizeof *job);
	job->position = -1;
	job->duration = -1;
	if (p->ops->job == NULL) {
		snprintf(err, errlen, "this printer does not say where its job "
		    "stands");
		return -1;
	}
	return p->ops->job(p->impl, job, err, errlen);
}

int
printer_download(struct printer *p, const char *name, size_t max,
    char **data, size_t *len, char *err, size_t errlen)
{
	*data = NULL;
	*len = 0;
	if (p->ops->download == NULL) {
		snprintf(err, errlen, "only a duet-http printer hands out its "
		    "files");
		return -1;
	}
	return p->ops->download(p->impl, name, max, data, len, err, errlen);
}
