/*
 * printer_serial.c: duet-serial, RepRapFirmware on a serial line: the USB
 * port, or the PanelDue (aux) UART.
 *
 * The line is raw 8N1 at the configured speed.  A poll sends
 * M409 K"state.messageBox" F"v" and reads lines until the JSON reply for
 * that key; everything else on the line is ignored: "ok", unsolicited
 * messages, and {"seq":N,"resp":...} wrappers of text replies.  On USB a
 * JSON reply is followed by a blank line and "ok", read before going on
 * so that it cannot pass for the "ok" of the next command.  On the
 * PanelDue port (checksum = xor or crc) every line carries N<n> and a
 * check, and nothing is acknowledged with "ok".  When the device goes away
 * (read or write fails, hang-up), it is closed; the next poll opens it
 * again, and reads upTime once to let the agent see a reboot.  The line
 * cannot tell the firmware's version cheaply, so every acknowledgement is
 * checked first (ack_by_seq stays false).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "clock.h"
#include "errbuf.h"
#include "printer/printer_impl.h"

struct duet_serial {
	char device[256];
	speed_t speed;
	enum serial_checksum checksum;
	long timeout_ms;
	int fd;
	unsigned long lineno;
	bool want_uptime;
	char in[8192];			/* bytes read, not yet a line */
	size_t inlen;
	char line[8192];		/* the current line */
};

static const struct {
	long baud;
	speed_t speed;
} speeds[] = {
	{ 9600, B9600 }, { 19200, B19200 }, { 38400, B38400 },
	{ 57600, B57600 }, { 115200, B115200 }, { 230400, B230400 },
	{ 460800, B460800 }, { 500000, B500000 }, { 921600, B921600 },
	{ 1000000, B1000000 }, { 2000000, B2000000 },
};

static void *
dsr_open(const struct config *cfg, char *err, size_t errlen)
{
	struct duet_serial *d;
	size_t i;

	if ((d = calloc(1, sizeof *d)) == NULL) {
		errbuf_set(err, errlen, "out of memory");
		return NULL;
	}
	for (i = 0; i < sizeof speeds / sizeof speeds[0]; i++)
		if (speeds[i].baud == cfg->baud)
			break;
	if (i == sizeof speeds / sizeof speeds[0]) {
		errbuf_set(err, errlen, "baud %ld: not a standard speed",
		    cfg->baud);
		free(d);
		return NULL;
	}
	d->speed = speeds[i].speed;
	snprintf(d->device, sizeof d->device, "%s", cfg->device);
	d->checksum = cfg->checksum;
	d->timeout_ms = cfg->request_timeout_ms;
	d->fd = -1;
	return d;
}

static void
dsr_drop(struct duet_serial *d)
{
	if (d->fd != -1)
		close(d->fd);
	d->fd = -1;
	d->inlen = 0;
}

static void
dsr_close(void *arg)
{
	struct duet_serial *d = arg;

	if (d == NULL)
		return;
	dsr_drop(d);
	free(d);
}

static int
dsr_device(struct duet_serial *d, char *err, size_t errlen)
{
	struct termios t;
	int fd;

	if (d->fd != -1)
		return 0;
	fd = open(d->device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		return errbuf_set(err, errlen, "%s: %s", d->device,
		    strerror(errno));
	if (tcgetattr(fd, &t) == -1) {
		errbuf_set(err, errlen, "%s: %s", d->device, strerror(errno));
		close(fd);
		return -1;
	}
	cfmakeraw(&t);
	t.c_cflag |= CLOCAL | CREAD;
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	cfsetispeed(&t, d->speed);
	cfsetospeed(&t, d->speed);
	if (tcsetattr(fd, TCSANOW, &t) == -1) {
		errbuf_set(err, errlen, "%s: %s", d->device, strerror(errno));
		close(fd);
		return -1;
	}
	(void)tcflush(fd, TCIFLUSH);
	d->fd = fd;
	d->inlen = 0;
	d->want_uptime = true;
	return 0;
}

static int
dsr_send(struct duet_serial *d, const char *code, char *err, size_t errlen)
{
	char buf[256];
	size_t off = 0, len;
	struct pollfd pfd;
	ssize_t n;
	long long deadline = clock_ms() + d->timeout_ms;

	if (duet_frame_line(d->checksum, ++d->lineno, code, buf,
	    sizeof buf) == -1)
		return errbuf_set(err, errlen, "line too long");
	len = strlen(buf);
	while (off < len) {
		n = write(d->fd, buf + off, len - off);
		if (n > 0) {
			off += (size_t)n;
			continue;
		}
		if (n == -1 && errno != EAGAIN && errno != EINTR) {
			errbuf_set(err, errlen, "%s: write: %s", d->device,
			    strerror(errno));
			dsr_drop(d);
			return -1;
		}
		pfd.fd = d->fd;
		pfd.events = POLLOUT;
		if (clock_ms() >= deadline ||
		    (poll(&pfd, 1, 50) == -1 && errno != EINTR)) {
			errbuf_set(err, errlen, "%s: write timed out",
			    d->device);
			dsr_drop(d);
			return -1;
		}
	}
	return 0;
}

/* Next non-empty line into d->line: 1, 0 at the deadline, -1 device gone. */
static int
dsr_line(struct duet_serial *d, long long deadline, char *err, size_t errlen)
{
	struct pollfd pfd;
	char *nl;
	size_t n;
	ssize_t r;
	long long left;

	for (;;) {
		while ((nl = memchr(d->in, '\n', d->inlen)) != NULL ||
		    (nl = memchr(d->in, '\r', d->inlen)) != NULL) {
			n = (size_t)(nl - d->in);
			memcpy(d->line, d->in, n);
			d->line[n] = '\0';
			memmove(d->in, nl + 1, d->inlen - n - 1);
			d->inlen -= n + 1;
			if (n > 0 && d->line[n - 1] == '\r')
				d->line[--n] = '\0';
			if (n > 0)
				return 1;
		}
		if (d->inlen == sizeof d->in)
			d->inlen = 0;	/* a line too long to be ours */
		left = deadline - clock_ms();
		if (left <= 0)
			return 0;
		pfd.fd = d->fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, (int)(left > 1000 ? 1000 : left)) == -1) {
			if (errno == EINTR)
				continue;
			errbuf_set(err, errlen, "poll: %s", strerror(errno));
			dsr_drop(d);
			return -1;
		}
		if (pfd.revents & (POLLERR | POLLNVAL) ||
		    (pfd.revents & POLLHUP && !(pfd.revents & POLLIN))) {
			errbuf_set(err, errlen, "%s: device hung up",
			    d->device);
			dsr_drop(d);
			return -1;
		}
		if (!(pfd.revents & POLLIN))
			continue;
		r = read(d->fd, d->in + d->inlen, sizeof d->in - d->inlen);
		if (r > 0)
			d->inlen += (size_t)r;
		else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
			errbuf_set(err, errlen, "%s: %s", d->device, r == 0 ?
			    "end of file" : strerror(errno));
			dsr_drop(d);
			return -1;
		}
	}
}

