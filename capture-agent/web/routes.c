/*
 * routes.c: see routes.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "web/api.h"
#include "web/archive.h"
#include "web/events.h"
#include "web/page.h"
#include "web/routes.h"

#define TAR_BLOCK_READ	(64 * 1024)
#define ACTION_WAIT_MS	5000	/* for the loop to take an action */

void
routes_headers(struct MHD_Response *r, const char *type)
{
	if (type != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "Content-Security-Policy",
	    "default-src 'self'; img-src 'self' data:; object-src 'none'; "
	    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
}

/* Queue r (destroyed here) with status; cache: a Cache-Control value. */
static enum MHD_Result
queue(struct MHD_Connection *c, unsigned status, struct MHD_Response *r,
    const char *type, const char *cache)
{
	enum MHD_Result ret;

	if (r == NULL)
		return MHD_NO;
	routes_headers(r, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, cache);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* A string of ours (malloc'd, NULL: out of memory) as the answer. */
static enum MHD_Result
queue_text(struct MHD_Connection *c, unsigned status, char *s,
    const char *type)
{
	struct MHD_Response *r;

	if (s == NULL)
		return routes_error(c, 500, "out of memory");
	r = MHD_create_response_from_buffer(strlen(s), s, MHD_RESPMEM_MUST_FREE);
	if (r == NULL)
		free(s);
	return queue(c, status, r, type, "no-store");
}

enum MHD_Result
routes_error(struct MHD_Connection *c, unsigned status, const char *msg)
{
	return queue_text(c, status, api_error(msg), "application/json");
}

static enum MHD_Result
queue_json(struct MHD_Connection *c, char *json)
{
	return queue_text(c, 200, json, "application/json");
}

/* An errno from the library as an answer. */
static enum MHD_Result
failed(struct MHD_Connection *c, int e, const char *msg)
{
	if (e == ENOENT)
		return routes_error(c, 404, msg[0] ? msg : "not found");
	return routes_error(c, 500, msg[0] ? msg : strerror(e));
}

/* The query's camera: NULL for none, "" when it is not a camera name. */
static const char *
camera_of(struct MHD_Connection *c)
{
	const char *cam = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
	    "camera");

	if (cam == NULL || *cam == '\0')
		return NULL;
	return request_camera_name(cam) ? cam : "";
}

/* src with each key replaced by its value: pass 1 counts, pass 2
 * writes.  A string to free, or NULL. */
static char *
substitute(const char *src, size_t len, const char *const *keys,
    const char *const *vals, size_t nkeys)
{
	char *out = NULL;
	size_t i, k, n, pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = n = 0; i < len;) {
			for (k = 0; k < nkeys; k++)
				if (len - i >= strlen(keys[k]) &&
				    memcmp(src + i, keys[k], strlen(keys[k])) == 0)
					break;
			if (k < nkeys) {
				if (out != NULL)
					memcpy(out + n, vals[k], strlen(vals[k]));
				n += strlen(vals[k]);
				i += strlen(keys[k]);
			} else {
				if (out != NULL)
					out[n] = src[i];
				n++;
				i++;
			}
		}
		if (out == NULL && (out = malloc(n + 1)) == NULL)
			return NULL;
		out[n] = '\0';
	}
	return out;
}

/* The page, with this process's token and the actions setting. */
static enum MHD_Result
serve_index(const struct site *s, struct MHD_Connection *c)
{
	static const char *const keys[] = { "{{TOKEN}}", "{{ACTIONS}}" };
	const struct page_file *f = page_find("index.html");
	const char *vals[2];

	if (f == NULL)
		return routes_error(c, 500, "the page is missing");
	vals[0] = s->token;
	vals[1] = s->actions ? "yes" : "no";
	return queue_text(c, 200, substitute((const char *)f->data, f->len,
	    keys, vals, 2), page_type(f->name));
}

static enum MHD_Result
serve_page_file(struct MHD_Connection *c, const char *name)
{
	const struct page_file *f = page_find(name);

	if (f == NULL)
		return routes_error(c, 404, "not found");
	return queue(c, 200, MHD_create_response_from_buffer(f->len,
	    (void *)(uintptr_t)f->data, MHD_RESPMEM_PERSISTENT),
	    page_type(name), "no-cache");
}

static enum MHD_Result
serve_status(const struct site *s, struct MHD_Connection *c)
{
	struct status now;

	(void)status_read(s->board, &now);
	return queue_json(c, api_status(&now, s->actions));
}

