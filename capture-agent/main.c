/*
 * capture-agent: watch a Duet printer for gcode-lapse's markers, fire the
 * cameras, store the frames and let the print go on.
 *
 * main wires the pieces: the configuration (daemon.h), the agent loop,
 * the background render and the web page; it owns the only
 * process-wide state (the configuration and two signal flags, stop and
 * reload) and is the only place that prints errors and chooses the exit
 * status (see capture-agent(8)), but for `capture-agent render`, which
 * render_cmd.c runs.
 *
 * Secrets: the process holds the printer's password and the cameras'
 * credentials, so it makes no core dump (nor do its workers, which inherit
 * that), and every secret of the configuration is registered with the log
 * (log.h) as the file is read (daemon.h): every message of the agent goes
 * through log.c, which hides them.
 *
 * Reloads: SIGHUPs are gathered (RELOAD_SETTLE_MS after the last one, at
 * most RELOAD_MAX_MS after the first), so a storm is one reload, and the
 * printer is kept, session and all, when its settings did not change; a
 * printer that did is closed, which ends its session on the board.
 */
#include <sys/resource.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <poll.h>
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
#include "daemon.h"
#include "errbuf.h"
#include "log.h"
#include "camera/camera_set.h"
#include "frames/captures.h"
#include "printer/printer.h"
#include "frames/sequence.h"
#include "render/render_child.h"
#include "render/render_cmd.h"
#include "web/action.h"
#include "web/server.h"
#include "web/status.h"
#include "web/view.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#define DEFAULT_CONFIG SYSCONFDIR "/capture-agent.conf"
#define MAX_CAMERAS 32
#define CAMERA_PROBE_MS 5000	/* at start-up, for each camera to open */
#define DISK_EVERY_MS 5000	/* how often the free space is looked at */
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

