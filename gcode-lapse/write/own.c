/*
 * own.c: exact comparisons with protocol.h's and dryrun.h's strings.
 */
#include <stdio.h>
#include <string.h>

#include "protocol.h"
#include "write/dryrun.h"
#include "write/own.h"

#define COUNT_END " snapshots)"

/* Is the line exactly mark " (N snapshots)", as own_mark() writes it? */
static bool
is_mark(const char *text, size_t len, const char *mark, size_t n)
{
	size_t i, k = sizeof COUNT_END - 1;

	if (len < n + 2 || memcmp(text, mark, n) != 0 ||
	    memcmp(text + n, " (", 2) != 0)
		return false;
	for (i = n + 2; i < len && text[i] >= '0' && text[i] <= '9'; i++)
		;
	return i > n + 2 && len - i == k && memcmp(text + i, COUNT_END,
	    k) == 0;
}

bool
own_is_begin(const char *text, size_t len)
{
	size_t n = sizeof PROTO_BEGIN - 1;

	return proto_starts(text, len, PROTO_BEGIN) && (len == n ||
	    text[n] == ' ');
}

bool
own_is_end(const char *text, size_t len)
{
	while (len > 0 && (*text == ' ' || *text == '\t')) {
		text++;
		len--;
	}
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	return len == sizeof PROTO_END - 1 && memcmp(text, PROTO_END,
	    len) == 0;
}

bool
own_is_processed(const char *text, size_t len)
{
	return is_mark(text, len, PROTO_PROCESSED, sizeof PROTO_PROCESSED - 1);
}

bool
own_is_line(const char *text, size_t len)
{
	if (len == 0 || text[0] != ';')
		return false;		/* G-code: the common case */
	return own_is_begin(text, len) || own_is_processed(text, len) ||
	    is_mark(text, len, DRYRUN_MARK, sizeof DRYRUN_MARK - 1);
}

bool
own_is_dry_run(const char *text, size_t len)
{
	size_t n = sizeof DRYRUN_BEGIN - 1;

	return (len == n && memcmp(text, DRYRUN_BEGIN, n) == 0) ||
	    is_mark(text, len, DRYRUN_MARK, sizeof DRYRUN_MARK - 1);
}

void
own_mark(char *buf, size_t size, bool dry_run, size_t snapshots)
{
	if (dry_run)
		snprintf(buf, size, DRYRUN_MARK " (%zu" COUNT_END "\n",
		    snapshots);
	else
		snprintf(buf, size, PROTO_PROCESSED_FORMAT "\n", snapshots);
}
