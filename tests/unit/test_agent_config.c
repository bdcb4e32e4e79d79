/*
 * test_agent_config.c: capture-agent's INI file: good files, and every
 * kind of bad line reported as file:line: message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "t.h"

static char path[64];
static int camera_calls;
static char camera_last[128];

static void
write_file(const char *text)
{
	FILE *fp = fopen(path, "w");

	fputs(text, fp);
	fclose(fp);
}

static int
camera(void *arg, const char *name, const char *key, const char *value,
    char *err, size_t errlen)
{
	(void)arg;
	camera_calls++;
	snprintf(camera_last, sizeof(camera_last), "%s.%s=%s", name, key,
	    value);
	if (strcmp(key, "bogus") == 0) {
		snprintf(err, errlen, "camera %s: unknown key bogus", name);
		return -1;
	}
	return 0;
}

/* Load text; returns the error ("" when it loaded). */
static const char *
load(const char *text, struct config *c)
{
	static char err[512];

	write_file(text);
	err[0] = '\0';
	if (config_load(path, c, camera, NULL, err, sizeof(err)) == 0)
		err[0] = '\0';
	return err;
}

static void
expect_error(const char *text, int line, const char *what)
{
	struct config c;
	char want[256];
	const char *err = load(text, &c);

	snprintf(want, sizeof(want), "%s:%d: ", path, line);
	T_OK(strncmp(err, want, strlen(want)) == 0 && strstr(err, what),
	    "error at line %d mentions \"%s\" (got \"%s\")", line, what, err);
}

static char secrets[8][128];
static int nsecrets;

static int
secret(const char *s)
{
	if (nsecrets >= 8)
		return -1;
	snprintf(secrets[nsecrets++], sizeof secrets[0], "%s", s);
	return 0;
}

