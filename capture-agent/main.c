/*
 * capture-agent: watch a Duet printer for gcode-lapse's markers, fire the
 * cameras, store the frames and let the print go on.
 *
 * main wires the pieces: configuration, the printer transport, the
 * cameras, the agent loop and the background render; it owns the only
 * process-wide state (the configuration and two signal flags, stop and
 * reload) and is the only place that prints errors and chooses the exit
 * status (see capture-agent(8)), but for `capture-agent render`, which
 * render_cmd.c runs.
 *
 * Secrets: the process holds the printer's password and the cameras'
 * credentials, so it makes no core dump (nor do its workers, which inherit
 * that), and every secret of the configuration is registered with the log
 * (log.h) as the file is read, before anything can be logged about it:
 * every message of the agent goes through log.c, which hides them.
 *
 * Reloads: SIGHUPs are gathered (RELOAD_SETTLE_MS after the last one, at
 * most RELOAD_MAX_MS after the first), so a storm is one reload, and the
 * printer is kept, session and all, when its settings did not change; a
 * printer that did is closed, which ends its session on the board.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "agent.h"
#include "clock.h"
#include "config.h"
#include "errbuf.h"
#include "log.h"
#include "camera/camera_set.h"
#include "frames/captures.h"
#include "printer/printer.h"
#include "render/render_child.h"
#include "render/render_cmd.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#define DEFAULT_CONFIG SYSCONFDIR "/capture-agent.conf"
#define MAX_CAMERAS 32
#define CAMERA_PROBE_MS 5000	/* at start-up, for each camera to open */
#define RELOAD_PROBE_MS 1000	/* after a reload: markers are waiting */
#define RELOAD_SETTLE_MS 300	/* after the last SIGHUP of a storm */
#define RELOAD_MAX_MS 2000	/* after the first */

enum {
	EXIT_STOPPED = 0,	/* stopped by SIGTERM or SIGINT */
	EXIT_CONFIG = 1,	/* bad configuration, or cannot start */
	EXIT_USAGE = 2,
};

static volatile sig_atomic_t got_stop;
static volatile sig_atomic_t got_hup;

struct daemon {
	struct config cfg;
	struct printer *printer;
	struct camera_set *cameras;
	int lock;			/* the captures folder's, -1 none */
};

/* What outlives a configuration reload. */
struct app {
	struct daemon d;
	pid_t render_pid;		/* background render, 0 none */
	int render_fd;
	char render_dir[4096];
	struct camera_result res[MAX_CAMERAS];
};

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else
		got_stop = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: capture-agent [-dnsV] [-c file]\n"
	    "       capture-agent render SEQUENCE_DIR [-o FILE] [options]\n"
	    "       capture-agent render SEQUENCE_DIR --contact-sheet "
	    "[-o FILE]\n");
	exit(EXIT_USAGE);
}

/* Set when a secret could not be registered: that file is refused. */
static bool secrets_full;

/* For config_secrets: hide s in every message from now on. */
static void
add_secret(const char *s)
{
	if (log_secret(s) == -1)
		secrets_full = true;
}

static int
camera_key(void *arg, const char *name, const char *key, const char *value,
    char *err, size_t errlen)
{
	config_secrets(key, value, add_secret);
	return camera_set_key(arg, name, key, value, err, errlen);
}

/*
 * Configuration and cameras from path, into d (the printer is opened by
 * the caller, which may keep the one it has); -1 with err.  The
 * printer's secrets are registered whether the file was good or not:
 * config_load fills what it read before the error.
 */
static int
load(const char *path, struct daemon *d, char *err, size_t errlen)
{
	int rc;

	memset(d, 0, sizeof *d);
	d->lock = -1;
	if ((d->cameras = camera_set_new()) == NULL)
		return errbuf_set(err, errlen, "out of memory");
	secrets_full = false;
	rc = config_load(path, &d->cfg, camera_key, d->cameras, err, errlen);
	config_secrets("password", d->cfg.password, add_secret);
	config_secrets("url", d->cfg.url, add_secret);
	if (secrets_full && rc == 0)
		rc = errbuf_set(err, errlen, "%s: more than %d secrets (or one "
		    "longer than 255 bytes): they could not all be kept out of "
		    "the log", path, LOG_SECRETS_MAX);
	if (rc == -1 || camera_set_start(d->cameras, err, errlen) == -1) {
		camera_set_free(d->cameras);
		d->cameras = NULL;
		return -1;
	}
	if (d->cfg.warning[0] != '\0')
		log_warnx("%s", d->cfg.warning);
	return 0;
}

