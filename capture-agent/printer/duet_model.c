/*
 * duet_model.c: see duet_model.h.  Each parser loads the text with
 * json_loadb (so a NUL inside a reply is an error, not an early end),
 * walks it with type checks at every step, and decrefs before returning.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "errbuf.h"
#include "printer/duet_model.h"

static json_t *
load(const char *json, size_t len, char *err, size_t errlen)
{
	json_error_t je;
	json_t *root;

	/* a "\u0000" in a message is the message's business, not a reason
	 * to fail the poll: parse_box calls such a box not ours */
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
	    &je);
	if (root == NULL) {
		errbuf_set(err, errlen, "bad JSON at %d: %s", je.position,
		    je.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		errbuf_set(err, errlen, "reply is not a JSON object");
		json_decref(root);
		return NULL;
	}
	return root;
}

/* A non-negative integer (or an integral real, as some firmware sends). */
static int
get_count(json_t *v, long long max, long long *out)
{
	double d;

	if (json_is_integer(v)) {
		if (json_integer_value(v) < 0 || json_integer_value(v) > max)
			return -1;
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_real(v)) {
		d = json_real_value(v);
		if (!(d >= 0 && d <= (double)max))
			return -1;
		*out = (long long)d;
		return 0;
	}
	return -1;
}

/* The n bytes of a message into out, cut to fit; a NUL inside it is
 * written "\x00", so the message is never shorter than it was. */
static void
copy_message(char *out, size_t outlen, const char *msg, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 1 < outlen; i++) {
		if (msg[i] != '\0') {
			out[o++] = msg[i];
			continue;
		}
		if (o + 5 > outlen)
			break;
		memcpy(out + o, "\\x00", 4);
		o += 4;
	}
	out[o] = '\0';
}

/* Box fields named seqkey/msgkey (they differ between the APIs). */
static int
parse_box(json_t *o, const char *msgkey, struct duet_box *b, char *err,
    size_t errlen)
{
	json_t *seq, *mode, *msg;
	long long v;
	size_t n;

	memset(b, 0, sizeof *b);
	if (json_is_null(o))
		return 0;
	if (!json_is_object(o)) {
		errbuf_set(err, errlen, "message box is not an object");
		return -1;
	}
	seq = json_object_get(o, "seq");
	if (get_count(seq, 0xffffffffLL, &v) == -1) {
		errbuf_set(err, errlen, "message box without a valid seq");
		return -1;
	}
	b->seq = (unsigned long)v;
	mode = json_object_get(o, "mode");
	if (mode == NULL || get_count(mode, 7, &v) == -1) {
		errbuf_set(err, errlen, "message box without a valid mode");
		return -1;
	}
	b->mode = (int)v;
	msg = json_object_get(o, msgkey);
	if (!json_is_string(msg)) {
		errbuf_set(err, errlen, "message box without a %s string",
		    msgkey);
		return -1;
	}
	n = json_string_length(msg);
	b->exact = n < sizeof b->message &&
	    memchr(json_string_value(msg), '\0', n) == NULL;
	copy_message(b->message, sizeof b->message, json_string_value(msg), n);
	b->present = true;
	return 0;
}

/*
 * The result of a model reply {"key":K,"flags":F,"result":R} for key:
 * 0 with *result, 1 when the reply is for another key, -1 with err.
 */
static int
model_result(json_t *root, const char *key, json_t **result, char *err,
    size_t errlen)
{
	json_t *k = json_object_get(root, "key");

	if (!json_is_string(k))
		return errbuf_set(err, errlen, "model reply without a key");
	if (strcmp(json_string_value(k), key) != 0)
		return 1;
	if ((*result = json_object_get(root, "result")) == NULL)
		return errbuf_set(err, errlen, "model reply without a result");
	return 0;
}

int
duet_parse_model_reply(const char *json, size_t len, const char *key,
    struct duet_status *st, char *err, size_t errlen)
{
	json_t *root, *result;
	long long v;
	int rc;

