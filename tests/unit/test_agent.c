/*
 * test_agent.c: the agent's decisions against a scripted printer and a
 * fake clock: our boxes handled once and acknowledged, foreign boxes never
 * touched, lost acks repeated without a second capture, a printer restart
 * recognised, and the retry delay growing while the printer is away.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "log.h"
#include "t.h"

struct fake {
	long long now;
	int down;			/* poll fails */
	int ack_fails;			/* next acks that fail */
	struct duet_status st;		/* what the printer shows */
	unsigned long acks[64];
	size_t nacks;
	unsigned fired;
	unsigned last_frame;
	char last_dir[1024];
	int stored;			/* what fire returns */
};

static long long
f_now(void *arg)
{
	return ((struct fake *)arg)->now;
}

static void
f_wall(void *arg, struct timespec *ts)
{
	static long calls;	/* distinct folder names across scenarios */

	(void)arg;
	ts->tv_sec = 1700000000 + ++calls;
	ts->tv_nsec = 0;
}

static int
f_poll(void *arg, struct duet_status *st, char *err, size_t errlen)
{
	struct fake *f = arg;

	if (f->down) {
		snprintf(err, errlen, "connection refused");
		return -1;
	}
	*st = f->st;
	return 0;
}

static int
f_ack(void *arg, unsigned long seq, char *err, size_t errlen)
{
	struct fake *f = arg;

	if (f->ack_fails > 0) {
		f->ack_fails--;
		snprintf(err, errlen, "503");
		return -1;
	}
	if (f->nacks < 64)
		f->acks[f->nacks++] = seq;
	/* the printer closes that box */
	if (f->st.box.present && f->st.box.seq == seq)
		f->st.box.present = 0;
	return 0;
}

static int
f_fire(void *arg, const char *dir, unsigned frame)
{
	struct fake *f = arg;

	f->fired++;
	f->last_frame = frame;
	snprintf(f->last_dir, sizeof(f->last_dir), "%s", dir);
	return f->stored;
}

static void
show(struct fake *f, unsigned long seq, const char *msg)
{
	f->st.box.present = 1;
	f->st.box.seq = seq;
	f->st.box.mode = 2;
	f->st.box.exact = 1;
	snprintf(f->st.box.message, sizeof(f->st.box.message), "%s", msg);
}

static struct agent *
fresh(struct fake *f, const char *dir)
{
	struct agent_io io;

	memset(f, 0, sizeof(*f));
	f->st.uptime = -1;
	f->stored = 1;
	memset(&io, 0, sizeof(io));
	io.arg = f;
	io.now_ms = f_now;
	io.wall = f_wall;
	io.poll = f_poll;
	io.ack = f_ack;
	io.fire = f_fire;
	return agent_new(&io, dir, 100);
}

static int
acked(const struct fake *f, unsigned long seq)
{
	size_t i;
	int n = 0;

	for (i = 0; i < f->nacks; i++)
		n += f->acks[i] == seq;
	return n;
}