static void
unload(struct daemon *d)
{
	printer_close(d->printer);
	camera_set_free(d->cameras);
	if (d->lock != -1)
		close(d->lock);
	d->printer = NULL;
	d->cameras = NULL;
	d->lock = -1;
}

/* The file holds the printer's password: others should not read it. */
static void
check_permissions(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && (st.st_mode & S_IROTH))
		log_warnx("%s is readable by every user of this machine, and "
		    "it holds the printer's password: chmod o-r %s (or 640, "
		    "group capture-agent; capture-agent.conf(5), FILES)", path,
		    path);
}

/* No core file of a process that holds the password, nor of its
 * children (they inherit both settings). */
static void
no_core_dumps(void)
{
	struct rlimit rl = { 0, 0 };

	(void)setrlimit(RLIMIT_CORE, &rl);
#ifdef __linux__
	(void)prctl(PR_SET_DUMPABLE, 0);
#endif
}

static long long
io_now_ms(void *arg)
{
	(void)arg;
	return clock_ms();
}

static void
io_wall(void *arg, struct timespec *ts)
{
	(void)arg;
	clock_gettime(CLOCK_REALTIME, ts);
}

static int
io_poll(void *arg, struct duet_status *st, char *err, size_t errlen)
{
	struct app *app = arg;

	return printer_poll(app->d.printer, st, err, errlen);
}

static int
io_ack(void *arg, unsigned long seq, char *err, size_t errlen)
{
	struct app *app = arg;

	return printer_ack(app->d.printer, seq, err, errlen);
}

static int
io_job(void *arg, struct duet_job *job, char *err, size_t errlen)
{
	struct app *app = arg;

	return printer_job(app->d.printer, job, err, errlen);
}

static int
io_fire(void *arg, const char *dir, unsigned frame)
{
	struct app *app = arg;
	struct camera_result *res = app->res;
	size_t i, n;
	int stored;

	n = camera_set_count(app->d.cameras);
	if (n == 0) {
		log_debug("frame %06u: no camera configured", frame);
		return 0;
	}
	memset(res, 0, sizeof app->res);
	stored = camera_set_fire(app->d.cameras, dir, frame, res, MAX_CAMERAS);
	for (i = 0; i < n && i < MAX_CAMERAS; i++) {
		const struct camera_result *r = &res[i];

		if (r->health == CAMERA_BACK)
			log_info("camera %s answers again: waited for again "
			    "from frame %06u on", r->name, frame);
		if (r->ok)
			log_debug("camera %s: %s (%ld ms)", r->name, r->path,
			    r->ms);
		else if (r->health == CAMERA_NOT_WAITED)
			log_debug("camera %s: frame %06u: %s", r->name, frame,
			    r->error);
		else
			log_warnx("camera %s: frame %06u: %s (%ld ms)",
			    r->name, frame, r->error, r->ms);
		if (r->health == CAMERA_GIVEN_UP)
			log_warnx("camera %s: %u shots failed in a row: no "
			    "longer waited for, so the print does not wait "
			    "for it; it is tried at every marker in the "
			    "background, and said when it answers", r->name,
			    r->fails);
	}
	return stored;
}

/* gLapseFinish: render the sequence in the background if asked to. */
static void
io_finished(void *arg, const char *dir)
{
	struct app *app = arg;
	char err[512];

	if (!app->d.cfg.render.auto_render)
		return;
	if (app->render_pid > 0) {
		log_warnx("not rendering %s: the render of %s is still "
		    "running; run capture-agent render %s later", dir,
		    app->render_dir, dir);
		return;
	}
	app->render_pid = render_child_start(&app->d.cfg.render, dir, NULL,
	    &app->render_fd, err, sizeof err);
	if (app->render_pid == -1) {
		app->render_pid = 0;
		log_warnx("render %s: %s", dir, err);
		return;
	}
	snprintf(app->render_dir, sizeof app->render_dir, "%s", dir);
	log_info("rendering %s in the background (pid %ld)", dir,
	    (long)app->render_pid);
}