	if ((root = load(json, len, err, errlen)) == NULL)
		return -1;
	if ((rc = model_result(root, key, &result, err, errlen)) != 0)
		goto out;
	rc = -1;
	if (strcmp(key, "state.upTime") == 0) {
		if (get_count(result, 1LL << 40, &v) == -1) {
			errbuf_set(err, errlen, "upTime is not a count");
			goto out;
		}
		st->uptime = v;
		rc = 0;
	} else if (strcmp(key, "state.messageBox") == 0)
		rc = parse_box(result, "message", &st->box, err, errlen);
	else
		errbuf_set(err, errlen, "unexpected model key %s", key);
out:
	json_decref(root);
	return rc;
}

/* Whether boards[0].firmwareVersion is 3.5 or later. */
static bool
firmware_acks_by_seq(json_t *root)
{
	json_t *boards, *v;
	const char *s;
	long major = 0, minor = 0;

	boards = json_object_get(root, "boards");
	v = json_is_array(boards) ? json_object_get(json_array_get(boards, 0),
	    "firmwareVersion") : NULL;
	if (!json_is_string(v))
		return false;
	s = json_string_value(v);
	while (*s >= '0' && *s <= '9' && major < 1000)
		major = major * 10 + (*s++ - '0');
	if (*s++ != '.')
		return false;
	while (*s >= '0' && *s <= '9' && minor < 1000)
		minor = minor * 10 + (*s++ - '0');
	return major > 3 || (major == 3 && minor >= 5);
}

/*
 * The job object o into *job: the file (none when not printing), how far
 * it is read, how long it has been printed.  0, or -1 with err.
 */
static int
job_from(json_t *o, struct duet_job *job, char *err, size_t errlen)
{
	json_t *file, *name, *v;
	long long n64;
	size_t n;

	memset(job, 0, sizeof *job);
	job->position = -1;
	job->duration = -1;
	if (!json_is_object(o))
		return errbuf_set(err, errlen, "job is not an object");
	file = json_object_get(o, "file");
	name = json_is_object(file) ? json_object_get(file, "fileName") : NULL;
	if (name != NULL && !json_is_null(name)) {
		if (!json_is_string(name) || (n = json_string_length(name)) ==
		    0 || n >= sizeof job->file ||
		    memchr(json_string_value(name), '\0', n) != NULL)
			return errbuf_set(err, errlen, "job.file.fileName is "
			    "not a usable file name");
		memcpy(job->file, json_string_value(name), n + 1);
		job->printing = true;
	}
	v = json_object_get(o, "filePosition");
	if (v != NULL && !json_is_null(v)) {
		if (get_count(v, 1LL << 48, &n64) == -1)
			return errbuf_set(err, errlen, "job.filePosition is "
			    "not a count");
		job->position = n64;
	}
	v = json_object_get(o, "duration");
	if (v != NULL && !json_is_null(v) && get_count(v, 1LL << 40, &n64) == 0)
		job->duration = n64;
	return 0;
}

int
duet_parse_job(const char *json, size_t len, struct duet_job *job,
    char *err, size_t errlen)
{
	json_t *root, *result;
	int rc;

	memset(job, 0, sizeof *job);
	job->position = -1;
	job->duration = -1;
	if ((root = load(json, len, err, errlen)) == NULL)
		return -1;
	if ((rc = model_result(root, "job", &result, err, errlen)) == 0)
		rc = job_from(result, job, err, errlen);
	json_decref(root);
	return rc;
}

int
duet_parse_status1(const char *json, size_t len, struct duet_status *st,
    char *err, size_t errlen)
{
	json_t *root, *out, *box, *t;
	long long v;
	int rc = -1;

	if ((root = load(json, len, err, errlen)) == NULL)
		return -1;
	if (!json_is_string(json_object_get(root, "status"))) {
		errbuf_set(err, errlen, "status reply without a status");
		goto out;
	}
	t = json_object_get(root, "time");
	st->uptime = t != NULL && get_count(t, 1LL << 40, &v) == 0 ? v : -1;
	out = json_object_get(root, "output");
	box = out != NULL && json_is_object(out) ?
	    json_object_get(out, "msgBox") : NULL;
	rc = parse_box(box != NULL ? box : json_null(), "msg", &st->box, err,
	    errlen);
out:
	json_decref(root);
	return rc;
}