/* On USB, read up to the "ok" that ends a reply. */
static int
dsr_ok(struct duet_serial *d, long long deadline, char *err, size_t errlen)
{
	int rc;

	while ((rc = dsr_line(d, deadline, err, errlen)) == 1)
		if (strcmp(d->line, "ok") == 0 ||
		    strncmp(d->line, "ok ", 3) == 0)
			return 0;
	if (rc == 0)
		errbuf_set(err, errlen, "%s: no \"ok\" from the printer",
		    d->device);
	return -1;
}

/* M409 for key; the reply into *st, or into *job when job is not NULL. */
static int
dsr_query(struct duet_serial *d, const char *key, struct duet_status *st,
    struct duet_job *job, char *err, size_t errlen)
{
	char code[128], msg[256];
	long long deadline;
	int rc;

	snprintf(code, sizeof code, "M409 K\"%s\" F\"v\"", key);
	if (dsr_send(d, code, err, errlen) == -1)
		return -1;
	deadline = clock_ms() + d->timeout_ms;
	while ((rc = dsr_line(d, deadline, err, errlen)) == 1) {
		if (d->line[0] != '{' ||
		    duet_is_wrapped_reply(d->line, strlen(d->line)))
			continue;
		rc = job != NULL ? duet_parse_job(d->line,
		    strlen(d->line), job, msg, sizeof msg) :
		    duet_parse_model_reply(d->line, strlen(d->line), key, st,
		    msg, sizeof msg);
		if (rc == 1)
			continue;	/* a late reply to an earlier query */
		if (rc == -1)
			return errbuf_set(err, errlen, "M409 %s: %s", key, msg);
		if (d->checksum == CHECKSUM_NONE)
			return dsr_ok(d, deadline, err, errlen);
		return 0;
	}
	if (rc == 0) {
		errbuf_set(err, errlen, "%s: no reply to M409 within %ld ms",
		    d->device, d->timeout_ms);
		dsr_drop(d);
	}
	return -1;
}

static int
dsr_poll(void *arg, struct duet_status *st, char *err, size_t errlen)
{
	struct duet_serial *d = arg;

	if (dsr_device(d, err, errlen) == -1)
		return -1;
	if (d->want_uptime) {
		if (dsr_query(d, "state.upTime", st, NULL, err, errlen) == -1)
			return -1;
		d->want_uptime = false;
	}
	return dsr_query(d, "state.messageBox", st, NULL, err, errlen);
}

static int
dsr_job(void *arg, struct duet_job *job, char *err, size_t errlen)
{
	struct duet_serial *d = arg;
	struct duet_status ignore;

	if (dsr_device(d, err, errlen) == -1)
		return -1;
	return dsr_query(d, "job", &ignore, job, err, errlen);
}

static int
dsr_ack(void *arg, const struct duet_ack *ack, char *err, size_t errlen)
{
	struct duet_serial *d = arg;

	if (dsr_device(d, err, errlen) == -1)
		return -1;
	if (dsr_send(d, ack->code, err, errlen) == -1)
		return -1;
	if (d->checksum != CHECKSUM_NONE)
		return 0;	/* the PanelDue port says nothing back */
	return dsr_ok(d, clock_ms() + d->timeout_ms, err, errlen);
}

const struct printer_ops printer_serial_ops = {
	.open = dsr_open,
	.poll = dsr_poll,
	.ack = dsr_ack,
	.job = dsr_job,
	.close = dsr_close,
};