/* Reap a finished background render and say how it went. */
static void
reap_render(struct app *app)
{
	char msg[1024];
	int status;

	if (app->render_pid <= 0 ||
	    waitpid(app->render_pid, &status, WNOHANG) != app->render_pid)
		return;
	if (render_child_reaped(status, app->render_fd, msg, sizeof msg) == 0)
		log_info("rendered %s: %s", app->render_dir, msg);
	else
		log_warnx("render %s failed: %s", app->render_dir, msg);
	app->render_pid = 0;
}

/*
 * Say at once which cameras answer: a Pi camera with no ribbon cable, a
 * DSLR switched off.  The others are not held up, and a camera that failed
 * is tried again at every snapshot.
 */
static void
report_cameras(struct app *app, FILE *out, long wait_ms)
{
	size_t i, n = camera_set_count(app->d.cameras);

	if (n == 0) {
		log_warnx("no camera configured: markers are acknowledged "
		    "without frames");
		return;
	}
	memset(app->res, 0, sizeof app->res);
	(void)camera_set_probe(app->d.cameras, wait_ms, app->res, MAX_CAMERAS);
	for (i = 0; i < n && i < MAX_CAMERAS; i++) {
		const struct camera_result *r = &app->res[i];
		char line[1024];

		if (out != NULL) {
			/* not the log, but as clean as it (log.h) */
			log_clean(r->ok ? "ready" : r->error, line,
			    sizeof line);
			fprintf(out, "camera %s: %s\n", r->name, line);
		} else if (r->ok)
			log_info("camera %s: ready", r->name);
		else
			log_warnx("camera %s: %s (the other cameras go on; "
			    "it is tried again at every snapshot)", r->name,
			    r->error);
	}
}

/*
 * Swap in the configuration at path when it is good: the cameras anew,
 * the printer kept when its settings are the same, the captures folder's
 * lock moved when the folder changed.  Otherwise the running one stays.
 */
static void
reload(struct app *app, struct agent *agent, const char *path)
{
	struct daemon fresh;
	char err[1024];

	if (load(path, &fresh, err, sizeof err) == -1) {
		log_warnx("reload: %s; keeping the running configuration",
		    err);
		return;
	}
	if (strcmp(fresh.cfg.directory, app->d.cfg.directory) != 0 &&
	    (fresh.lock = captures_lock(fresh.cfg.directory, err,
	    sizeof err)) == -1) {
		log_warnx("reload: %s; keeping the running configuration",
		    err);
		unload(&fresh);
		return;
	}
	if (config_same_printer(&fresh.cfg, &app->d.cfg)) {
		fresh.printer = app->d.printer;
		app->d.printer = NULL;
	} else if ((fresh.printer = printer_open(&fresh.cfg, err,
	    sizeof err)) == NULL) {
		log_warnx("reload: %s; keeping the running configuration",
		    err);
		unload(&fresh);
		return;
	}
	if (fresh.lock == -1) {
		fresh.lock = app->d.lock;
		app->d.lock = -1;
	}
	unload(&app->d);
	app->d = fresh;
	agent_configure(agent, app->d.cfg.directory,
	    app->d.cfg.poll_interval_ms);
	log_info("configuration reloaded from %s", path);
	check_permissions(path);
	report_cameras(app, NULL, RELOAD_PROBE_MS);
}

/* Sleep ms, or less when a signal comes. */
static void
nap(long ms)
{
	if (!got_stop && !got_hup)
		clock_nap_ms(ms);
}