/* What outlives a configuration reload. */
struct app {
	struct daemon d;
	struct agent *agent;
	pid_t render_pid;		/* background render, 0 none */
	int render_fd;
	int render_progress_fd;		/* its progress, -1 none */
	char render_dir[4096];
	struct camera_result res[MAX_CAMERAS];
	/* the web page: the status published for it, its requests */
	struct status_board *board;
	struct action_box *box;
	struct web_server *web;
	struct status view;
	long long disk_at;
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
	view_cameras(&app->view, res, n, true);
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

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* Render dir in the background; -1 with err (one is running...). */
static int
start_render(struct app *app, const char *dir, char *err, size_t errlen)
{
	if (app->render_pid > 0) {
		snprintf(err, errlen, "the render of %.64s is still running",
		    base_name(app->render_dir));
		return -1;
	}
	app->render_pid = render_child_start_watched(&app->d.cfg.render, dir,
	    NULL, &app->render_fd, &app->render_progress_fd, err, errlen);
	if (app->render_pid == -1) {
		app->render_pid = 0;
		return -1;
	}
	snprintf(app->render_dir, sizeof app->render_dir, "%s", dir);
	log_info("rendering %s in the background (pid %ld)", dir,
	    (long)app->render_pid);
	view_render_started(&app->view, dir);
	return 0;
}

/* gLapseFinish: render the sequence in the background if asked to. */
static void
io_finished(void *arg, const char *dir)
{
	struct app *app = arg;
	char err[512];

	if (!app->d.cfg.render.auto_render)
		return;
	if (start_render(app, dir, err, sizeof err) == -1)
		log_warnx("not rendering %s: %s; run capture-agent render %s "
		    "later", dir, err, dir);
}

/* Follow the background render; reap it when it ended and say how it
 * went. */
static void
reap_render(struct app *app)
{
	struct render_progress p;
	char msg[1024];
	int status;
	bool ok;

	if (app->render_pid <= 0)
		return;
	if (render_child_progress(app->render_progress_fd, &p))
		view_render_progress(&app->view, p.frame, p.frames);
	if (waitpid(app->render_pid, &status, WNOHANG) != app->render_pid)
		return;
	ok = render_child_reaped(status, app->render_fd, msg, sizeof msg) == 0;
	if (ok)
		log_info("rendered %s: %s", app->render_dir, msg);
	else
		log_warnx("render %s failed: %s", app->render_dir, msg);
	app->render_pid = 0;
	if (app->render_progress_fd != -1)
		close(app->render_progress_fd);
	app->render_progress_fd = -1;
	view_render_ended(&app->view, ok, msg);
}

/* What the page shows, from the agent and the daemon, onto the board. */
static void
publish(struct app *app)
{
	struct agent_state st;
	long long now = clock_ms();

	if (app->board == NULL)
		return;
	agent_get_state(app->agent, &st);
	view_agent(&app->view, &st, &app->d.cfg);
	if ((app->disk_at == 0 || now - app->disk_at >= DISK_EVERY_MS) &&
	    view_disk(&app->view, app->d.cfg.directory))
		app->disk_at = now;
	status_publish(app->board, &app->view);
}

/* What the page asked for (render, delete), between two polls. */
static void
serve_action(struct app *app)
{
	struct action_request req;
	char dir[2048], err[512];

	if (app->box == NULL || !action_take(app->box, &req))
		return;
	if (!sequence_is_name(req.sequence)) {
		action_answer(app->box, ACTION_REFUSED, "no such sequence");
		return;
	}
	snprintf(dir, sizeof dir, "%s/%s", app->d.cfg.directory,
	    req.sequence);
	if (req.kind == ACTION_RENDER) {
		if (start_render(app, dir, err, sizeof err) == -1)
			action_answer(app->box, ACTION_REFUSED, err);
		else
			action_answer(app->box, ACTION_DONE, "rendering");
		return;
	}
	if (app->render_pid > 0 &&
	    strcmp(base_name(app->render_dir), req.sequence) == 0) {
		action_answer(app->box, ACTION_REFUSED, "the sequence is being "
		    "rendered");
		return;
	}
	/* the current sequence is refused there (EBUSY) */
	if (agent_set_aside(app->agent, req.sequence, err, sizeof err) ==
	    -1) {
		action_answer(app->box, errno == ENOENT || errno == EBUSY ?
		    ACTION_REFUSED : ACTION_FAILED, err);
		return;
	}
	publish(app);
	log_info("sequence %s deleted from the web page", req.sequence);
	action_answer(app->box, ACTION_DONE, "deleted");
}

/* The page as the configuration says: started, kept, restarted or
 * stopped.  A page that cannot listen is logged: the captures go on. */
static void
web_apply(struct app *app)
{
	char err[512];

	if (app->web != NULL && web_server_serves(app->web, &app->d.cfg))
		return;
	web_server_stop(app->web);
	app->web = NULL;
	if (app->d.cfg.web.listen[0] == '\0')
		return;
	if ((app->web = web_server_start(&app->d.cfg, app->board, app->box,
	    err, sizeof err)) == NULL) {
		log_warnx("web page: %s; the captures go on without it", err);
		return;
	}
	log_info("web page at %s%s%s", web_server_url(app->web),
	    app->d.cfg.web.password[0] ? " (password)" : "",
	    app->d.cfg.web.actions ? " (render and delete allowed)" : "");
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
	view_cameras(&app->view, app->res, n, false);
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
	char err[1024];

	if (daemon_reload(&app->d, path, err, sizeof err) == -1) {
		log_warnx("reload: %s; keeping the running configuration",
		    err);
		return;
	}
	agent_configure(agent, app->d.cfg.directory,
	    app->d.cfg.poll_interval_ms);
	log_info("configuration reloaded from %s", path);
	daemon_check_permissions(path);
	report_cameras(app, NULL, RELOAD_PROBE_MS);
	web_apply(app);
}

/* Sleep ms, or less when a signal comes or the page asks for something. */
static void
nap(const struct app *app, long ms)
{
	struct pollfd p;

	if (ms <= 0 || got_stop || got_hup)
		return;
	p.fd = app->box != NULL ? action_fd(app->box) : -1;
	p.events = POLLIN;
	(void)poll(&p, 1, ms > 60000 ? 60000 : (int)ms);
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
	long long wait_until, next_poll = 0, hup_first = 0, hup_last = 0, now;
	long wait;

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
	if (daemon_load(&app.d, path, err, sizeof err) == -1 ||
	    (app.d.printer = printer_open(&app.d.cfg, err, sizeof err)) ==
	    NULL || captures_check(app.d.cfg.directory, err,
	    sizeof err) == -1) {
		log_warnx("%s", err);
		daemon_unload(&app.d);
		curl_global_cleanup();
		return EXIT_CONFIG;
	}
	daemon_check_permissions(path);
	if (check) {
		printf("%s: configuration OK (%s, %zu camera%s)\n", path,
		    config_printer_type_name(app.d.cfg.type),
		    camera_set_count(app.d.cameras),
		    camera_set_count(app.d.cameras) == 1 ? "" : "s");
		report_cameras(&app, stdout, CAMERA_PROBE_MS);
		if (app.d.cfg.web.listen[0] == '\0')
			printf("web page: off\n");
		else
			printf("web page: http://%s/ (%s, %s)\n",
			    app.d.cfg.web.listen, app.d.cfg.web.password[0] ?
			    "password" : "no password",
			    app.d.cfg.web.actions ? "render and delete allowed" :
			    "no actions");
		daemon_unload(&app.d);
		curl_global_cleanup();
		return 0;
	}

	if ((app.d.lock = captures_lock(app.d.cfg.directory, err,
	    sizeof err)) == -1) {
		log_warnx("%s", err);
		daemon_unload(&app.d);
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
	    app.d.cfg.poll_interval_ms)) == NULL ||
	    (app.board = status_board_new()) == NULL)
		fatalx("out of memory");
	if ((app.box = action_box_new(err, sizeof err)) == NULL)
		fatalx("%s", err);
	app.agent = agent;
	app.render_progress_fd = -1;
	app.view.started = (long long)time(NULL) * 1000;
	app.view.disk.free_bytes = app.view.disk.total_bytes = -1;
	publish(&app);
	web_apply(&app);
	log_info("watching %s printer %s every %ld ms, %zu camera%s, frames "
	    "in %s", config_printer_type_name(app.d.cfg.type),
	    app.d.cfg.type == PRINTER_DUET_SERIAL ? app.d.cfg.device :
	    app.d.cfg.url, app.d.cfg.poll_interval_ms,
	    camera_set_count(app.d.cameras),
	    camera_set_count(app.d.cameras) == 1 ? "" : "s",
	    app.d.cfg.directory);
	report_cameras(&app, NULL, CAMERA_PROBE_MS);
	publish(&app);

	wait_until = clock_ms() + app.d.cfg.startup_wait_s * 1000;
	while (!got_stop && clock_ms() < wait_until)
		nap(&app, wait_until - clock_ms() > 1000 ? 1000 :
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
			next_poll = 0;		/* markers may be waiting */
			continue;
		}
		if (clock_ms() >= next_poll) {
			next_poll = clock_ms() + agent_step(agent);
			reap_render(&app);
			publish(&app);
		}
		serve_action(&app);
		wait = (long)(next_poll - clock_ms());
		if (hup_first != 0 && wait > RELOAD_SETTLE_MS)
			wait = RELOAD_SETTLE_MS;
		nap(&app, wait);
	}
	if (app.render_pid > 0)
		log_info("the render of %s goes on (pid %ld)", app.render_dir,
		    (long)app.render_pid);
	log_info("stopping");
	web_server_stop(app.web);
	action_box_free(app.box);
	status_board_free(app.board);
	agent_free(agent);
	daemon_unload(&app.d);
	curl_global_cleanup();
	log_close();
	return EXIT_STOPPED;
}
