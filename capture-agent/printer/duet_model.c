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

	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
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
	if (n >= sizeof b->message)
		n = sizeof b->message - 1;
	memcpy(b->message, json_string_value(msg), n);
	b->message[n] = '\0';
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

int
duet_parse_job(const char *json, size_t len, struct duet_job *job,
    char *err, size_t errlen)
{
	json_t *root, *result, *file, *name, *pos;
	long long v;
	size_t n;
	int rc = -1;

	memset(job, 0, sizeof *job);
	job->position = -1;
	if ((root = load(json, len, err, errlen)) == NULL)
		return -1;
	if ((rc = model_result(root, "job", &result, err, errlen)) != 0) {
		if (rc == 1)
			errbuf_set(err, errlen, "not a reply for the key job");
		rc = -1;
		goto out;
	}
	rc = -1;
	if (!json_is_object(result)) {
		errbuf_set(err, errlen, "job is not an object");
		goto out;
	}
	file = json_object_get(result, "file");
	name = json_is_object(file) ? json_object_get(file, "fileName") : NULL;
	if (name != NULL && !json_is_null(name)) {
		if (!json_is_string(name) || (n = json_string_length(name)) ==
		    0 || n >= sizeof job->file ||
		    memchr(json_string_value(name), '\0', n) != NULL) {
			errbuf_set(err, errlen, "job.file.fileName is not a "
			    "usable file name");
			goto out;
		}
		memcpy(job->file, json_string_value(name), n + 1);
		job->printing = true;
	}
	pos = json_object_get(result, "filePosition");
	if (pos != NULL && !json_is_null(pos)) {
		if (get_count(pos, 1LL << 48, &v) == -1) {
			errbuf_set(err, errlen, "job.filePosition is not a "
			    "count");
			goto out;
		}
		job->position = v;
	}
	rc = 0;
out:
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
    char *err, size_t errlen)
{
	json_t *root, *state, *t;
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
