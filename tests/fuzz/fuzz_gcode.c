/*
 * fuzz_gcode.c: libFuzzer target for the line reader, the tokenizer, the
 * tracker and the slicer-settings reader.  Any input must come back as
 * success or an error message, never a crash, a leak or undefined
 * behaviour; and the tracker's numbers must stay finite.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "gcode/machine.h"
#include "gcode/scan.h"
#include "settings/slicer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
each_line(void *ctx, struct machine *m, const struct scan_line *sl,
    char *err, size_t errlen)
{
	struct slicer_settings *s = ctx;

	(void)err;
	(void)errlen;
	slicer_line(s, sl->line->text, sl->line->len, sl->line->number);
	for (int ax = 0; ax < AX_N; ax++)
		if (m->known[ax] && !isfinite(m->pos[ax]))
			abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct machine_config cfg;
	struct slicer_settings s;
	struct machine m;
	struct scan_hooks hooks = { each_line, NULL, NULL, &s };
	char err[256];

	slicer_init(&s);
	machine_config_default(&cfg);
	cfg.e_coupling = size > 0 ? (enum e_coupling)(data[0] % 3) :
	    E_COUPLED;
	machine_init(&m, &cfg);
	(void)scan_mem((const char *)data, size, &m, &hooks, err, sizeof err);
	slicer_end(&s);
	if (!isfinite(m.e_net) && m.e_net == m.e_net)
		abort();
	return 0;
}
