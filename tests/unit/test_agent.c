/*
 * test_agent.c: the agent's decisions against a scripted printer and a
 * fake clock: our boxes handled once and acknowledged, foreign boxes never
 * touched, lost acks repeated without a second capture, a printer restart
 * recognised, and the retry delay growing while the printer is away.
 */
#include <fcntl.h>
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
	int busy;			/* next polls that answer busy */
	int swap_on_fire;		/* fire replaces the box by a prompt */
	struct duet_job job;		/* what io.job gives */
	int have_job;
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
	if (f->busy > 0) {
		f->busy--;
		snprintf(err, errlen, "503, printer busy");
		return 1;
	}
	*st = f->st;
	return 0;
}

static int
f_job(void *arg, struct duet_job *job, char *err, size_t errlen)
{
	struct fake *f = arg;

	if (!f->have_job) {
		snprintf(err, errlen, "no job");
		return -1;
	}
	*job = f->job;
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
	if (f->swap_on_fire) {
		/* another screen closed ours, a user's prompt took its place */
		f->st.box.seq++;
		snprintf(f->st.box.message, sizeof(f->st.box.message),
		    "Change filament");
	}
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
	io.job = f_job;
	return agent_new(&io, dir, 100);
}

/* A fresh agent (a restart) on a printer printing file for duration s. */
static struct agent *
printing(struct fake *f, const char *dir, const char *file, long long duration)
{
	struct agent *a = fresh(f, dir);

	f->have_job = 1;
	f->job.printing = true;
	snprintf(f->job.file, sizeof f->job.file, "%s", file);
	f->job.duration = duration;
	return a;
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

	/* issue 11: firmware that ignores M292 S (ack_by_seq false) */
	a = fresh(&f, dir);
	show(&f, 1, "gLapseCapture");
	f.swap_on_fire = 1;
	agent_step(a);
	T_EQ_INT(f.nacks, 0, "3.4: a prompt that replaced ours while the "
	    "cameras fired is not acknowledged");
	agent_get_stats(a, &s);
	T_EQ_INT(s.not_acked, 1, "3.4: counted as not acknowledged");
	agent_step(a);
	T_EQ_INT(f.nacks, 0, "3.4: nor later");
	f.swap_on_fire = 0;
	show(&f, 3, "gLapseCapture");
	T_EQ_INT(agent_step(a), 0, "after an acknowledgement: poll at once");
	T_EQ_INT(acked(&f, 3), 1, "3.4: ours still shown: acknowledged");
	f.st.ack_by_seq = 1;
	show(&f, 4, "gLapseCapture");
	f.swap_on_fire = 1;
	agent_step(a);
	T_EQ_INT(acked(&f, 4), 1, "3.5: M292 S closes only ours: no second "
	    "look");
	agent_free(a);

	/* issue 11: busy answers summarized */
	a = fresh(&f, dir);
	f.busy = 300;		/* 300 busy answers in 3 minutes */
	{
		char logf[sizeof dir + 8], line[512];
		FILE *lf;
		int lines = 0, every = 1;

		int fd, saved;

		snprintf(logf, sizeof logf, "%s/log", dir);
		fflush(stderr);
		fd = open(logf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd == -1 || (saved = dup(2)) == -1 || dup2(fd, 2) == -1)
			return 1;
		close(fd);
		for (i = 0; i < 300; i++) {
			every &= agent_step(a) == 100;
			f.now += 600;
		}
		agent_step(a);
		fflush(stderr);
		dup2(saved, 2);
		close(saved);
		if ((lf = fopen(logf, "r")) != NULL) {
			while (fgets(line, sizeof line, lf) != NULL)
				lines += strstr(line, "busy") != NULL;
			fclose(lf);
		}
		T_OK(every, "busy: retried at the poll interval");
		T_OK(lines >= 3 && lines <= 5, "busy: 300 answers in 3 "
		    "minutes, %d lines (one, then one a minute)", lines);
	}
	agent_get_stats(a, &s);
	T_EQ_INT(s.busy, 300, "busy: every answer counted");
	T_EQ_INT(s.poll_failures, 0, "busy is not a failure to reach it");
	agent_free(a);

	/* issue 11: a missed gLapseInitialize, a cancelled print before */
	{
		char jdir[sizeof dir + 8];
		const char *first;
		char firstdir[1200];

		snprintf(jdir, sizeof jdir, "%s/job", dir);
		a = printing(&f, jdir, "0:/gcodes/a.gcode", 10);
		show(&f, 1, "gLapseInitialize");
		agent_step(a);
		show(&f, 2, "gLapseCapture");
		agent_step(a);
		snprintf(firstdir, sizeof firstdir, "%s", f.last_dir);
		agent_free(a);	/* the print cancelled, the agent restarted */
		a = printing(&f, jdir, "0:/gcodes/b.gcode", 5);
		show(&f, 1, "gLapseCapture");
		agent_step(a);
		first = f.last_dir;
		T_OK(strcmp(first, firstdir) != 0 && f.last_frame == 1,
		    "another job: a new sequence, not the cancelled print's "
		    "(%s)", first);
		snprintf(firstdir, sizeof firstdir, "%s", f.last_dir);
		agent_free(a);	/* restarted again, same print */
		a = printing(&f, jdir, "0:/gcodes/b.gcode", 7);
		show(&f, 2, "gLapseCapture");
		agent_step(a);
		T_OK(strcmp(f.last_dir, firstdir) == 0, "the same job: "
		    "resumed (%s)", f.last_dir);
		agent_free(a);
	}

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return t_done();
}
