/*
 * linereader.h: lines from a file descriptor or a memory block, streamed
 * through one fixed buffer.
 *
 * A line is handed out as a pointer into the reader's buffer, valid until
 * the next call.  Any length is handled: a line longer than
 * LINEREADER_CHUNK bytes comes in several pieces, the first flagged
 * LINE_PARTIAL, the following ones LINE_CONT (and LINE_PARTIAL again while
 * more follows), all with the same line number.  The raw bytes of the
 * pieces, concatenated, are exactly the input: writing them back loses
 * nothing, not even a CR or a missing final newline.  Lines end at LF (the
 * CRs before it are not in the text); in a file whose first line ends in
 * CR alone they end at CR (flagged LINE_CR), or at an LF gcode-lapse added.
 */
#ifndef LINEREADER_H
#define LINEREADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LINEREADER_CHUNK (64 * 1024)

enum {
	LINE_PARTIAL = 1 << 0,	/* more of this line follows */
	LINE_CONT = 1 << 1,	/* continues the previous piece */
	LINE_CR = 1 << 2,	/* ended by CR alone (an old Mac's file) */
};

struct line {
	const char *text;	/* without "\n", "\r\n", "\r\r\n" or a
				   CR-only file's "\r" */
	size_t len;
	const char *raw;	/* as read, terminator included */
	size_t raw_len;
	unsigned long number;	/* from 1 */
	unsigned flags;
};

struct linereader;

/* Reader on fd (not closed by the reader); NULL when out of memory. */
struct linereader *linereader_fd(int fd);
/* Reader on a caller-owned block that must outlive the reader. */
struct linereader *linereader_mem(const char *data, size_t len);
void linereader_free(struct linereader *);

/* 1: a line or piece in *out; 0: end of input; -1: read error (errno). */
int linereader_next(struct linereader *, struct line *out);

/*
 * Does a file that starts with s[0, n) (its first chunk, or all of it)
 * end its lines in CR alone, as its first line does?  (An old Mac's; CR LF
 * and CR CR LF are LF files.)
 */
bool linereader_cr_only(const char *s, size_t n);

/* Bytes handed out so far. */
uint64_t linereader_offset(const struct linereader *);

#endif
