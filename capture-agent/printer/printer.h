/*
 * printer.h: one Duet printer, whichever way it is reached.
 *
 * A printer is opened from the configuration without any I/O; the first
 * poll connects (logs in, opens the device), and after a failure the next
 * poll connects again (an HTTP session is kept while the board holds it).  Polling returns
 * the message box shown (and the printer's upTime when known, so that a
 * reboot can be seen).  The only thing a printer can be told is to
 * acknowledge one box by its seq, with M292 P0 S<seq>; see duet_code.h.
 * A test camera may also ask where the job stands (every transport but
 * the 2.x path) and fetch its file (duet-http only).  Calls block at most
 * about the configured request timeout.  A printer that answers "busy"
 * (HTTP 503: out of buffers) is not a printer gone: poll and ack say so
 * apart, and the session is kept.  Closing a printer ends its session on
 * the board (rr_disconnect, DSF's disconnect), so a reload never leaves
 * one behind.
 */
#ifndef PRINTER_H
#define PRINTER_H

#include <stddef.h>

#include "config.h"
#include "printer/duet_model.h"

struct printer;

/* NULL with err filled on a configuration problem or out of memory. */
struct printer	*printer_open(const struct config *, char *err, size_t errlen);
void		 printer_close(struct printer *);

/* 0 with *st filled, 1 with err when the printer is busy (try again
 * soon), -1 with err (printer unreachable or confused). */
int	printer_poll(struct printer *, struct duet_status *st, char *err,
	    size_t errlen);

/* Send M292 P0 S<seq>.  0 when the printer took it, 1 busy, -1 with err. */
int	printer_ack(struct printer *, unsigned long seq, char *err,
	    size_t errlen);

/*
 * The job: the file being printed, the byte the printer has read up to and
 * how long it has printed it.  0 with *job filled, -1 with err (the 2.x
 * path cannot tell).
 */
int	printer_job(struct printer *, struct duet_job *job, char *err,
	    size_t errlen);

/*
 * The whole file name (as the job names it) from the printer, at most max
 * bytes: *data is malloc'ed (the caller frees it), *len bytes.  0, or -1
 * with err.
 */
int	printer_download(struct printer *, const char *name, size_t max,
	    char **data, size_t *len, char *err, size_t errlen);

#endif