int
main(int argc, char *argv[])
{
	const char *path = DEFAULT_CONFIG;
	static struct app app;		/* large: not on the stack */
	struct agent_io io;
	struct agent *agent;
	struct sigaction sa;
	char err[1024];
	bool debug = false, check = false, use_syslog = false;
	int ch;
	long long wait_until, hup_first = 0, hup_last = 0, now;
	long delay;

	if (argc > 1 && strcmp(argv[1], "render") == 0)
		return render_command(argc - 1, argv + 1);
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("capture-agent %s\n", VERSION);
		return 0;
	}
	while ((ch = getopt(argc, argv, "c:dnsV")) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'd':
			debug = true;
			break;
		case 'n':
			check = true;
			break;
		case 's':
			use_syslog = true;
			break;
		case 'V':
			printf("capture-agent %s\n", VERSION);
			return 0;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	log_init("capture-agent", use_syslog && !check, debug);
	no_core_dumps();

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		fatalx("cannot initialise libcurl");
	if (load(path, &app.d, err, sizeof err) == -1 ||
	    (app.d.printer = printer_open(&app.d.cfg, err, sizeof err)) ==
	    NULL || captures_check(app.d.cfg.directory, err,
	    sizeof err) == -1) {
		log_warnx("%s", err);
		unload(&app.d);
		curl_global_cleanup();
		return EXIT_CONFIG;
	}
	check_permissions(path);
	if (check) {
		printf("%s: configuration OK (%s, %zu camera%s)\n", path,
		    config_printer_type_name(app.d.cfg.type),
		    camera_set_count(app.d.cameras),
		    camera_set_count(app.d.cameras) == 1 ? "" : "s");
		report_cameras(&app, stdout, CAMERA_PROBE_MS);
		unload(&app.d);
		curl_global_cleanup();
		return 0;
	}

	if ((app.d.lock = captures_lock(app.d.cfg.directory, err,
	    sizeof err)) == -1) {
		log_warnx("%s", err);
		unload(&app.d);
		curl_global_cleanup();
		return EXIT_CONFIG;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;		/* no SA_RESTART: end the nap */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	memset(&io, 0, sizeof io);
	io.arg = &app;
	io.now_ms = io_now_ms;
	io.wall = io_wall;
	io.poll = io_poll;
	io.ack = io_ack;
	io.job = io_job;
	io.fire = io_fire;
	io.finished = io_finished;
	if ((agent = agent_new(&io, app.d.cfg.directory,
	    app.d.cfg.poll_interval_ms)) == NULL)
		fatalx("out of memory");
	log_info("watching %s printer %s every %ld ms, %zu camera%s, frames "
	    "in %s", config_printer_type_name(app.d.cfg.type),
	    app.d.cfg.type == PRINTER_DUET_SERIAL ? app.d.cfg.device :
	    app.d.cfg.url, app.d.cfg.poll_interval_ms,
	    camera_set_count(app.d.cameras),
	    camera_set_count(app.d.cameras) == 1 ? "" : "s",
	    app.d.cfg.directory);
	report_cameras(&app, NULL, CAMERA_PROBE_MS);

	wait_until = clock_ms() + app.d.cfg.startup_wait_s * 1000;
	while (!got_stop && clock_ms() < wait_until)
		nap(wait_until - clock_ms() > 1000 ? 1000 :
		    (long)(wait_until - clock_ms()));

	while (!got_stop) {
		now = clock_ms();
		if (got_hup) {
			got_hup = 0;
			if (hup_first == 0)
				hup_first = now;
			hup_last = now;
		}
		if (hup_first != 0 && (now - hup_last >= RELOAD_SETTLE_MS ||
		    now - hup_first >= RELOAD_MAX_MS)) {
			hup_first = 0;
			reload(&app, agent, path);
			continue;
		}
		delay = agent_step(agent);
		if (hup_first != 0 && delay > RELOAD_SETTLE_MS)
			delay = RELOAD_SETTLE_MS;
		nap(delay);
		reap_render(&app);
	}
	if (app.render_pid > 0)
		log_info("the render of %s goes on (pid %ld)", app.render_dir,
		    (long)app.render_pid);
	log_info("stopping");
	agent_free(agent);
	unload(&app.d);
	curl_global_cleanup();
	log_close();
	return EXIT_STOPPED;
}
