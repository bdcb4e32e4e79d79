/*
 * gcode-lapse: rewrite a slicer's G-code for stabilized timelapses.
 *
 * main.c only reads the command line, opens files, prints what the
 * modules return, and picks the exit status:
 *   0 done, 1 the input cannot be used, 2 usage, 3 system error.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "info.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2
#define EXIT_SYSTEM 3
#define MAX_WARNINGS_SHOWN 10

#ifndef VERSION
#define VERSION "0.1"
#endif

struct warn_ctx {
	const char *file;
	unsigned long count;
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: gcode-lapse --info [--json] [--firmware NAME] FILE\n"
	    "       gcode-lapse --version\n"
	    "Try 'man gcode-lapse' for the whole story.\n");
}

/* "line N: what" from the modules becomes "file:N: what". */
static void
print_located(const char *file, const char *prefix, const char *msg)
{
	if (strncmp(msg, "line ", 5) == 0)
		fprintf(stderr, "gcode-lapse: %s%s:%s\n", prefix, file,
		    msg + 5);
	else
		fprintf(stderr, "gcode-lapse: %s%s: %s\n", prefix, file, msg);
}

static void
print_warning(void *ctx, const char *msg)
{
	struct warn_ctx *w = ctx;

	if (++w->count <= MAX_WARNINGS_SHOWN)
		print_located(w->file, "warning: ", msg);
}

static int
do_info(const char *file, const char *firmware, int json)
{
	struct warn_ctx w = { file, 0 };
	struct info *in;
	char err[512];
	int fd, r = 0;

	if ((fd = open(file, O_RDONLY)) == -1) {
		fprintf(stderr, "gcode-lapse: %s: %s\n", file,
		    strerror(errno));
		return EXIT_INPUT;
	}
	if ((in = malloc(sizeof *in)) == NULL) {
		fprintf(stderr, "gcode-lapse: out of memory\n");
		close(fd);
		return EXIT_SYSTEM;
	}
	if (info_gather(in, fd, file, firmware, print_warning, &w, err,
	    sizeof err) < 0) {
		print_located(file, "", err);
		r = EXIT_INPUT;
	} else {
		if (w.count > MAX_WARNINGS_SHOWN)
			fprintf(stderr, "gcode-lapse: %s: %lu more warnings\n",
			    file, w.count - MAX_WARNINGS_SHOWN);
		if (json ? info_print_json(stdout, in) < 0 :
		    (info_print_text(stdout, in), 0))
			r = EXIT_SYSTEM;
		if (fflush(stdout) == EOF || ferror(stdout)) {
			fprintf(stderr, "gcode-lapse: stdout: %s\n",
			    strerror(errno));
			r = EXIT_SYSTEM;
		}
	}
	free(in);
	close(fd);
	return r;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "info", no_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ "firmware", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *firmware = NULL;
	int ch, info = 0, json = 0;

	while ((ch = getopt_long(argc, argv, "ijF:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'i':
			info = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'F':
			if (slicer_flavor_from(optarg, strlen(optarg)) ==
			    FLAVOR_OTHER) {
				fprintf(stderr, "gcode-lapse: --firmware %s: "
				    "unknown (rrf, marlin2, marlin, klipper, "
				    "prusa, smoothie, repetier)\n", optarg);
				return EXIT_USAGE;
			}
			firmware = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("gcode-lapse %s\n", VERSION);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (!info || argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	return do_info(argv[0], firmware, json);
}