static enum MHD_Result
serve_sequences(const struct site *s, struct MHD_Connection *c)
{
	struct library_sequence *v;
	char err[512] = "";
	size_t n;
	char *json;

	if (library_list(s->lib, &v, &n, err, sizeof err) == -1)
		return routes_error(c, 500, err);
	json = api_sequences(v, n);
	free(v);
	return queue_json(c, json);
}

static enum MHD_Result
serve_sequence(const struct site *s, struct MHD_Connection *c,
    const char *name)
{
	struct library_frame *frames[LIBRARY_CAMERAS_MAX] = { NULL };
	size_t nframes[LIBRARY_CAMERAS_MAX] = { 0 };
	struct library_sequence seq;
	char err[512] = "", *json = NULL;
	size_t i;
	int e = 0;

	if (library_get(s->lib, name, &seq, err, sizeof err) == -1)
		return failed(c, errno, err);
	for (i = 0; i < seq.ncameras && e == 0; i++)
		if (library_frames(s->lib, name, seq.cameras[i].name,
		    &frames[i], &nframes[i], err, sizeof err) == -1)
			e = errno;
	if (e == 0)
		json = api_sequence(&seq, frames, nframes);
	for (i = 0; i < seq.ncameras; i++)
		free(frames[i]);
	if (e != 0)
		return failed(c, e, err);
	return queue_json(c, json);
}

/* An open file (given to MHD, which closes it) as the whole answer, or
 * the part a Range header asks for. */
static enum MHD_Result
serve_fd(struct MHD_Connection *c, int fd, off_t size, const char *type,
    const char *cache, const char *download)
{
	struct MHD_Response *r;
	char range[96], disp[128];
	off_t start = 0, len = size;
	unsigned status = 200;
	int part;

	part = request_range(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_RANGE), size, &start, &len);
	if (part == -1) {
		close(fd);
		if ((r = MHD_create_response_from_buffer(0, NULL,
		    MHD_RESPMEM_PERSISTENT)) == NULL)
			return MHD_NO;
		snprintf(range, sizeof range, "bytes */%lld", (long long)size);
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_RANGE, range);
		return queue(c, 416, r, NULL, "no-store");
	}
	if ((r = MHD_create_response_from_fd_at_offset64((uint64_t)len, fd,
	    (uint64_t)start)) == NULL) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_ACCEPT_RANGES, "bytes");
	if (part == 1) {
		status = 206;
		snprintf(range, sizeof range, "bytes %lld-%lld/%lld",
		    (long long)start, (long long)(start + len - 1),
		    (long long)size);
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_RANGE, range);
	}
	if (download != NULL) {
		snprintf(disp, sizeof disp, "attachment; filename=\"%s\"",
		    download);
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION,
		    disp);
	}
	return queue(c, status, r, type, cache);
}

static enum MHD_Result
serve_frame(const struct site *s, struct MHD_Connection *c,
    const struct request *q)
{
	const char *cam = camera_of(c);
	off_t size;
	int fd;

	if (cam != NULL && *cam == '\0')
		return routes_error(c, 404, "no such camera");
	if (library_open_frame(s->lib, q->name, cam, q->frame, &fd, &size) ==
	    -1)
		return failed(c, errno, "");
	/* a frame never changes once stored */
	return serve_fd(c, fd, size, "image/jpeg", "private, max-age=86400",
	    NULL);
}

static enum MHD_Result
serve_sheet(const struct site *s, struct MHD_Connection *c,
    const struct request *q)
{
	const char *cam = camera_of(c);
	char err[512] = "";
	off_t size;
	int fd, rc;

	if (cam != NULL && *cam == '\0')
		return routes_error(c, 404, "no such camera");
	if (q->route == ROUTE_THUMB)
		rc = sheets_open_thumb(s->sheets, q->name, &fd, &size, err,
		    sizeof err);
	else
		rc = sheets_open_contact(s->sheets, q->name, cam, &fd, &size,
		    err, sizeof err);
	if (rc == -1)
		return failed(c, errno, err);
	return serve_fd(c, fd, size, "image/jpeg", "no-cache", NULL);
}

static enum MHD_Result
serve_video(const struct site *s, struct MHD_Connection *c,
    const struct request *q)
{
	const char *cam = camera_of(c), *type, *ext;
	char file[2 * REQUEST_NAME_MAX + 16];
	off_t size;
	int fd;

	if (cam != NULL && *cam == '\0')
		return routes_error(c, 404, "no such camera");
	if (library_open_video(s->lib, q->name, cam, &fd, &size, &type) == -1)
		return failed(c, errno, "not rendered");
	ext = strchr(type, '/') != NULL ? strchr(type, '/') + 1 : "video";
	if (strcmp(ext, "x-matroska") == 0)
		ext = "mkv";
	else if (strcmp(ext, "quicktime") == 0)
		ext = "mov";
	snprintf(file, sizeof file, "%s%s%s.%s", q->name, cam ? "-" : "",
	    cam ? cam : "", ext);
	return serve_fd(c, fd, size, type, "no-cache",
	    MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
	    "download") != NULL ? file : NULL);
}

