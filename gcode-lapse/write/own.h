/*
 * own.h: the lines gcode-lapse adds to a file, as it writes them and as
 * it reads them back.
 *
 * A block starts with a line "; gcode-lapse begin" (then a blank and what
 * it is, or nothing) and ends with "; gcode-lapse end" (PROTO_BEGIN and
 * PROTO_END, protocol.h); a rewritten file ends with the processed mark,
 * a dry run with its own mark (write/dryrun.h), each with its count of
 * snapshots.  The verifier takes exactly these lines out again, the
 * rewrite refuses an input that has them (no processed mark at its end:
 * a dry run, or a rewrite edited since), and the tests strip them.
 *
 * Invariant: a line is ours only when it is exactly one of these; a
 * user's comment that merely starts so is not.
 */
#ifndef OWN_H
#define OWN_H

#include <stdbool.h>
#include <stddef.h>

/* Is the line (text without its end) a block's first line? */
bool own_is_begin(const char *text, size_t len);

/* A block's last line (blanks around it allowed, as the verifier reads)? */
bool own_is_end(const char *text, size_t len);

/* Exactly the processed mark (PROTO_PROCESSED_FORMAT)? */
bool own_is_processed(const char *text, size_t len);

/* A block's first line or a mark: a line of ours outside a block? */
bool own_is_line(const char *text, size_t len);

/* The line a dry run's notice begins with, or a dry run's mark? */
bool own_is_dry_run(const char *text, size_t len);

/* The last line, '\n' ended, into buf: the processed mark or a dry run's. */
void own_mark(char *buf, size_t size, bool dry_run, size_t snapshots);

#endif
