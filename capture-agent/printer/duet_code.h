/*
 * duet_code.h: the G-code the agent sends, and how it is put on the wire.
 *
 * The agent sends the printer exactly two kinds of code: fixed queries
 * (M409 on a serial line) and the acknowledgement of one of our message
 * boxes.  An acknowledgement exists only as a struct duet_ack, and
 * duet_ack_init() is the only code that fills one: it always writes
 * "M292 P0 S<seq>".  P1 would cancel the print, and there is no way to
 * spell it.  The transports take a struct duet_ack, never a string.
 */
#ifndef DUET_CODE_H
#define DUET_CODE_H

#include <stddef.h>

#include "config.h"

struct duet_ack {
	unsigned long seq;
	char code[32];			/* "M292 P0 S<seq>" */
};

void	duet_ack_init(struct duet_ack *, unsigned long seq);

/*
 * Percent-escape s for a URL query value: every byte but A-Z a-z 0-9 - . _ ~
 * becomes %XX with upper-case hex (RRF refuses lower-case escapes, and reads
 * '+' as a space).  0 ok, -1 when out is too small.
 */
int	duet_url_escape(const char *s, char *out, size_t outlen);

/* XOR of the bytes, and CRC-16/XMODEM (poly 0x1021, init 0). */
unsigned	duet_xor(const char *s, size_t len);
unsigned	duet_crc16(const char *s, size_t len);

/*
 * One serial line for code: "code\n" with CHECKSUM_NONE, otherwise
 * "N<lineno> code*<check>\n", the check over every byte before '*'
 * (XOR: decimal, CRC: five decimal digits).  0 ok, -1 when too long.
 */
int	duet_frame_line(enum serial_checksum, unsigned long lineno,
	    const char *code, char *out, size_t outlen);

#endif
