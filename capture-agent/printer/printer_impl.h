/*
 * printer_impl.h: what each transport (printer_http.c, printer_sbc.c,
 * printer_serial.c) gives printer.c.  Not for other callers.
 */
#ifndef PRINTER_IMPL_H
#define PRINTER_IMPL_H

#include "printer/duet_code.h"
#include "printer/printer.h"

struct printer_ops {
	void	*(*open)(const struct config *, char *, size_t);
	int	 (*poll)(void *, struct duet_status *, char *, size_t);
	int	 (*ack)(void *, const struct duet_ack *, char *, size_t);
	void	 (*close)(void *);
	/* NULL where the transport cannot tell (printer_job()'s message) */
	int	 (*job)(void *, struct duet_job *, char *, size_t);
	int	 (*download)(void *, const char *, size_t, char **, size_t *,
		    char *, size_t);
};

extern const struct printer_ops printer_http_ops;
extern const struct printer_ops printer_sbc_ops;
extern const struct printer_ops printer_serial_ops;

#endif
