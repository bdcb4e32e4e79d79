/*
 * config.c: see config.h.
 *
 * inih calls us back per key, but does not tell the line (Debian builds it
 * without INI_HANDLER_LINENO) and counts a line longer than its 200-byte
 * buffer twice.  So the file is fed through our own reader, which counts
 * physical lines and reports an over-long line itself; the handler keeps
 * only the first error, and the earliest of it and inih's own syntax error
 * wins.  Values are copied: inih's strings live only during the callback.
 *
 * Quoting: inih ends a value at " ;" (an inline comment), which would cut
 * a password or an exec camera's arguments silently.  The reader hides
 * every ';' inside double quotes from inih (as QUOTED_SEMI), the handler
 * puts it back and takes one pair of quotes around a whole value away
 * (but for an exec camera's args, whose quotes group words).  An unquoted
 * " ;" after the value of a key where a ';' may well belong (password,
 * user, url, command, args) is kept a comment, with a warning.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "config.h"
#include "errbuf.h"
#include "num.h"
#include "printer/duet_code.h"

struct parse {
	const char *path;
	FILE *fp;
	unsigned long line;		/* physical line last read */
	struct config *cfg;
	config_camera_fn camera;
	void *camera_arg;
	unsigned long err_line;		/* 0: no error yet */
	char err[256];
	char *warning;			/* the config's, first one kept */
	size_t warninglen;
	bool have_url, have_device, have_directory;
};

static void parse_error(struct parse *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
parse_error(struct parse *p, const char *fmt, ...)
{
	va_list ap;

	if (p->err_line != 0)
		return;
	p->err_line = p->line;
	va_start(ap, fmt);
	vsnprintf(p->err, sizeof p->err, fmt, ap);
	va_end(ap);
}

#define QUOTED_SEMI '\x1f'

/* Keys whose value may well hold a ';' that an inline comment would cut. */
static bool
semicolon_key(const char *key, size_t len)
{
	static const char *const keys[] = { "password", "user", "url",
	    "command", "args", NULL };
	size_t i;

	for (i = 0; keys[i] != NULL; i++)
		if (strlen(keys[i]) == len && strncmp(keys[i], key, len) == 0)
			return true;
	return false;
}

/* A key = value line: ';' inside quotes hidden from inih, and a warning
 * for a " ;" that ends such a key's value. */
static void
protect_quotes(struct parse *p, char *line)
{
	char *eq, *key, *c;
	bool quoted = false, any_quote = false;
	size_t klen;

	key = line + strspn(line, " \t");
	if (*key == ';' || *key == '#' || *key == '[' ||
	    (eq = strchr(key, '=')) == NULL)
		return;
	for (klen = (size_t)(eq - key); klen > 0 &&
	    (key[klen - 1] == ' ' || key[klen - 1] == '\t'); klen--)
		continue;
	for (c = eq + 1; *c != '\0'; c++) {
		if (*c == '"') {
			quoted = !quoted;
			any_quote = true;
		} else if (*c == ';' && quoted)
			*c = QUOTED_SEMI;
		else if (*c == ';' && !any_quote &&
		    (c[-1] == ' ' || c[-1] == '\t') &&
		    c[1] != '\0' && c > eq + 1 + strspn(eq + 1, " \t") &&
		    semicolon_key(key, klen) && p->warning != NULL &&
		    p->warning[0] == '\0') {
			snprintf(p->warning, p->warninglen, "%s:%lu: %.*s: the "
			    "value ends at \" ;\" (the rest is a comment); put "
			    "it in double quotes if the ';' belongs to it",
			    p->path, p->line, (int)klen, key);
			break;
		}
	}
}

/* fgets for inih, counting lines and swallowing the rest of a long one. */
static char *
parse_reader(char *str, int num, void *arg)
{
	struct parse *p = arg;
	size_t len;
	int c;

	if (fgets(str, num, p->fp) == NULL)
		return NULL;
	p->line++;
	len = strlen(str);
	if (len > 0 && str[len - 1] != '\n' && !feof(p->fp)) {
		parse_error(p, "line longer than %d bytes", num - 2);
		while ((c = fgetc(p->fp)) != EOF && c != '\n')
			continue;
	}
	protect_quotes(p, str);
	return str;
}

/*
 * inih's value as the file meant it, into out: the hidden ';' back, and
 * one pair of quotes around the whole value taken away unless keep_quotes.
 */
static void
unquote(const char *value, bool keep_quotes, char *out, size_t outlen)
{
	size_t i, len;

	snprintf(out, outlen, "%s", value);
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] == QUOTED_SEMI)
			out[i] = ';';
	len = strlen(out);
	if (!keep_quotes && len >= 2 && out[0] == '"' && out[len - 1] == '"' &&
	    memchr(out + 1, '"', len - 2) == NULL) {
		memmove(out, out + 1, len - 2);
		out[len - 2] = '\0';
	}
}

