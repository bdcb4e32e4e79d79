/*
 * view.c: see view.h.
 */
#include <sys/statvfs.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "web/view.h"

/* src into dst, cut to fit. */
static void
set_text(char *dst, size_t len, const char *src)
{
	size_t n = strnlen(src, len - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The URL of the printer without a user:password@, or its device. */
static void
printer_address(const struct config *cfg, char *out, size_t len)
{
	const char *url = cfg->url, *host, *at, *slash;

	if (cfg->type == PRINTER_DUET_SERIAL) {
		snprintf(out, len, "%s", cfg->device);
		return;
	}
	host = strstr(url, "://");
	host = host != NULL ? host + 3 : url;
	at = strchr(host, '@');
	slash = strchr(host, '/');
	if (at != NULL && (slash == NULL || at < slash))
		snprintf(out, len, "%.*s%s", (int)(host - url), url, at + 1);
	else
		snprintf(out, len, "%s", url);
}

void
view_agent(struct status *v, const struct agent_state *st,
    const struct config *cfg)
{
	char addr[sizeof cfg->url + sizeof cfg->device];

	snprintf(v->printer.state, sizeof v->printer.state, "%s",
	    st->link == AGENT_LINK_UP ? "connected" :
	    st->link == AGENT_LINK_DOWN ? "unreachable" : "starting");
	snprintf(v->printer.type, sizeof v->printer.type, "%s",
	    config_printer_type_name(cfg->type));
	printer_address(cfg, addr, sizeof addr);
	set_text(v->printer.address, sizeof v->printer.address, addr);
	v->printer.last_poll = st->last_poll;
	set_text(v->printer.error, sizeof v->printer.error, st->error);
	v->printer.error_at = st->error_at;
	set_text(v->sequence.name, sizeof v->sequence.name, st->sequence);
	v->sequence.recording = st->recording;
	v->sequence.frames = v->sequence.latest = st->latest;
	v->sequence.latest_at = st->latest_at;
	v->blocked.at = st->blocked_at;
	v->blocked.ms = st->blocked_ms;
	v->blocked.count = st->snapshots;
	if (v->render.state[0] == '\0')
		snprintf(v->render.state, sizeof v->render.state, "idle");
}

void
view_cameras(struct status *v, const struct camera_result *res, size_t n,
    bool shot)
{
	struct timespec now;
	size_t i;

	clock_gettime(CLOCK_REALTIME, &now);
	v->ncameras = n < STATUS_CAMERAS_MAX ? n : STATUS_CAMERAS_MAX;
	v->sequence.latest_camera[0] = '\0';
	for (i = 0; i < v->ncameras; i++) {
		struct status_camera *c = &v->cameras[i];
		const struct camera_result *r = &res[i];

		set_text(c->name, sizeof c->name, r->name);
		set_text(c->error, sizeof c->error, r->error);
		c->known = true;
		c->ok = r->ok;
		c->ms = shot ? r->ms : 0;
		c->at = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
		/* several cameras: the latest frame shown is the first one's */
		if (shot && n > 1 && r->ok &&
		    v->sequence.latest_camera[0] == '\0')
			set_text(v->sequence.latest_camera,
			    sizeof v->sequence.latest_camera, r->name);
	}
}

bool
view_disk(struct status *v, const char *directory)
{
	struct statvfs fs;

	if (statvfs(directory, &fs) == -1) {
		v->disk.free_bytes = v->disk.total_bytes = -1;
		return false;
	}
	v->disk.free_bytes = (long long)fs.f_bavail * (long long)fs.f_frsize;
	v->disk.total_bytes = (long long)fs.f_blocks * (long long)fs.f_frsize;
	return true;
}

void
view_render_started(struct status *v, const char *sequence_dir)
{
	const char *slash = strrchr(sequence_dir, '/');

	snprintf(v->render.state, sizeof v->render.state, "rendering");
	set_text(v->render.sequence, sizeof v->render.sequence,
	    slash != NULL ? slash + 1 : sequence_dir);
	v->render.frame = v->render.frames = 0;
	v->render.message[0] = '\0';
}

void
view_render_progress(struct status *v, long frame, long frames)
{
	v->render.frame = frame;
	v->render.frames = frames;
}

void
view_render_ended(struct status *v, bool ok, const char *message)
{
	snprintf(v->render.state, sizeof v->render.state, "%s",
	    ok ? "done" : "failed");
	set_text(v->render.message, sizeof v->render.message, message);
}
