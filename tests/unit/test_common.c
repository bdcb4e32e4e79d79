/*
 * test_common.c: the helpers both programs share: numbers and settings,
 * the clock, child status, the marker protocol, the atomic replace.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "num.h"
#include "proc.h"
#include "protocol.h"
#include "replace.h"
#include "t.h"

static void
test_num(void)
{
	char err[200];
	double v;
	long l;
	bool b = false;

	T_EQ_INT(num_config("1e400", -1e9, 1e9, &v), NUM_RANGE, "config 1e400");
	T_EQ_INT(num_config("nan", -1e9, 1e9, &v), NUM_SYNTAX, "config nan");
	T_EQ_INT(num_config("inf", -1e9, 1e9, &v), NUM_SYNTAX, "config inf");
	T_EQ_INT(num_config("0x10", -1e9, 1e9, &v), NUM_SYNTAX, "config hex");
	T_EQ_INT(num_config(" 2.5e1 ", 0, 100, &v), NUM_OK, "config 2.5e1");
	T_EQ_DBL(v, 25, 0, "config value");
	T_EQ_INT(num_config("12abc", 0, 100, &v), NUM_SYNTAX, "config junk");
	T_EQ_INT(num_config_long("99999999999999999999", 0, 100, &l), NUM_RANGE,
	    "config long overflow");
	T_OK(num_config_bool("Yes", &b) == NUM_OK && b, "bool: Yes");
	T_OK(num_config_bool("off", &b) == NUM_OK && !b, "bool: off");
	T_OK(num_config_bool("1", &b) == NUM_OK && b, "bool: 1");
	T_EQ_INT(num_config_bool("maybe", &b), NUM_SYNTAX, "bool: maybe");
	T_EQ_INT(num_config_bool("", &b), NUM_EMPTY, "bool: empty");

	T_EQ_INT(num_key_long("timeout_ms", "12", 1, 100, &l, err, sizeof err),
	    0, "key long: in range");
	T_EQ_INT(l, 12, "key long: value");
	T_EQ_INT(num_key_long("timeout_ms", "abc", 1, 100, &l, err, sizeof err),
	    -1, "key long: not a number");
	T_EQ_STR(err, "timeout_ms: 'abc': not a number (a whole number from 1 "
	    "to 100)", "key long: the message names key, value and range");
	T_EQ_INT(num_key_double("fps", "1000", 0.1, 240, &v, err, sizeof err),
	    -1, "key double: out of range");
	T_EQ_STR(err, "fps: '1000': number out of range (a number from 0.1 to "
	    "240)", "key double: the message");
	T_EQ_INT(num_key_bool("auto", "perhaps", &b, err, sizeof err), -1,
	    "key bool: neither yes nor no");
	T_EQ_STR(err, "auto: 'perhaps' is not yes or no", "key bool: message");
	T_OK(num_key_bool("auto", "ON", &b, err, sizeof err) == 0 && b,
	    "key bool: ON");
}

static void
test_clock(void)
{
	long long t0 = clock_ms(), t1;

	clock_sleep_ms(30);
	t1 = clock_ms();
	T_OK(t1 - t0 >= 30, "clock_sleep_ms(30) sleeps at least 30 ms (%lld)",
	    t1 - t0);
	T_OK(t1 >= t0, "the clock does not go back");
	clock_sleep_ms(0);
	clock_nap_ms(-5);
	T_OK(clock_ms() - t1 < 1000, "no sleep for 0 or a negative time");
}

static void
test_proc(void)
{
	char buf[64];
	int status;
	pid_t pid;

	if ((pid = fork()) == 0)
		_exit(3);
	waitpid(pid, &status, 0);
	T_EQ_STR(proc_status_text(status, buf, sizeof buf),
	    "exited with status 3", "exit status as text");
	if ((pid = fork()) == 0) {
		pause();
		_exit(0);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	T_EQ_STR(proc_status_text(status, buf, sizeof buf),
	    "killed by signal 9", "signal as text");
}

static void
test_protocol(void)
{
	T_EQ_INT(proto_message("gLapseCapture"), PROTO_CAPTURE, "capture");
	T_EQ_INT(proto_message("gLapseInitialize"), PROTO_INITIALIZE, "init");
	T_EQ_INT(proto_message("gLapseFinish"), PROTO_FINISH, "finish");
	T_EQ_INT(proto_message("gLapseCapture "), PROTO_NONE,
	    "a trailing blank is not ours");
	T_EQ_INT(proto_message("glapsecapture"), PROTO_NONE,
	    "another case is not ours");
	T_EQ_INT(proto_message("Change filament"), PROTO_NONE, "a user prompt");
	T_EQ_INT(proto_message(""), PROTO_NONE, "an empty message");
	T_EQ_STR(PROTO_DUET_LINE(PROTO_MSG_CAPTURE),
	    "M291 P\"gLapseCapture\" S2", "the marker line");
	T_OK(proto_starts("; gcode-lapse begin snapshot 1", 30, PROTO_BEGIN),
	    "a block's first line");
	T_OK(!proto_starts("; gcode-lapse", 13, PROTO_BEGIN), "a short line");
}

/* Files in dir other than . and .. */
static int
count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d != NULL && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	if (d != NULL)
		closedir(d);
	return n;
}

