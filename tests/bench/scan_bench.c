/*
 * scan_bench.c: the reader alone on a file, for make bench: with
 * --split, the line reader only (memchr and the buffer: the floor under
 * everything else); without, the line reader, the tokenizer and the
 * tracker, reading for Marlin 2 as the bench file says.  --info adds the
 * settings scan and the time estimate on top.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gcode/linereader.h"
#include "gcode/machine.h"
#include "gcode/scan.h"

static int
split(int fd)
{
	struct linereader *lr = linereader_fd(fd);
	struct line ln;
	unsigned long n = 0;
	int r;

	if (lr == NULL)
		return 1;
	while ((r = linereader_next(lr, &ln)) == 1)
		n++;
	linereader_free(lr);
	printf("%lu lines\n", n);
	return r == -1;
}

int
main(int argc, char *argv[])
{
	struct machine_config cfg;
	struct machine m;
	struct scan_hooks hooks = { NULL, NULL, NULL };
	char err[256];
	int fd;

	if (argc == 3 && strcmp(argv[1], "--split") == 0) {
		if ((fd = open(argv[2], O_RDONLY)) == -1)
			return 2;
		return split(fd);
	}
	if (argc != 2 || (fd = open(argv[1], O_RDONLY)) == -1) {
		fprintf(stderr, "usage: scan_bench [--split] FILE\n");
		return 2;
	}
	machine_config_default(&cfg);
	cfg.firmwares = FW_BIT(FW_MARLIN2);
	machine_init(&m, &cfg);
	if (scan_fd(fd, &m, &hooks, err, sizeof err) == -1) {
		fprintf(stderr, "scan_bench: %s\n", err);
		return 1;
	}
	printf("%lu lines, %d layers\n", m.lines, m.layers.count);
	close(fd);
	return 0;
}
