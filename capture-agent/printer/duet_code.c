/*
 * duet_code.c: see duet_code.h.
 */
#include <stdio.h>
#include <string.h>

#include "protocol.h"

#include "printer/duet_code.h"

void
duet_ack_init(struct duet_ack *a, unsigned long seq)
{
	a->seq = seq;
	snprintf(a->code, sizeof a->code, PROTO_ACK_FORMAT, seq);
}

int
duet_url_escape(const char *s, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	size_t o = 0;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			if (o + 1 >= outlen)
				return -1;
			out[o++] = (char)*p;
		} else {
			if (o + 3 >= outlen)
				return -1;
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	if (o >= outlen)
		return -1;
	out[o] = '\0';
	return 0;
}

unsigned
duet_xor(const char *s, size_t len)
{
	unsigned c = 0;
	size_t i;

	for (i = 0; i < len; i++)
		c ^= (unsigned char)s[i];
	return c;
}

unsigned
duet_crc16(const char *s, size_t len)
{
	unsigned crc = 0;
	size_t i;
	int b;

	for (i = 0; i < len; i++) {
		crc ^= (unsigned)(unsigned char)s[i] << 8;
		for (b = 0; b < 8; b++)
			crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
		crc &= 0xffff;
	}
	return crc;
}

int
duet_frame_line(enum serial_checksum ck, unsigned long lineno,
    const char *code, char *out, size_t outlen)
{
	int n, m;

	if (ck == CHECKSUM_NONE) {
		n = snprintf(out, outlen, "%s\n", code);
		return n < 0 || (size_t)n >= outlen ? -1 : 0;
	}
	n = snprintf(out, outlen, "N%lu %s", lineno, code);
	if (n < 0 || (size_t)n >= outlen)
		return -1;
	if (ck == CHECKSUM_XOR)
		m = snprintf(out + n, outlen - (size_t)n, "*%u\n",
		    duet_xor(out, (size_t)n));
	else
		m = snprintf(out + n, outlen - (size_t)n, "*%05u\n",
		    duet_crc16(out, (size_t)n));
	return m < 0 || (size_t)m >= outlen - (size_t)n ? -1 : 0;
}
