/*
 * fuzz_gcode.c: libFuzzer target for the line reader, the tokenizer, the
 * tracker (with its disputes) and the slicer-settings reader, under every
 * firmware of the dialect table.  The first byte picks the firmware (or
 * "any", the set a file that names none is read for); the rest is the
 * file.  Any input must come back as success or an error message, never a
 * crash, a leak or undefined behaviour; the tracker's known numbers must
 * stay finite, and the warnings counted by kind must add up.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "gcode/machine.h"
#include "gcode/scan.h"
#include "gcode/warnings.h"
#include "settings/slicer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
each_line(void *ctx, struct machine *m, const struct scan_line *sl,
    char *err, size_t errlen)
{
	struct slicer_settings *s = ctx;
	char buf[200];

	(void)err;
	(void)errlen;
	slicer_line(s, sl->line->text, sl->line->len, sl->line->number);
	if (sl->gl != NULL)
		(void)gcode_render(sl->gl, buf, sizeof buf);
	for (int ax = 0; ax < AX_N; ax++)
		if (m->known[ax] && !isfinite(m->pos[ax]))
			abort();
	if (!isfinite(m->feed) || m->feed < 0)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct warnings w;
	struct machine_config cfg;
	struct slicer_settings s;
	struct machine m;
	struct scan_hooks hooks = { each_line, NULL, &s };
	char err[256];
	unsigned pick = size > 0 ? data[0] % (FW_N + 1) : FW_N;

	slicer_init(&s);
	machine_config_default(&cfg);
	cfg.firmwares = pick == FW_N ? 0 : FW_BIT(pick);
	machine_init(&m, &cfg);
	warnings_init(&w);
	m.warn = &w;
	if (size > 0) {
		data++;
		size--;
	}
	(void)scan_mem((const char *)data, size, &m, &hooks, err, sizeof err);
	slicer_end(&s);
	if (!isfinite(m.e_net) && m.e_net == m.e_net)
		abort();
	if (w.total != m.warnings)
		abort();
	return 0;
}