/* Issue 11: quoting, its warning, the secrets, the same printer. */
static void
test_quoting(void)
{
	struct config c, d;
	const char *err;

	err = load("[printer]\nurl = http://p/\npassword = \"a ;b\"  ; mine\n"
	    "[captures]\ndirectory = \"/tmp/x y\"\n[camera e]\n"
	    "args = \"{path}\" \"x ;y\"\n", &c);
	T_EQ_STR(err, "", "quoted values load");
	T_EQ_STR(c.password, "a ;b", "a quoted password keeps its ' ;'");
	T_EQ_STR(c.directory, "/tmp/x y", "the quotes are taken away");
	T_EQ_STR(camera_last, "e.args=\"{path}\" \"x ;y\"", "exec args keep "
	    "their quotes (they group words), and their ' ;'");
	T_EQ_STR(c.warning, "", "no warning for quoted values");
	err = load("[printer]\nurl = http://p/\npassword = a ;b\n"
	    "[captures]\ndirectory = /tmp/x ; a comment\n", &c);
	T_EQ_STR(err, "", "an unquoted ' ;' is a comment");
	T_EQ_STR(c.password, "a", "... which ends the value");
	T_OK(strstr(c.warning, ":3: password: the value ends at \" ;\"") !=
	    NULL, "... with a warning naming the line and key: %s",
	    c.warning);
	T_EQ_STR(c.directory, "/tmp/x", "a comment after a directory is one");

	nsecrets = 0;
	config_secrets("password", "p;w", secret);
	config_secrets("url", "http://me:pa%20ss@host:80/x@y", secret);
	config_secrets("user", "viewer:s3", secret);
	config_secrets("user", "nobody", secret);
	config_secrets("url", "http://host/?a@b", secret);
	T_EQ_INT(nsecrets, 5, "secrets: password and URL password (and "
	    "escaped), user's password");
	T_EQ_STR(secrets[0], "p;w", "secret: the password");
	T_EQ_STR(secrets[1], "p%3Bw", "secret: as a query sends it");
	T_EQ_STR(secrets[2], "pa%20ss", "secret: the URL's password");
	T_EQ_STR(secrets[3], "pa%2520ss", "secret: that one escaped");
	T_EQ_STR(secrets[4], "s3", "secret: user = name:password");
	{
		char big[300];

		memset(big, 'x', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		T_EQ_INT(config_secrets("password", big, secret), -1,
		    "secrets: one too long to be kept is said so");
	}

	load("[printer]\nurl = http://p/\n[captures]\ndirectory = /a\n", &c);
	load("[printer]\nurl = http://p/\npoll_interval_ms = 500\n"
	    "[captures]\ndirectory = /b\n", &d);
	T_OK(config_same_printer(&c, &d), "same printer: other folder and "
	    "poll interval");
	load("[printer]\nurl = http://p/\npassword = x\n[captures]\n"
	    "directory = /a\n", &d);
	T_OK(!config_same_printer(&c, &d), "another password: another "
	    "printer");
}

int
main(void)
{
	struct config c;
	const char *err;
	char big[512];
	int fd;

	snprintf(path, sizeof(path), "/tmp/test_agent_config.XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		return 1;
	close(fd);

	err = load("[printer]\ntype = duet-http\nurl = http://10.0.0.2\n"
	    "password = secret\npoll_interval_ms = 250\nstartup_wait_s = 3\n"
	    "[captures]\ndirectory = /tmp/caps/\n[render]\nauto = no\n"
	    "[camera top]\ntype = test\nwidth = 64\n", &c);
	T_EQ_STR(err, "", "full file loads");
	T_EQ_INT(c.type, PRINTER_DUET_HTTP, "type duet-http");
	T_EQ_STR(c.url, "http://10.0.0.2/", "url gets its final slash");
	T_EQ_STR(c.password, "secret", "password");
	T_EQ_INT(c.poll_interval_ms, 250, "poll_interval_ms");
	T_EQ_INT(c.startup_wait_s, 3, "startup_wait_s");
	T_EQ_STR(c.directory, "/tmp/caps/", "directory");
	T_EQ_INT(camera_calls, 2, "camera keys handed over");
	T_EQ_STR(camera_last, "top.width=64", "camera keys in file order");

	err = load("[printer]\ntype = duet-serial\ndevice = /dev/ttyACM0\n"
	    "checksum = crc\nbaud = 57600\n[captures]\ndirectory = d\n", &c);
	T_EQ_STR(err, "", "serial file loads");
	T_EQ_INT(c.checksum, CHECKSUM_CRC, "checksum crc");
	T_EQ_INT(c.baud, 57600, "baud");
	T_EQ_INT(c.poll_interval_ms, 100, "poll interval default 100 ms");
	T_EQ_STR(c.password, "reprap", "password default reprap");

	expect_error("[printer]\nurl = http://x/\ncolour = red\n", 3,
	    "unknown key \"colour\"");
	expect_error("[printer]\nurl = http://x/\n[captures]\ndirectory = d\n"
	    "[extras]\nx = 1\n", 6, "unknown section [extras]");
	expect_error("[printer]\n\npoll_interval_ms = 1e3x\n", 3,
	    "poll_interval_ms");
	expect_error("[printer]\npoll_interval_ms = 99999999999999999999\n", 2,
	    "poll_interval_ms");
	expect_error("[printer]\ntype = octoprint\n", 2, "duet-http");
	expect_error("[printer]\nurl = ftp://x/\n", 2, "http://");
	expect_error("[printer]\nchecksum = md5\n", 2, "none, xor or crc");
	expect_error("[printer]\nurl = http://x/\nthis is not ini\n", 3,
	    "syntax error");
	expect_error("[render]\nauto = maybe\n", 2, "yes or no");
	expect_error("[render]\nfps = fast\n", 2, "fps");
	expect_error("[render]\nspeed = 2\n", 2, "speed");
	err = load("[printer]\nurl = http://127.0.0.1/\n[captures]\n"
	    "directory = /tmp/caps/\n[render]\nauto = yes\nfps = 30\n"
	    "container = webm\n", &c);
	T_OK(err[0] == '\0' && c.render.auto_render && c.render.fps == 30 &&
	    strcmp(c.render.container, "webm") == 0,
	    "[render] keys reach the render options (%s)", err);
	err = load("[printer]\nurl = http://127.0.0.1/\n[captures]\n"
	    "directory = /tmp/caps/\n[render]\nfps = 30\nlength_s = 20\n",
	    &c);
	T_OK(strstr(err, "[render]") != NULL,
	    "conflicting [render] keys are refused after the section (%s)",
	    err);
	expect_error("[camera top]\ntype = test\nbogus = 1\n", 3,
	    "unknown key bogus");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	{
		char text[1024];

		snprintf(text, sizeof(text), "[printer]\n; ok\npassword = %s\n"
		    "url = http://x/\n", big);
		expect_error(text, 3, "longer than");
	}
	/* the earliest error wins, whoever found it */
	expect_error("[printer]\nbad line\nfoo = 1\n", 2, "syntax error");
	expect_error("[printer]\nfoo = 1\nbad line\n", 2, "unknown key");

	err = load("[printer]\nurl = http://x/\n", &c);
	T_OK(strstr(err, "directory is missing") != NULL,
	    "missing directory reported (%s)", err);
	err = load("[printer]\ntype = duet-serial\n[captures]\ndirectory=d\n",
	    &c);
	T_OK(strstr(err, "device is missing") != NULL,
	    "missing device reported (%s)", err);
	err = load("[captures]\ndirectory=d\n", &c);
	T_OK(strstr(err, "url is missing") != NULL,
	    "missing url reported (%s)", err);
	err = load("", &c);
	unlink(path);
	T_OK(strstr(err, "directory is missing") != NULL,
	    "empty file: the first missing key (%s)", err);
	{
		char e[256];

		T_OK(config_load("/nonexistent/ca.conf", &c, NULL, NULL, e,
		    sizeof(e)) == -1 && strstr(e, "/nonexistent/ca.conf: "),
		    "missing file: path and reason");
	}
	test_quoting();
	return t_done();
}
