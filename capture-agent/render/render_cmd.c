/*
 * render_cmd.c: "capture-agent render", the command-line face of render.c
 * and contactsheet.c.  This is the only place of the render code that
 * prints: results on stdout, notes, errors and the progress line on
 * stderr (the progress line only when stderr is a terminal).
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "num.h"
#include "frames/frames.h"
#include "render/contactsheet.h"
#include "render/render.h"
#include "render/render_cmd.h"

#define PROG	"capture-agent render"

struct cmd {
	struct render_options	 o;
	const char		*sequence;
	const char		*out;		/* -o, or NULL */
	bool			 contact_sheet;
	int			 columns;
	int			 thumb_width;
	bool			 quiet;
	bool			 container_set;
	bool			 progress_shown;
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: %s SEQUENCE_DIR [-q] [-o FILE] [--KEY VALUE]...\n"
	    "       %s SEQUENCE_DIR --contact-sheet [-o FILE] [--columns N]"
	    " [--thumb-width PX]\n"
	    "keys (as in the [render] section): --fps, --length-s, --min-fps,"
	    " --max-fps,\n"
	    "  --preroll-s, --postroll-s, --container, --codec, --crf,"
	    " --bitrate, --hwaccel,\n"
	    "  --nice (--output is -o)\n", PROG, PROG);
}

static void
on_progress(void *arg, const char *camera, long frame, long frames)
{
	struct cmd *c = arg;

	if (c->quiet || !isatty(STDERR_FILENO) || frames <= 0)
		return;
	fprintf(stderr, "\r%s%s%sframe %ld/%ld (%ld%%)\033[K", PROG ": ",
	    camera, camera[0] ? ": " : "", frame, frames,
	    frame * 100 / frames);
	c->progress_shown = true;
}

static void
end_progress(struct cmd *c)
{
	if (c->progress_shown)
		fprintf(stderr, "\r\033[K");
	c->progress_shown = false;
}

static void
on_note(void *arg, const char *msg)
{
	end_progress(arg);
	fprintf(stderr, "%s: %s\n", PROG, msg);
}

static void
on_done(void *arg, const char *path)
{
	end_progress(arg);
	printf("%s\n", path);
	fflush(stdout);
}

/* The container named by FILE's extension, when it is one we know. */
static void
container_from_name(struct cmd *c)
{
	const char *dot, *slash;
	char err[256];

	if (c->out == NULL || c->container_set)
		return;
	slash = strrchr(c->out, '/');
	dot = strrchr(slash ? slash : c->out, '.');
	if (dot != NULL && strchr(dot, '{') == NULL)
		(void)render_options_set(&c->o, "container", dot + 1, err,
		    sizeof err);
}

/* "--length-s" -> "length_s"; whether it is a [render] key. */
static bool
option_key(const char *arg, char *key, size_t keylen)
{
	size_t i;

	if (strncmp(arg, "--", 2) != 0 || strlen(arg + 2) >= keylen)
		return false;
	for (i = 0; arg[i + 2] != '\0' && arg[i + 2] != '='; i++)
		key[i] = arg[i + 2] == '-' ? '_' : arg[i + 2];
	key[i] = '\0';
	for (i = 0; render_option_keys[i] != NULL; i++)
		if (strcmp(key, render_option_keys[i]) == 0)
			return strcmp(key, "auto") != 0 &&
			    strcmp(key, "output") != 0;
	return false;
}

static int
int_arg(const char *name, const char *value, long min, long max, int *out)
{
	char err[256];
	long l;

	if (num_key_long(name, value, min, max, &l, err, sizeof err) == -1) {
		fprintf(stderr, "%s: %s\n", PROG, err);
		return -1;
	}
	*out = (int)l;
	return 0;
}