/* The first len - 1 bytes of the file at path, as a string. */
static const char *
slurp(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd == -1 ? -1 : read(fd, buf, len - 1);

	if (fd != -1)
		close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static void
test_replace(void)
{
	char dir[] = "/tmp/test_common.XXXXXX", path[64], got[32], err[256];
	struct replace r;
	struct stat st;

	if (mkdtemp(dir) == NULL) {
		T_OK(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	snprintf(path, sizeof path, "%s/file", dir);
	T_EQ_INT(replace_write(path, "first\n", 6, 0600, err, sizeof err), 0,
	    "replace_write creates the file");
	T_OK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "with the mode asked for");
	T_EQ_INT(replace_begin(&r, path, err, sizeof err), 0, "begin");
	T_EQ_INT(replace_write_all(r.fd, "second\n", 7), 0, "write");
	T_EQ_STR(slurp(path, got, sizeof got), "first\n",
	    "before the commit the target is untouched");
	T_EQ_INT(count_files(dir), 2, "the temporary file is beside it");
	replace_abort(&r);
	T_EQ_INT(count_files(dir), 1, "abort leaves no temporary file");
	T_EQ_INT(replace_write(path, "third\n", 6, 0644, err, sizeof err), 0,
	    "replace_write over it");
	T_EQ_STR(slurp(path, got, sizeof got), "third\n",
	    "the new bytes, whole");
	T_EQ_INT(count_files(dir), 1, "no temporary file after a commit");
	snprintf(path, sizeof path, "%s/no/such/folder", dir);
	T_EQ_INT(replace_write(path, "x", 1, 0644, err, sizeof err), -1,
	    "a missing folder is an error");
	T_OK(strstr(err, "no/such/folder") != NULL, "naming the file: %s",
	    err);
	snprintf(path, sizeof path, "%s/file", dir);
	unlink(path);
	rmdir(dir);
}

/* Make dir/name with a last write age seconds ago. */
static void
aged(const char *dir, const char *name, time_t age)
{
	char path[512];
	struct timespec ts[2];
	int fd;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return;
	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec -= age;
	ts[1] = ts[0];
	futimens(fd, ts);
	close(fd);
}

static bool
exists(const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

static void
test_replace_names(void)
{
	char dir[] = "/tmp/test_common.XXXXXX", path[600], err[256];
	char name[300], *b;
	struct replace r, live;
	struct stat st;

	if (mkdtemp(dir) == NULL) {
		T_OK(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	memset(name, 'n', 250);
	memcpy(name + 244, ".gcode", 7);	/* 250 bytes in all */
	snprintf(path, sizeof path, "%s/%s", dir, name);
	T_EQ_INT(replace_begin(&r, path, err, sizeof err), 0,
	    "a 250-byte name gets a temporary file: %s", err);
	b = strrchr(r.tmp, '/') + 1;
	T_OK(strlen(b) <= 255, "its name fits NAME_MAX (%zu bytes)",
	    strlen(b));
	T_OK(strstr(b, "~.gcode.gl-") != NULL, "shortened, the extension "
	    "kept: %.20s...", b + 230);
	T_EQ_INT(replace_own(&r, geteuid(), getegid()), 0,
	    "owner and group set to one's own");
	T_EQ_INT(replace_commit(&r, 0640, err, sizeof err), 0, "commit");
	T_OK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640,
	    "the long name replaced");
	unlink(path);

	/* the sweep: stale ones of ours go, nothing else */
	snprintf(path, sizeof path, "%s/print.gcode", dir);
	aged(dir, ".old.gcode.gl-Ab12Cd", 3600);
	aged(dir, ".new.gcode.gl-Ab12Cd", 0);
	aged(dir, ".frame.jpeg.gl-Ab12Cd", 3600);
	aged(dir, ".odd.gcode.gl-Ab_2Cd", 3600);
	aged(dir, "old.gcode.gl-Ab12Cd", 3600);
	T_EQ_INT(replace_begin(&live, path, err, sizeof err), 0,
	    "a live replace");
	{
		struct timespec ts[2] = { { 0, 0 }, { 0, 0 } };

		futimens(live.fd, ts);	/* 1970: as old as can be */
	}
	T_EQ_INT(replace_sweep(path, 60), 1, "the sweep removes one file");
	T_OK(!exists(dir, ".old.gcode.gl-Ab12Cd"), "the stale one");
	T_OK(exists(dir, ".new.gcode.gl-Ab12Cd"), "not a fresh one");
	T_OK(exists(dir, ".frame.jpeg.gl-Ab12Cd"), "not another extension's");
	T_OK(exists(dir, ".odd.gcode.gl-Ab_2Cd"), "not another name");
	T_OK(exists(dir, "old.gcode.gl-Ab12Cd"), "not a file without the dot");
	T_OK(access(live.tmp, F_OK) == 0, "not a live one, however old");
	replace_abort(&live);
	T_OK(access(live.tmp, F_OK) == -1, "abort removes it");
	snprintf(path, sizeof path, "rm -rf %s", dir);
	T_EQ_INT(system(path), 0, "clean up");
}

/* Issue 11: the one place every message goes through. */
static void
test_log_clean(void)
{
	char out[256], big[300];

	log_clean("box 3: \"a\nfake: line\r\x1b[2J\x7f\"", out, sizeof out);
	T_EQ_STR(out, "box 3: \"a\\nfake: line\\x0d\\x1b[2J\\x7f\"",
	    "log: newlines and control characters escaped");
	T_EQ_INT(log_secret(""), 0, "log: an empty secret is no secret");
	T_EQ_INT(log_secret("Pw-1;x"), 0, "log: a secret");
	T_EQ_INT(log_secret("Pw-1%3Bx"), 0, "log: its URL-escaped form");
	T_EQ_INT(log_secret("Pw"), 0, "log: a secret inside another");
	log_clean("rr_connect?password=Pw-1%3Bx&time=1: Couldn't connect", out,
	    sizeof out);
	T_EQ_STR(out, "rr_connect?password=***&time=1: Couldn't connect",
	    "log: the escaped password hidden whole");
	log_clean("http://u:Pw-1;x@h/ and Pw-1;xPw", out, sizeof out);
	T_EQ_STR(out, "http://u:***@h/ and ******", "log: every occurrence, "
	    "longest first");
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	T_EQ_INT(log_secret(big), -1, "log: a secret too long is refused");
	log_clean("\n\n\n", out, 5);
	T_EQ_STR(out, "\\n\\n", "log: cut to the buffer, escapes whole");
}

int
main(void)
{
	test_num();
	test_clock();
	test_proc();
	test_protocol();
	test_replace();
	test_replace_names();
	test_log_clean();
	return t_done();
}
