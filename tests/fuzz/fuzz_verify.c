/*
 * fuzz_verify.c: libFuzzer target for the proof: --verify on any pair of
 * inputs (the bytes after the first, cut at the first form feed: the
 * original before it, the rewritten file after), with the options the
 * first byte picks.  It must answer (agree, or list problems, or give an
 * error), never crash, leak or hang.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"
#include "settings/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const markers[] = { "duet", "klipper", "marlin",
	    "octoprint" };
	struct profile p;
	struct verify_result *res;
	const char *a = (const char *)data + 1, *cut;
	size_t n = size > 0 ? size - 1 : 0, an;
	char err[512];

	if (size == 0)
		return 0;
	profile_init(&p);
	(void)profile_set(&p, "marker", markers[data[0] & 3], err, sizeof err);
	if (data[0] & 0x04)
		(void)profile_set(&p, "bed", "0,0,200,200", err, sizeof err);
	if (data[0] & 0x08)
		(void)profile_set(&p, "test-mode", NULL, err, sizeof err);
	if (data[0] & 0x10)
		(void)profile_set(&p, "retract", "0", err, sizeof err);
	if (data[0] & 0x20)
		(void)profile_set(&p, "firmware", "rrf", err, sizeof err);
	cut = memchr(a, '\f', n);
	an = cut != NULL ? (size_t)(cut - a) : n;
	if ((res = malloc(sizeof *res)) == NULL)
		return 0;
	(void)verify_mem(a, an, cut != NULL ? cut + 1 : a + n,
	    cut != NULL ? n - an - 1 : 0, &p, res, err, sizeof err);
	free(res);
	return 0;
}
