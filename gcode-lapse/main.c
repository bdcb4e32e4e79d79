/*
 * gcode-lapse: rewrite a slicer's G-code for stabilized timelapses.
 *
 * main.c only reads the command line, opens files, prints what the
 * modules return, and picks the exit status:
 *   0 done, 1 the input (or the output) cannot be used, 2 usage,
 *   3 system error (a read or write failed, no memory), 4 the rewrite
 *   failed its proof (nothing written).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "info.h"
#include "job.h"
#include "preview.h"
#include "replace.h"
#include "report.h"
#include "rewrite.h"
#include "verify.h"
#include "settings/profile.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2
#define EXIT_SYSTEM 3
#define EXIT_UNPROVEN 4
#define PROGRESS_MIN_REWRITE (64LL * 1024 * 1024)	/* bytes */
#define PROGRESS_MIN_PREVIEW (8LL * 1024 * 1024)


/* What the user sees on stderr: warnings, and progress on a terminal. */
struct warn_ctx {
	const char *file;
	unsigned long long total;	/* bytes, when progress is shown */
	bool shown;			/* a progress line is on screen */
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: gcode-lapse [--config FILE] [options] INPUT [-o OUTPUT]\n"
	    "       gcode-lapse --verify [options] ORIGINAL REWRITTEN\n"
	    "       gcode-lapse --preview [options] INPUT [-o VIDEO|DIR/]\n"
	    "       gcode-lapse --info [--json] [--firmware NAME] FILE\n"
	    "       gcode-lapse --version\n"
	    "options: --every-layers N, --every-mm MM, --every-seconds S,\n"
	    "  --trigger command, --smart, --snap, --park X,Y, --x/--y MODE,\n"
	    "  --bed X0,Y0,X1,Y1, --retract MM, --lift MM, "
	    "--travel-speed MM/S,\n"
	    "  --marker duet|klipper|marlin|octoprint, --marker-line TEXT,\n"
	    "  --report text|json|none, --force, --test-mode ...\n"
	    "preview: --camera X,Y,Z, --look-at X,Y,Z, --fov DEGREES, "
	    "--size WxH,\n"
	    "  --render KEY=VALUE (capture-agent's [render] keys)\n"
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

/* A progress line on screen ends before anything else is printed. */
static void
end_progress(struct warn_ctx *w)
{
	if (w->shown)
		fputc('\n', stderr);
	w->shown = false;
}

/*
 * The reader's warnings, one line per kind: its first line, and how many
 * more there are ("file:213: G1 X -18: ... (44 more like it)").
 */
static void
print_warnings(struct warn_ctx *w, const struct warnings *ws)
{
	const struct warning *list[WARNINGS_KINDS];
	size_t n = warnings_list(ws, list, WARNINGS_KINDS);

	if (n > 0)
		end_progress(w);
	for (size_t i = 0; i < n && i < WARNINGS_KINDS; i++) {
		fprintf(stderr, "gcode-lapse: warning: %s:%lu: %s", w->file,
		    list[i]->line, list[i]->text);
		if (list[i]->count > 1)
			fprintf(stderr, " (%lu more like it)",
			    list[i]->count - 1);
		fputc('\n', stderr);
	}
}

/* A warning about the files, at once (the G-code's come at the end). */
static void
print_warning(void *ctx, const char *msg)
{
	struct warn_ctx *w = ctx;

	end_progress(w);
	print_located(w->file, "warning: ", msg);
}

static int
do_info(const char *file, const char *firmware, bool json)
{
	struct warn_ctx w = { file, 0, false };
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
	if (info_gather(in, fd, file, firmware, err, sizeof err) == -1) {
		print_warnings(&w, &in->warns);
		print_located(file, "", err);
		r = EXIT_INPUT;
	} else {
		print_warnings(&w, &in->warns);
		if (json ? info_print_json(stdout, in) == -1 :
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

static void
show_progress(void *ctx, unsigned long long bytes)
{
	struct warn_ctx *w = ctx;

	if (w->total == 0)
		return;
	fprintf(stderr, "\rgcode-lapse: %s: %3llu%%", w->file,
	    bytes >= w->total ? 100 : bytes * 100 / w->total);
	w->shown = true;
}

/* The tests' fault injection: GCODE_LAPSE_FAULT=stall or proof. */
static unsigned
fault_flags(void)
{
	const char *f = getenv("GCODE_LAPSE_FAULT");

	if (f != NULL && strcmp(f, "stall") == 0)
		return JOB_FAULT_STALL;
	if (f != NULL && strcmp(f, "proof") == 0)
		return JOB_FAULT_PROOF;
	return 0;
}

/* Progress on a terminal for a (regular) file over min bytes. */
static void
want_progress(struct warn_ctx *w, struct rewrite_hooks *hooks,
    const char *in, long long min, bool quiet)
{
	struct stat st;

	if (isatty(STDERR_FILENO) && !quiet && stat(in, &st) == 0 &&
	    S_ISREG(st.st_mode) && st.st_size > min) {
		w->total = (unsigned long long)st.st_size;
		hooks->progress = show_progress;
	}
}

static int
do_rewrite(const char *in, const char *out, const struct profile *p,
    const char *report, bool quiet, bool force)
{
	struct warn_ctx w = { in, 0, false };
	struct rewrite_hooks hooks = { print_warning, NULL, &w };
	struct rewrite_report rep;
	const char *final = getenv("SLIC3R_PP_OUTPUT_NAME");
	enum job_failure why;
	char err[1024];
	int r = 0;

	rewrite_report_init(&rep, final != NULL && out == NULL ? final : in);
	want_progress(&w, &hooks, in, PROGRESS_MIN_REWRITE, quiet);
	/* a signal takes the temporary files with it */
	if (replace_on_signals() == -1)
		fprintf(stderr, "gcode-lapse: warning: signals: %s\n",
		    strerror(errno));
	if (job_rewrite(in, out, p, (force ? JOB_FORCE : 0) | fault_flags(),
	    &rep, &hooks, &why, err, sizeof err) == -1) {
		end_progress(&w);
		print_warnings(&w, &rep.warns);
		print_located(in, "", err);
		rewrite_report_free(&rep);
		return why == JOB_SYSTEM ? EXIT_SYSTEM : why == JOB_UNPROVEN ?
		    EXIT_UNPROVEN : EXIT_INPUT;
	}
	if (w.shown)
		show_progress(&w, w.total);
	end_progress(&w);
	print_warnings(&w, &rep.warns);
	if (strcmp(report, "json") == 0) {
		if (report_print_json(stdout, &rep, NULL) == -1 ||
		    fflush(stdout) == EOF)
			r = EXIT_SYSTEM;
	} else if (strcmp(report, "text") == 0 && !quiet) {
		report_print_text(stderr, &rep);
	}
	if (rep.dry_run[0] != '\0')
		fprintf(stderr, "gcode-lapse: %s: --test-mode: the dry run is "
		    "in %s; %s is unchanged\n", in, rep.dry_run, in);
	rewrite_report_free(&rep);
	return r;
}

/*
 * -o DIR/ or an existing folder: 1, frames there (the folder made); 0 a
 * video; -1 with a message printed.
 */
static int
frames_folder(const char *out)
{
	struct stat st;
	size_t n = strlen(out);

	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode))
		return 1;
	if (n == 0 || out[n - 1] != '/')
		return 0;
	if (mkdir(out, 0777) == -1) {
		fprintf(stderr, "gcode-lapse: %s: %s\n", out, strerror(errno));
		return -1;
	}
	return 1;
}

/* ffmpeg's progress, on the progress line. */
static void
show_encoding(void *ctx, const char *camera, long frame, long frames)
{
	struct warn_ctx *w = ctx;

	(void)camera;
	fprintf(stderr, "\rgcode-lapse: %s: video %ld/%ld frames", w->file,
	    frame, frames);
	w->shown = true;
}

static void
show_note(void *ctx, const char *msg)
{
	struct warn_ctx *w = ctx;

	end_progress(w);
	fprintf(stderr, "gcode-lapse: %s: %s\n", w->file, msg);
}

static int
do_preview(const char *in, const char *out, const struct profile *p,
    const char *report, bool quiet)
{
	struct warn_ctx w = { in, 0, false };
	struct rewrite_hooks hooks = { print_warning, NULL, &w };
	struct render_hooks rhooks = { NULL, show_note, NULL, &w, NULL };
	struct rewrite_report rep;
	struct preview_report prev;
	char err[1024], video[4096];
	int r = 0, f = 0, rc;

	if (out == NULL) {
		if (preview_default_output(in, p, video, sizeof video) == -1) {
			fprintf(stderr, "gcode-lapse: %s: name too long\n", in);
			return EXIT_USAGE;
		}
		out = video;
	} else if ((f = frames_folder(out)) == -1) {
		return EXIT_SYSTEM;
	}
	if (!f) {
		struct render_options o;

		if (preview_video_options(p, out, &o, err, sizeof err) == -1) {
			fprintf(stderr, "gcode-lapse: --render: %s\n", err);
			return EXIT_USAGE;
		}
	}
	/* the rewrite writes into a pipe the preview may close */
	signal(SIGPIPE, SIG_IGN);
	rewrite_report_init(&rep, in);
	preview_report_init(&prev);
	want_progress(&w, &hooks, in, PROGRESS_MIN_PREVIEW, quiet);
	if (isatty(STDERR_FILENO) && !quiet)
		rhooks.progress = show_encoding;
	rc = f ? preview_run(in, p, out, &rep, &prev, &hooks, err,
	    sizeof err) : preview_video(in, p, out, &rep, &prev, &hooks,
	    &rhooks, err, sizeof err);
	end_progress(&w);
	print_warnings(&w, &rep.warns);
	if (rc == -1) {
		print_located(in, "", err);
		r = EXIT_INPUT;
		goto done;
	}
	if (strcmp(report, "json") == 0) {
		if (report_print_json(stdout, &rep, &prev) == -1 ||
		    fflush(stdout) == EOF)
			r = EXIT_SYSTEM;
	} else if (strcmp(report, "text") == 0 && !quiet) {
		if (rep.already_processed)
			fprintf(stderr, "gcode-lapse: %s: already processed, "
			    "previewed as it is\n", in);
		else
			report_print_text(stderr, &rep);
		report_print_preview_text(stderr, &prev, out);
	}
done:
	preview_report_free(&prev);
	rewrite_report_free(&rep);
	return r;
}

static int
do_verify(const char *orig, const char *rewritten, const struct profile *p,
    bool quiet)
{
	struct verify_result *res;
	char err[512];
	int fo, fr, r = 0;

	if ((fo = open(orig, O_RDONLY)) == -1) {
		fprintf(stderr, "gcode-lapse: %s: %s\n", orig,
		    strerror(errno));
		return EXIT_INPUT;
	}
	if ((fr = open(rewritten, O_RDONLY)) == -1) {
		fprintf(stderr, "gcode-lapse: %s: %s\n", rewritten,
		    strerror(errno));
		close(fo);
		return EXIT_INPUT;
	}
	if ((res = malloc(sizeof *res)) == NULL) {
		close(fo);
		close(fr);
		return EXIT_SYSTEM;
	}
	if (verify_fds(fo, fr, p, res, err, sizeof err) == -1) {
		fprintf(stderr, "gcode-lapse: verify: %s\n", err);
		r = EXIT_INPUT;
	} else if (res->problems > 0) {
		fprintf(stderr, "gcode-lapse: %s: does not print like %s:\n",
		    rewritten, orig);
		report_print_verify(stderr, res);
		r = EXIT_INPUT;
	} else if (!quiet) {
		printf("gcode-lapse: %s prints like %s: %lu lines, %lu "
		    "extruding moves, %lu blocks, %lu markers checked\n",
		    rewritten, orig, res->lines, res->extrusions, res->blocks,
		    res->markers);
		report_print_assumed(stdout, res);
	}
	free(res);
	close(fo);
	close(fr);
	return r;
}

enum {
	OPT_INFO = 1000, OPT_JSON, OPT_HELP, OPT_VERSION, OPT_CONFIG,
	OPT_VERIFY, OPT_REPORT, OPT_QUIET, OPT_PREVIEW, OPT_FORCE,
	OPT_PROFILE = 2000,
};

int
main(int argc, char *argv[])
{
	static struct option longopts[64];
	const char *const *names = profile_names();
	const char *out = NULL, *config = NULL, *report = "text";
	static struct profile p;
	char err[512];
	bool info = false, json = false, verify = false, quiet = false;
	bool preview = false, force = false;
	int ch, n = 0;

	longopts[n++] = (struct option){ "info", no_argument, NULL, OPT_INFO };
	longopts[n++] = (struct option){ "json", no_argument, NULL, OPT_JSON };
	longopts[n++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
	longopts[n++] = (struct option){ "version", no_argument, NULL,
	    OPT_VERSION };
	longopts[n++] = (struct option){ "config", required_argument, NULL,
	    OPT_CONFIG };
	longopts[n++] = (struct option){ "verify", no_argument, NULL,
	    OPT_VERIFY };
	longopts[n++] = (struct option){ "report", required_argument, NULL,
	    OPT_REPORT };
	longopts[n++] = (struct option){ "quiet", no_argument, NULL,
	    OPT_QUIET };
	longopts[n++] = (struct option){ "preview", no_argument, NULL,
	    OPT_PREVIEW };
	longopts[n++] = (struct option){ "force", no_argument, NULL,
	    OPT_FORCE };
	for (int i = 0; names[i] != NULL && n < 62; i++)
		longopts[n++] = (struct option){ names[i],
		    profile_takes_value(names[i]) ? required_argument :
		    no_argument, NULL, OPT_PROFILE + i };
	longopts[n] = (struct option){ NULL, 0, NULL, 0 };

	profile_init(&p);
	/* first pass: the profile file, so that flags win over it */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:hV", longopts, NULL)) != -1)
		if (ch == OPT_CONFIG)
			config = optarg;
	if (config != NULL && profile_load(&p, config, err, sizeof err) ==
	    -1) {
		fprintf(stderr, "gcode-lapse: %s\n", err);
		return EXIT_USAGE;
	}
	opterr = 1;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "o:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_INFO:
			info = true;
			break;
		case OPT_JSON:
			json = true;
			break;
		case OPT_CONFIG:
			break;
		case OPT_VERIFY:
			verify = true;
			break;
		case OPT_QUIET:
			quiet = true;
			break;
		case OPT_PREVIEW:
			preview = true;
			break;
		case OPT_FORCE:
			force = true;
			break;
		case OPT_REPORT:
			if (strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "text") != 0 &&
			    strcmp(optarg, "none") != 0) {
				fprintf(stderr, "gcode-lapse: --report: text, "
				    "json or none\n");
				return EXIT_USAGE;
			}
			report = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
		case OPT_HELP:
			usage(stdout);
			return 0;
		case 'V':
		case OPT_VERSION:
			printf("gcode-lapse %s\n", VERSION);
			return 0;
		default:
			if (ch >= OPT_PROFILE && ch < OPT_PROFILE + 100) {
				if (profile_set(&p, names[ch - OPT_PROFILE],
				    optarg, err, sizeof err) == -1) {
					fprintf(stderr, "gcode-lapse: --%s\n",
					    err);
					return EXIT_USAGE;
				}
				break;
			}
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (info) {
		if (argc != 1) {
			usage(stderr);
			return EXIT_USAGE;
		}
		return do_info(argv[0], p.firmware[0] ? p.firmware : NULL,
		    json);
	}
	if (verify) {
		if (argc != 2) {
			usage(stderr);
			return EXIT_USAGE;
		}
		return do_verify(argv[0], argv[1], &p, quiet);
	}
	if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (preview)
		return do_preview(argv[0], out, &p, report, quiet);
	if (strcmp(report, "json") == 0 && ((out != NULL &&
	    strcmp(out, "-") == 0) || (out == NULL &&
	    strcmp(argv[0], "-") == 0))) {
		fprintf(stderr, "gcode-lapse: --report json and the G-code "
		    "cannot both go to standard output\n");
		return EXIT_USAGE;
	}
	return do_rewrite(argv[0], out, &p, report, quiet, force);
}
