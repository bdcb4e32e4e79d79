/*
 * api.c: see api.h.  Times go out as milliseconds since the epoch (0 for
 * never), sizes in bytes; the frames of a camera as runs [first, last] of
 * consecutive numbers, short however long the sequence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "web/api.h"

static char *
dump(json_t *j)
{
	char *s;

	if (j == NULL)
		return NULL;
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return s;
}

/* A string from a camera, the printer or a render, as valid UTF-8: a
 * byte that is not becomes '?', so one bad message never blanks the
 * status. */
static json_t *
text(const char *s)
{
	char buf[STATUS_TEXT];
	json_t *j;
	size_t i;

	if ((j = json_string(s)) != NULL)
		return j;
	snprintf(buf, sizeof buf, "%s", s);
	for (i = 0; buf[i] != '\0'; i++)
		if ((unsigned char)buf[i] >= 0x80 || (unsigned char)buf[i] < 0x20)
			buf[i] = '?';
	return json_string(buf);
}

/* A camera folder's part of a URL: "" or "?camera=NAME". */
static json_t *
url(const char *seq, const char *what, const char *camera)
{
	char buf[256];

	snprintf(buf, sizeof buf, "/api/sequences/%s/%s%s%s", seq, what,
	    camera[0] != '\0' ? "?camera=" : "", camera);
	return json_string(buf);
}

char *
api_status(const struct status *s, bool actions)
{
	json_t *cams = json_array(), *j;
	size_t i;

	for (i = 0; i < s->ncameras && i < STATUS_CAMERAS_MAX; i++) {
		const struct status_camera *c = &s->cameras[i];

		json_array_append_new(cams, json_pack("{s:o, s:s, s:o, s:I, "
		    "s:I}", "name", text(c->name), "state", !c->known ?
		    "unknown" : c->ok ? "ok" : "failed", "error",
		    text(c->error), "ms",
		    (json_int_t)c->ms, "at", (json_int_t)c->at));
	}
	j = json_pack("{s:{s:s, s:s, s:o, s:I, s:o, s:I}, "
	    "s:{s:s, s:b, s:I, s:I, s:s, s:I}, s:o, s:{s:I, s:I, s:I}, "
	    "s:{s:I, s:I}, s:{s:s, s:s, s:I, s:I, s:o}, s:b, s:I, s:s}",
	    "printer",
	    "state", s->printer.state, "type", s->printer.type,
	    "address", text(s->printer.address),
	    "last_poll", (json_int_t)s->printer.last_poll,
	    "error", text(s->printer.error),
	    "error_at", (json_int_t)s->printer.error_at,
	    "sequence",
	    "name", s->sequence.name,
	    "recording", s->sequence.recording,
	    "frames", (json_int_t)s->sequence.frames,
	    "latest", (json_int_t)s->sequence.latest,
	    "latest_camera", s->sequence.latest_camera,
	    "latest_at", (json_int_t)s->sequence.latest_at,
	    "cameras", cams,
	    "blocked",
	    "at", (json_int_t)s->blocked.at, "ms", (json_int_t)s->blocked.ms,
	    "count", (json_int_t)s->blocked.count,
	    "disk",
	    "free", (json_int_t)s->disk.free_bytes,
	    "total", (json_int_t)s->disk.total_bytes,
	    "render",
	    "state", s->render.state, "sequence", s->render.sequence,
	    "frame", (json_int_t)s->render.frame,
	    "frames", (json_int_t)s->render.frames,
	    "message", text(s->render.message),
	    "actions", actions,
	    "started", (json_int_t)s->started,
	    "version", VERSION);
	return dump(j);
}

static json_t *
camera_json(const struct library_sequence *s, const struct library_camera *c)
{
	json_t *j;

	j = json_pack("{s:s, s:I, s:I, s:I, s:o, s:o}", "name", c->name,
	    "frames", (json_int_t)c->frames, "first", (json_int_t)c->first,
	    "last", (json_int_t)c->last,
	    "contact_sheet", url(s->name, "contact.jpeg", c->name),
	    "video", c->video_bytes < 0 ? json_null() :
	    json_pack("{s:o, s:I, s:s}", "url", url(s->name, "video",
	    c->name), "bytes", (json_int_t)c->video_bytes, "type",
	    c->video_type));
	return j;
}

static json_t *
sequence_json(const struct library_sequence *s)
{
	json_t *cams = json_array();
	size_t i;

	for (i = 0; i < s->ncameras; i++)
		json_array_append_new(cams, camera_json(s, &s->cameras[i]));
	return json_pack("{s:s, s:I, s:I, s:I, s:I, s:b, s:o, s:o, s:o}",
	    "name", s->name, "started", (json_int_t)s->started,
	    "modified", (json_int_t)s->modified,
	    "frames", (json_int_t)s->frames, "bytes", (json_int_t)s->bytes,
	    "finished", s->finished, "cameras", cams,
	    "thumbnail", url(s->name, "thumb.jpeg", ""),
	    "download", url(s->name, "frames.tar", ""));
}

char *
api_sequences(const struct library_sequence *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, sequence_json(&v[i]));
	return dump(json_pack("{s:o}", "sequences", a));
}

/* Consecutive numbers as [first, last] pairs. */
static json_t *
runs(const struct library_frame *f, size_t n)
{
	json_t *a = json_array();
	size_t i, start = 0;

	for (i = 1; i <= n; i++)
		if (i == n || f[i].number != f[i - 1].number + 1) {
			json_array_append_new(a, json_pack("[I, I]",
			    (json_int_t)f[start].number,
			    (json_int_t)f[i - 1].number));
			start = i;
		}
	return a;
}

char *
api_sequence(const struct library_sequence *s,
    struct library_frame *const *frames, const size_t *nframes)
{
	json_t *j = sequence_json(s), *cams;
	size_t i;

	if (j == NULL)
		return NULL;
	cams = json_object_get(j, "cameras");
	for (i = 0; i < s->ncameras; i++)
		json_object_set_new(json_array_get(cams, i), "runs",
		    runs(frames[i], nframes[i]));
	return dump(j);
}

char *
api_error(const char *msg)
{
	return dump(json_pack("{s:s}", "error", msg));
}

char *
api_ok(const char *msg)
{
	return dump(json_pack("{s:b, s:o}", "ok", 1, "message", text(msg)));
}