static ssize_t
tar_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	ssize_t n = archive_read(cls, pos, buf, max);

	if (n == 0)
		return MHD_CONTENT_READER_END_OF_STREAM;
	return n < 0 ? MHD_CONTENT_READER_END_WITH_ERROR : n;
}

static void
tar_done(void *cls)
{
	archive_close(cls);
}

static enum MHD_Result
serve_tar(const struct site *s, struct MHD_Connection *c, const char *name)
{
	struct MHD_Response *r;
	struct archive *a;
	char err[512] = "", disp[128];

	if ((a = archive_open(s->lib, name, err, sizeof err)) == NULL)
		return failed(c, errno, err);
	if ((r = MHD_create_response_from_callback(archive_size(a),
	    TAR_BLOCK_READ, tar_reader, a, tar_done)) == NULL) {
		archive_close(a);
		return MHD_NO;
	}
	snprintf(disp, sizeof disp, "attachment; filename=\"%s.tar\"", name);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, disp);
	return queue(c, 200, r, "application/x-tar", "no-store");
}

static enum MHD_Result
serve_action(const struct site *s, struct MHD_Connection *c,
    const struct request *q)
{
	char (*videos)[LIBRARY_PATH_MAX] = NULL;
	struct action_request req;
	char msg[STATUS_TEXT], err[512] = "";
	enum action_result r;
	unsigned status;
	size_t i, nvideos = 0;

	memset(&req, 0, sizeof req);
	req.kind = q->route == ROUTE_RENDER ? ACTION_RENDER : ACTION_DELETE;
	snprintf(req.sequence, sizeof req.sequence, "%s", q->name);
	/* where its videos are, found while the sequence is still there */
	if (req.kind == ACTION_DELETE) {
		if ((videos = calloc(LIBRARY_CAMERAS_MAX, sizeof *videos)) ==
		    NULL)
			return routes_error(c, 500, "out of memory");
		nvideos = library_videos(s->lib, q->name, videos,
		    LIBRARY_CAMERAS_MAX);
	}
	r = action_ask(s->box, &req, ACTION_WAIT_MS, msg, sizeof msg);
	if (r == ACTION_DONE && req.kind == ACTION_DELETE) {
		sheets_forget(s->sheets, q->name);
		for (i = 0; i < nvideos; i++)
			(void)unlink(videos[i]);
		if (library_remove(s->lib, q->name, err, sizeof err) == -1) {
			free(videos);
			return routes_error(c, 500, err);
		}
	}
	free(videos);
	switch (r) {
	case ACTION_DONE:
		status = req.kind == ACTION_RENDER ? 202 : 200;
		break;
	case ACTION_REFUSED:
		status = 409;
		break;
	case ACTION_BUSY:
		status = 503;
		break;
	default:
		status = 500;
		break;
	}
	if (status >= 400)
		return routes_error(c, status, msg);
	return queue_text(c, status, api_ok(msg), "application/json");
}

enum MHD_Result
routes_serve(const struct site *s, struct MHD_Connection *c,
    const struct request *q)
{
	switch (q->route) {
	case ROUTE_INDEX:
		return serve_index(s, c);
	case ROUTE_PAGE_FILE:
		return serve_page_file(c, q->name);
	case ROUTE_STATUS:
		return serve_status(s, c);
	case ROUTE_EVENTS:
		return queue(c, 200, events_response(s->board, s->actions),
		    "text/event-stream", "no-store");
	case ROUTE_SEQUENCES:
		return serve_sequences(s, c);
	case ROUTE_SEQUENCE:
		return serve_sequence(s, c, q->name);
	case ROUTE_FRAME:
		return serve_frame(s, c, q);
	case ROUTE_THUMB:
	case ROUTE_SHEET:
		return serve_sheet(s, c, q);
	case ROUTE_VIDEO:
		return serve_video(s, c, q);
	case ROUTE_TAR:
		return serve_tar(s, c, q->name);
	case ROUTE_RENDER:
	case ROUTE_DELETE:
		return serve_action(s, c, q);
	case ROUTE_NONE:
		break;
	}
	return routes_error(c, 404, "not found");
}