/* Returns -1 on a usage error (already said), 1 for --help, else 0. */
static int
parse_args(struct cmd *c, int argc, char *argv[])
{
	char key[64], err[512];
	const char *arg, *value;
	int i;

	for (i = 1; i < argc; i++) {
		arg = argv[i];
		value = NULL;
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)
			return 1;
		if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
			c->quiet = true;
			continue;
		}
		if (strcmp(arg, "--contact-sheet") == 0) {
			c->contact_sheet = true;
			continue;
		}
		if (arg[0] != '-' || arg[1] == '\0') {
			if (c->sequence != NULL) {
				fprintf(stderr, "%s: one SEQUENCE_DIR only "
				    "(%s and %s)\n", PROG, c->sequence, arg);
				return -1;
			}
			c->sequence = arg;
			continue;
		}
		if (strncmp(arg, "--", 2) == 0 && strchr(arg, '=') != NULL)
			value = strchr(arg, '=') + 1;
		else if (i + 1 < argc)
			value = argv[++i];
		else {
			fprintf(stderr, "%s: %s needs a value\n", PROG, arg);
			return -1;
		}
		if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0 ||
		    strncmp(arg, "--output=", 9) == 0)
			c->out = value;
		else if (strcmp(arg, "--columns") == 0 ||
		    strncmp(arg, "--columns=", 10) == 0) {
			if (int_arg("--columns", value, 1,
			    CONTACTSHEET_COLUMNS_MAX, &c->columns) == -1)
				return -1;
		} else if (strcmp(arg, "--thumb-width") == 0 ||
		    strncmp(arg, "--thumb-width=", 14) == 0) {
			if (int_arg("--thumb-width", value,
			    CONTACTSHEET_THUMB_MIN, CONTACTSHEET_THUMB_MAX,
			    &c->thumb_width) == -1)
				return -1;
		} else if (option_key(arg, key, sizeof key)) {
			if (render_options_set(&c->o, key, value, err,
			    sizeof err) == -1) {
				fprintf(stderr, "%s: --%s\n", PROG, err);
				return -1;
			}
			if (strcmp(key, "container") == 0)
				c->container_set = true;
		} else {
			fprintf(stderr, "%s: unknown option %s\n", PROG, arg);
			usage(stderr);
			return -1;
		}
	}
	if (c->sequence == NULL) {
		fprintf(stderr, "%s: SEQUENCE_DIR missing\n", PROG);
		usage(stderr);
		return -1;
	}
	return 0;
}

/* One contact sheet for the folder dir; 0 or -1. */
static int
sheet_one(struct cmd *c, const char *dir, const char *camera)
{
	struct render_options jo = c->o;
	char real[PATH_MAX], pattern[PATH_MAX + 64], out[PATH_MAX];
	char err[1024];
	const char *o = c->out;
	int rc;

	snprintf(jo.container, sizeof jo.container, "jpeg");	/* {ext} */
	if (o == NULL) {
		if (realpath(c->sequence, real) == NULL) {
			fprintf(stderr, "%s: %s: %s\n", PROG, c->sequence,
			    strerror(errno));
			return -1;
		}
		*strrchr(real, '/') = '\0';
		snprintf(pattern, sizeof pattern,
		    "%s/{sequence}%s%s-contact.jpeg", real,
		    camera[0] ? "-" : "", camera[0] ? "{camera}" : "");
		o = pattern;
	}
	if (render_output_path(&jo, o, c->sequence, camera, out, sizeof out,
	    err, sizeof err) == -1) {
		fprintf(stderr, "%s: %s\n", PROG, err);
		return -1;
	}
	rc = contactsheet_make(dir, out, c->columns, c->thumb_width, err,
	    sizeof err);
	if (rc == -1) {
		fprintf(stderr, "%s: %s\n", PROG, err);
		return -1;
	}
	if (rc > 0)
		fprintf(stderr, "%s: %s\n", PROG, err);
	printf("%s\n", out);
	return 0;
}

static int
contact_sheets(struct cmd *c)
{
	char err[1024], dir[PATH_MAX + NAME_MAX + 2], **cameras, **cam;
	int rc = 0;

	if (frames_cameras(c->sequence, &cameras, err, sizeof err) == -1) {
		fprintf(stderr, "%s: %s\n", PROG, err);
		return 1;
	}
	if (frames_exist(c->sequence) || cameras[0] == NULL)
		rc |= sheet_one(c, c->sequence, "");
	for (cam = cameras; *cam != NULL; cam++) {
		snprintf(dir, sizeof dir, "%s/%s", c->sequence, *cam);
		rc |= sheet_one(c, dir, *cam);
	}
	frames_cameras_free(cameras);
	return rc == 0 ? 0 : 1;
}

int
render_command(int argc, char *argv[])
{
	struct cmd c;
	struct render_hooks hooks = { on_progress, on_note, on_done, NULL,
	    NULL };
	char err[1024];
	const char *base;
	int rc;

	/* the whole "capture-agent render ..." argv: drop the program */
	if (argc > 1 && strcmp(argv[1], "render") == 0) {
		base = strrchr(argv[0], '/');
		if (strcmp(base ? base + 1 : argv[0], "render") != 0) {
			argc--;
			argv++;
		}
	}
	memset(&c, 0, sizeof c);
	render_options_init(&c.o);
	c.columns = CONTACTSHEET_COLUMNS;
	c.thumb_width = CONTACTSHEET_THUMB_WIDTH;
	hooks.arg = &c;
	if ((rc = parse_args(&c, argc, argv)) != 0) {
		if (rc == 1)
			usage(stdout);
		return rc == 1 ? 0 : 2;
	}
	if (c.contact_sheet)
		return contact_sheets(&c);
	container_from_name(&c);
	if (render_options_check(&c.o, err, sizeof err) == -1) {
		fprintf(stderr, "%s: %s\n", PROG, err);
		return 2;
	}
	rc = render_video(&c.o, c.sequence, c.out, &hooks, err,
	    sizeof err);
	end_progress(&c);
	if (rc == -1) {
		fprintf(stderr, "%s: %s\n", PROG, err);
		return 1;
	}
	return 0;
}