int
main(void)
{
	char dir[] = "/tmp/test_agent.XXXXXX";
	char cmd[128];
	struct agent *a;
	struct agent_stats s;
	struct fake f;
	long d, prev;
	int i, grew;

	log_init("test_agent", 0, 0);
	if (mkdtemp(dir) == NULL)
		return 1;

	/* a normal print: initialize, two captures, a user prompt, finish */
	a = fresh(&f, dir);
	T_EQ_INT(agent_step(a), 100, "idle poll waits one interval");
	show(&f, 1, "gLapseInitialize");
	agent_step(a);
	T_EQ_INT(acked(&f, 1), 1, "initialize acknowledged");
	show(&f, 2, "gLapseCapture");
	agent_step(a);
	T_EQ_INT(f.fired, 1, "capture fired the cameras");
	T_EQ_INT(f.last_frame, 1, "first frame is 1");
	T_EQ_INT(acked(&f, 2), 1, "capture acknowledged");
	show(&f, 3, "Load filament and press OK");
	for (i = 0; i < 5; i++)
		agent_step(a);
	T_EQ_INT(acked(&f, 3), 0, "foreign box never acknowledged");
	T_EQ_INT(f.fired, 1, "foreign box fires nothing");
	show(&f, 4, "gLapseCapture extra words");
	agent_step(a);
	T_EQ_INT(acked(&f, 4), 0, "a message only starting like ours is "
	    "foreign");
	f.st.box.exact = 0;
	snprintf(f.st.box.message, sizeof(f.st.box.message), "gLapseCapture");
	agent_step(a);
	T_EQ_INT(acked(&f, 4), 0, "a truncated message is foreign");
	show(&f, 5, "gLapseCapture");
	agent_step(a);
	T_EQ_INT(f.last_frame, 2, "second frame is 2");
	show(&f, 6, "gLapseFinish");
	agent_step(a);
	T_EQ_INT(acked(&f, 6), 1, "finish acknowledged");
	agent_get_stats(a, &s);
	T_EQ_INT(s.foreign, 2, "two foreign boxes counted once each");
	T_EQ_INT(s.acks, 4, "four acks");
	T_OK(strstr(f.last_dir, dir) == f.last_dir, "frames go under the "
	    "captures directory");
	agent_free(a);

	/* a lost ack: box still shown -> ack again, capture once */
	a = fresh(&f, dir);
	show(&f, 7, "gLapseCapture");
	f.ack_fails = 2;
	agent_step(a);
	T_EQ_INT(f.fired, 1, "captured before the failing ack");
	T_EQ_INT(acked(&f, 7), 0, "ack failed");
	agent_step(a);
	agent_step(a);
	T_EQ_INT(acked(&f, 7), 1, "acknowledged on a later poll");
	T_EQ_INT(f.fired, 1, "not captured twice");
	/* still shown after a successful ack (firmware slow to close it) */
	show(&f, 7, "gLapseCapture");
	agent_step(a);
	T_EQ_INT(acked(&f, 7), 2, "re-acknowledged while still shown");
	T_EQ_INT(f.fired, 1, "still not captured twice");
	agent_free(a);

	/* printer restart: seq counts from 1 again */
	a = fresh(&f, dir);
	show(&f, 1, "gLapseCapture");
	agent_step(a);
	show(&f, 2, "gLapseCapture");
	agent_step(a);
	T_EQ_INT(f.fired, 2, "two captures before the reboot");
	f.down = 1;
	f.now += 100;
	agent_step(a);
	f.down = 0;
	show(&f, 1, "gLapseCapture");
	agent_step(a);
	T_EQ_INT(f.fired, 3, "seq 1 after a reboot is a new capture");
	T_EQ_INT(acked(&f, 1), 2, "and is acknowledged");
	agent_get_stats(a, &s);
	T_EQ_INT(s.restarts, 1, "one restart seen");
	agent_free(a);

	/* restart seen by upTime alone, same seq as handled before */
	a = fresh(&f, dir);
	f.st.uptime = 500;
	show(&f, 1, "gLapseCapture");
	agent_step(a);
	f.now += 10000;
	f.st.uptime = 3;
	show(&f, 1, "gLapseCapture");
	agent_step(a);
	T_EQ_INT(f.fired, 2, "upTime going down: seq 1 captured again");
	f.now += 10000;
	f.st.uptime = 13;
	show(&f, 1, "gLapseCapture");
	agent_step(a);
	T_EQ_INT(f.fired, 2, "upTime growing with the clock: a re-ack only");
	agent_free(a);

	/* unreachable printer: growing delay, capped, then back to normal */
	a = fresh(&f, dir);
	f.down = 1;
	prev = 0;
	grew = 1;
	for (i = 0; i < 12; i++) {
		d = agent_step(a);
		if (d < prev)
			grew = 0;
		prev = d;
		f.now += d;
	}
	T_OK(grew, "retry delay never shrinks while down");
	T_EQ_INT(prev, AGENT_BACKOFF_MAX_MS, "retry delay capped");
	f.down = 0;
	T_EQ_INT(agent_step(a), 100, "back to the poll interval");
	agent_get_stats(a, &s);
	T_EQ_INT(s.poll_failures, 12, "every failure counted");
	/* failing cameras: frame number does not advance, ack still sent */
	f.stored = 0;
	show(&f, 3, "gLapseCapture");
	agent_step(a);
	show(&f, 4, "gLapseCapture");
	agent_step(a);
	T_EQ_INT(acked(&f, 3) + acked(&f, 4), 2, "acknowledged without frames");
	T_EQ_INT(f.fired, 2, "failing cameras: fired for both boxes");
	T_EQ_INT(f.last_frame, 1, "no frame stored: the number is reused");
	f.stored = 1;
	show(&f, 5, "gLapseCapture");
	agent_step(a);
	T_EQ_INT(f.fired, 3, "third capture fired");
	agent_free(a);

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return t_done();
}