static int
set_string(struct parse *p, const char *key, const char *value, char *dst,
    size_t dstlen)
{
	if (strlen(value) >= dstlen) {
		parse_error(p, "%s: value longer than %zu bytes", key,
		    dstlen - 1);
		return 0;
	}
	memcpy(dst, value, strlen(value) + 1);
	return 1;
}

static int
set_long(struct parse *p, const char *key, const char *value, long min,
    long max, long *dst)
{
	char msg[200];

	if (num_key_long(key, value, min, max, dst, msg, sizeof msg) == -1) {
		parse_error(p, "%s", msg);
		return 0;
	}
	return 1;
}

static int
printer_key(struct parse *p, const char *key, const char *value)
{
	struct config *c = p->cfg;
	size_t len;

	if (strcmp(key, "type") == 0) {
		if (strcmp(value, "duet-http") == 0)
			c->type = PRINTER_DUET_HTTP;
		else if (strcmp(value, "duet-sbc") == 0)
			c->type = PRINTER_DUET_SBC;
		else if (strcmp(value, "duet-serial") == 0)
			c->type = PRINTER_DUET_SERIAL;
		else {
			parse_error(p, "type: %s: expected duet-http, "
			    "duet-sbc or duet-serial", value);
			return 0;
		}
		return 1;
	}
	if (strcmp(key, "url") == 0) {
		if (strncmp(value, "http://", 7) != 0 &&
		    strncmp(value, "https://", 8) != 0) {
			parse_error(p, "url: %s: expected http://HOST/", value);
			return 0;
		}
		/* keep room for the '/' added below */
		if (!set_string(p, key, value, c->url, sizeof c->url - 1))
			return 0;
		len = strlen(c->url);
		if (c->url[len - 1] != '/') {
			c->url[len] = '/';
			c->url[len + 1] = '\0';
		}
		p->have_url = true;
		return 1;
	}
	if (strcmp(key, "password") == 0)
		return set_string(p, key, value, c->password,
		    sizeof c->password);
	if (strcmp(key, "device") == 0) {
		p->have_device = true;
		return set_string(p, key, value, c->device, sizeof c->device);
	}
	if (strcmp(key, "baud") == 0)
		return set_long(p, key, value, 300, 4000000, &c->baud);
	if (strcmp(key, "checksum") == 0) {
		if (strcmp(value, "none") == 0)
			c->checksum = CHECKSUM_NONE;
		else if (strcmp(value, "xor") == 0)
			c->checksum = CHECKSUM_XOR;
		else if (strcmp(value, "crc") == 0)
			c->checksum = CHECKSUM_CRC;
		else {
			parse_error(p, "checksum: %s: expected none, xor or "
			    "crc", value);
			return 0;
		}
		return 1;
	}
	if (strcmp(key, "poll_interval_ms") == 0)
		return set_long(p, key, value, 10, 60000, &c->poll_interval_ms);
	if (strcmp(key, "request_timeout_ms") == 0)
		return set_long(p, key, value, 100, 600000,
		    &c->request_timeout_ms);
	if (strcmp(key, "startup_wait_s") == 0)
		return set_long(p, key, value, 0, 86400, &c->startup_wait_s);
	parse_error(p, "unknown key \"%s\" in [printer]", key);
	return 0;
}

static int
handler(void *arg, const char *section, const char *key, const char *raw)
{
	struct parse *p = arg;
	char msg[200], value[INI_MAX_LINE + 1];

	/* an exec camera's args keep their quotes: they group its words */
	unquote(raw, strncmp(section, "camera ", 7) == 0 &&
	    strcmp(key, "args") == 0, value, sizeof value);

	if (strcmp(section, "printer") == 0)
		return printer_key(p, key, value);
	if (strcmp(section, "captures") == 0) {
		if (strcmp(key, "directory") == 0) {
			if (*value == '\0') {
				parse_error(p, "directory: empty");
				return 0;
			}
			p->have_directory = true;
			return set_string(p, key, value, p->cfg->directory,
			    sizeof p->cfg->directory);
		}
		parse_error(p, "unknown key \"%s\" in [captures]", key);
		return 0;
	}
	if (strcmp(section, "render") == 0) {
		if (render_options_set(&p->cfg->render, key, value, msg,
		    sizeof msg) == -1) {
			parse_error(p, "%s", msg);
			return 0;
		}
		return 1;
	}
	if (strcmp(section, "web") == 0) {
		if (web_options_set(&p->cfg->web, key, value, msg,
		    sizeof msg) == -1) {
			parse_error(p, "%s", msg);
			return 0;
		}
		return 1;
	}
	if (strncmp(section, "camera ", 7) == 0 && p->camera != NULL) {
		const char *name = section + 7;

		while (*name == ' ')
			name++;
		if (*name == '\0') {
			parse_error(p, "[camera NAME]: the name is missing");
			return 0;
		}
		msg[0] = '\0';
		if (p->camera(p->camera_arg, name, key, value, msg,
		    sizeof msg) == -1) {
			parse_error(p, "%s", msg[0] ? msg : "bad camera key");
			return 0;
		}
		return 1;
	}
	parse_error(p, "unknown section [%s]", section);
	return 0;
}

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->type = PRINTER_DUET_HTTP;
	snprintf(c->password, sizeof c->password, "reprap");
	c->baud = 115200;
	c->checksum = CHECKSUM_NONE;
	c->poll_interval_ms = 100;
	c->request_timeout_ms = 5000;
	c->startup_wait_s = 0;
	render_options_init(&c->render);
	web_options_init(&c->web);
}

