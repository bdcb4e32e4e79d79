/*
 * fuzz_rewrite.c: libFuzzer target for the code that writes the user's
 * file: the rewrite, from arbitrary G-code, with the options chosen by
 * the first byte.  When the rewrite takes the input:
 *   - the output without its blocks and its mark is the input, byte for
 *     byte (plus the line end a last line without one gets);
 *   - --verify accepts the pair (the proof every rewrite must pass);
 *   - no number in a block is nan or inf;
 * and in any case nothing crashes, leaks or hangs.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "protocol.h"
#include "rewrite.h"
#include "verify.h"
#include "settings/profile.h"
#include "settings/slicer.h"
#include "write/own.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The options the first byte picks. */
static void
options(struct profile *p, uint8_t sel)
{
	static const char *const trig[][2] = {
		{ "every-layers", "1" }, { "every-mm", "0.3" },
		{ "every-seconds", "2" }, { "trigger", "command" },
	};
	char err[256];

	profile_init(p);
	(void)profile_set(p, "bed", "0,0,200,200", err, sizeof err);
	(void)profile_set(p, "retract", sel & 0x40 ? "0" : "1", err,
	    sizeof err);
	(void)profile_set(p, "travel-speed", "150", err, sizeof err);
	(void)profile_set(p, trig[(sel >> 2) & 3][0], trig[(sel >> 2) & 3][1],
	    err, sizeof err);
	if (sel & 0x01)
		(void)profile_set(p, "smart", NULL, err, sizeof err);
	if (sel & 0x02)
		(void)profile_set(p, "test-mode", NULL, err, sizeof err);
	if (sel & 0x10)
		(void)profile_set(p, "marker", "klipper", err, sizeof err);
	if (sel & 0x20)
		(void)profile_set(p, "firmware", "rrf", err, sizeof err);
	if (sel & 0x80)
		(void)profile_set(p, "snap", NULL, err, sizeof err);
}

/* Next line of s[0, n) from *at: its start, length with terminator. */
static const char *
next_line(const char *s, size_t n, size_t *at, size_t *len)
{
	const char *l = s + *at, *nl;

	if (*at >= n)
		return NULL;
	nl = memchr(l, '\n', n - *at);
	*len = nl != NULL ? (size_t)(nl - l) + 1 : n - *at;
	*at += *len;
	return l;
}

/* The line's text: no "\n" or "\r\n". */
static size_t
text_len(const char *l, size_t len)
{
	if (len > 0 && l[len - 1] == '\n')
		len--;
	if (len > 0 && l[len - 1] == '\r')
		len--;
	return len;
}

/* A block's number that is no number. */
static bool
has_nan_or_inf(const char *l, size_t n)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if ((strncasecmp(l + i, "nan", 3) == 0 ||
		    strncasecmp(l + i, "inf", 3) == 0) && i > 0 &&
		    (isdigit((unsigned char)l[i - 1]) || l[i - 1] == '-' ||
		    isupper((unsigned char)l[i - 1])))
			return true;
	return false;
}

/*
 * The output without its blocks and without its last line (the mark)
 * into rest (as long as out); checks the blocks' numbers on the way.
 */
static size_t
strip(const char *out, size_t n, char *rest)
{
	size_t at = 0, len, r = 0, last = 0;
	const char *l;
	bool inb = false;

	while ((l = next_line(out, n, &at, &len)) != NULL) {
		size_t t = text_len(l, len);

		if (!inb && own_is_begin(l, t)) {
			inb = true;
			continue;
		}
		if (inb) {
			if (own_is_end(l, t))
				inb = false;
			else if (has_nan_or_inf(l, t))
				abort();
			continue;
		}
		last = r;
		memcpy(rest + r, l, len);
		r += len;
	}
	if (inb)
		abort();		/* a block never ends */
	return last;			/* the mark is the last line */
}

/* Is rest the input, or the input with the line end its last line lacked? */
static bool
same_as_input(const char *in, size_t n, const char *rest, size_t r)
{
	if (r < n || memcmp(in, rest, n) != 0)
		return false;
	if (r == n)
		return true;
	if (n > 0 && in[n - 1] == '\n')
		return false;
	return (r - n == 1 && rest[n] == '\n') ||
	    (r - n == 2 && memcmp(rest + n, "\r\n", 2) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile p;
	struct slicer_settings s;
	struct rewrite_report rep;
	struct verify_result *res;
	const char *in = (const char *)data + 1;
	size_t n = size > 0 ? size - 1 : 0, outlen;
	char err[512], *out = NULL, *rest;

	if (size == 0)
		return 0;
	options(&p, data[0]);
	slicer_init(&s);
	if (slicer_scan_mem(&s, in, n) == -1)
		abort();
	rewrite_report_init(&rep, "fuzz");
	if (rewrite_mem(in, n, &p, &s, &out, &outlen, &rep, err,
	    sizeof err) == 0) {
		if ((rest = malloc(outlen + 1)) == NULL)
			abort();
		if (!p.test_mode && !same_as_input(in, n, rest,
		    strip(out, outlen, rest)))
			abort();
		if (p.test_mode)
			(void)strip(out, outlen, rest);
		free(rest);
		if ((res = malloc(sizeof *res)) == NULL)
			abort();
		if (verify_mem(in, n, out, outlen, &p, res, err,
		    sizeof err) == -1 || res->problems > 0) {
			fprintf(stderr, "fuzz_rewrite: not proven: %s\n",
			    res->problems > 0 ? res->first[0] : err);
			abort();
		}
		free(res);
	}
	free(out);
	rewrite_report_free(&rep);
	return 0;
}
