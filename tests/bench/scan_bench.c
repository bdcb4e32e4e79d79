/*
 * scan_bench.c: the reader and the tracker alone on a file, for make
 * bench (the figure the 500 MB/s target is about); --info adds the
 * settings scan and the time estimate on top.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "gcode/machine.h"
#include "gcode/scan.h"

int
main(int argc, char *argv[])
{
	struct machine_config cfg;
	struct machine m;
	struct scan_hooks hooks = { NULL, NULL, NULL, NULL };
	char err[256];
	int fd;

	if (argc != 2 || (fd = open(argv[1], O_RDONLY)) == -1) {
		fprintf(stderr, "usage: scan_bench FILE\n");
		return 2;
	}
	machine_config_default(&cfg);
	machine_init(&m, &cfg);
	if (scan_fd(fd, &m, &hooks, err, sizeof err) == -1) {
		fprintf(stderr, "scan_bench: %s\n", err);
		return 1;
	}
	printf("%lu lines, %d layers\n", m.lines, m.layers.count);
	close(fd);
	return 0;
}