int
config_load(const char *path, struct config *cfg, config_camera_fn camera,
    void *camera_arg, char *err, size_t errlen)
{
	struct parse p;
	int rc;

	config_defaults(cfg);
	memset(&p, 0, sizeof p);
	p.path = path;
	p.cfg = cfg;
	p.camera = camera;
	p.camera_arg = camera_arg;
	p.warning = cfg->warning;
	p.warninglen = sizeof cfg->warning;
	if ((p.fp = fopen(path, "r")) == NULL)
		return errbuf_set(err, errlen, "%s: %s", path, strerror(errno));
	rc = ini_parse_stream(parse_reader, &p, handler, &p);
	if (ferror(p.fp)) {
		errbuf_set(err, errlen, "%s: read error", path);
		fclose(p.fp);
		return -1;
	}
	fclose(p.fp);
	if (rc > 0 && (p.err_line == 0 || (unsigned long)rc < p.err_line))
		return errbuf_set(err, errlen, "%s:%d: syntax error (expected "
		    "[section] or key = value)", path, rc);
	if (p.err_line != 0)
		return errbuf_set(err, errlen, "%s:%lu: %s", path, p.err_line,
		    p.err);
	if (rc != 0)
		return errbuf_set(err, errlen, "%s: cannot parse (out of "
		    "memory?)", path);
	if (!p.have_directory)
		return errbuf_set(err, errlen, "%s: [captures] directory is "
		    "missing", path);
	if (cfg->type == PRINTER_DUET_SERIAL && !p.have_device)
		return errbuf_set(err, errlen, "%s: [printer] device is "
		    "missing (type = duet-serial)", path);
	if (cfg->type != PRINTER_DUET_SERIAL && !p.have_url)
		return errbuf_set(err, errlen, "%s: [printer] url is missing "
		    "(type = %s)", path, config_printer_type_name(cfg->type));
	if (render_options_check(&cfg->render, p.err, sizeof p.err) == -1)
		return errbuf_set(err, errlen, "%s: [render] %s", path, p.err);
	if (web_options_check(&cfg->web, p.err, sizeof p.err) == -1)
		return errbuf_set(err, errlen, "%s: [web] %s", path, p.err);
	return 0;
}

const char *
config_printer_type_name(enum printer_type t)
{
	switch (t) {
	case PRINTER_DUET_HTTP:
		return "duet-http";
	case PRINTER_DUET_SBC:
		return "duet-sbc";
	case PRINTER_DUET_SERIAL:
		return "duet-serial";
	}
	return "?";
}

bool
config_same_printer(const struct config *a, const struct config *b)
{
	return a->type == b->type && strcmp(a->url, b->url) == 0 &&
	    strcmp(a->password, b->password) == 0 &&
	    strcmp(a->device, b->device) == 0 && a->baud == b->baud &&
	    a->checksum == b->checksum &&
	    a->request_timeout_ms == b->request_timeout_ms;
}

/* add s, and its URL-escaped form when that differs; -1 when add
 * refused one. */
static int
secret_forms(const char *s, size_t len, int (*add)(const char *))
{
	char raw[256], esc[3 * sizeof raw];
	int rc;

	if (len == 0)
		return 0;
	if (len >= sizeof raw)
		return -1;
	memcpy(raw, s, len);
	raw[len] = '\0';
	rc = add(raw);
	if (duet_url_escape(raw, esc, sizeof esc) == 0 && strcmp(esc, raw) != 0 &&
	    add(esc) == -1)
		rc = -1;
	return rc;
}

int
config_secrets(const char *key, const char *value,
    int (*add)(const char *))
{
	const char *auth, *end, *at, *colon;

	if (strcmp(key, "password") == 0)
		return secret_forms(value, strlen(value), add);
	if (strcmp(key, "user") == 0 && (colon = strchr(value, ':')) != NULL)
		return secret_forms(colon + 1, strlen(colon + 1), add);
	if (strcmp(key, "url") != 0 || (auth = strstr(value, "://")) == NULL)
		return 0;
	auth += 3;
	end = auth + strcspn(auth, "/?#");
	/* the last '@' of the authority ends the user information */
	for (at = end; at > auth && at[-1] != '@'; at--)
		continue;
	if (at == auth ||
	    (colon = memchr(auth, ':', (size_t)(at - 1 - auth))) == NULL)
		return 0;
	return secret_forms(colon + 1, (size_t)(at - 1 - colon - 1), add);
}