int
duet_parse_dsf_model(const char *json, size_t len, struct duet_status *st,
    struct duet_job *job, char *err, size_t errlen)
{
	json_t *root, *state, *t;
	char ignore[128];
	long long v;
	int rc = -1;

	if ((root = load(json, len, err, errlen)) == NULL)
		return -1;
	state = json_object_get(root, "state");
	if (!json_is_object(state)) {
		errbuf_set(err, errlen, "model without a state object");
		goto out;
	}
	t = json_object_get(state, "upTime");
	st->uptime = t != NULL && get_count(t, 1LL << 40, &v) == 0 ? v : -1;
	t = json_object_get(state, "messageBox");
	rc = parse_box(t != NULL ? t : json_null(), "message", &st->box, err,
	    errlen);
	st->ack_by_seq = firmware_acks_by_seq(root);
	/* the box is what a poll is for: a job it cannot read is unknown */
	if (job != NULL && job_from(json_object_get(root, "job"), job, ignore,
	    sizeof ignore) == -1)
		job->printing = false;
out:
	json_decref(root);
	return rc;
}

int
duet_parse_connect(const char *json, size_t len, struct duet_session *s,
    char *err, size_t errlen)
{
	json_t *root, *v;
	long long n;
	int rc = -1;

	memset(s, 0, sizeof *s);
	if ((root = load(json, len, err, errlen)) == NULL)
		return -1;
	if (get_count(json_object_get(root, "err"), 1000, &n) == -1) {
		errbuf_set(err, errlen, "rr_connect reply without err");
		goto out;
	}
	if (n == 1) {
		errbuf_set(err, errlen, "wrong password");
		goto out;
	}
	if (n == 2) {
		errbuf_set(err, errlen, "no free session on the printer");
		goto out;
	}
	if (n != 0) {
		errbuf_set(err, errlen, "rr_connect failed with err %lld", n);
		goto out;
	}
	if ((v = json_object_get(root, "sessionKey")) != NULL) {
		if (get_count(v, 0xffffffffLL, &n) == -1) {
			errbuf_set(err, errlen, "bad sessionKey");
			goto out;
		}
		s->have_key = true;
		s->key = (unsigned long)n;
	}
	if ((v = json_object_get(root, "sessionTimeout")) != NULL &&
	    get_count(v, 86400000, &n) == 0)
		s->timeout_ms = (long)n;
	if ((v = json_object_get(root, "apiLevel")) != NULL &&
	    get_count(v, 1000, &n) == 0)
		s->api_level = (int)n;
	rc = 0;
out:
	json_decref(root);
	return rc;
}

int
duet_parse_dsf_connect(const char *json, size_t len, char *key, size_t keylen,
    char *err, size_t errlen)
{
	json_t *root, *v;
	size_t n;
	int rc = -1;

	if ((root = load(json, len, err, errlen)) == NULL)
		return -1;
	v = json_object_get(root, "sessionKey");
	if (!json_is_string(v) || (n = json_string_length(v)) == 0 ||
	    n >= keylen || strspn(json_string_value(v), "0123456789"
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_") != n) {
		errbuf_set(err, errlen, "connect reply without a usable "
		    "sessionKey");
		goto out;
	}
	memcpy(key, json_string_value(v), n + 1);
	rc = 0;
out:
	json_decref(root);
	return rc;
}

bool
duet_is_wrapped_reply(const char *json, size_t len)
{
	json_t *root;
	bool yes;

	if ((root = json_loadb(json, len, 0, NULL)) == NULL)
		return false;
	yes = json_is_object(root) && json_object_get(root, "resp") != NULL &&
	    json_object_get(root, "seq") != NULL &&
	    json_object_get(root, "key") == NULL;
	json_decref(root);
	return yes;
}
