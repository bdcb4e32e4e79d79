/*
 * agent.c: see agent.h.
 *
 * Invariant: a seq enters the handled ring only after its action ran, and
 * only seqs in the ring are acknowledged without acting; so every box of
 * ours is acted upon once and acknowledged at least once, and no other
 * box is ever acknowledged.  The ring is emptied when the printer
 * restarts, since seqs then count from 1 again.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "log.h"
#include "protocol.h"
#include "frames/sequence.h"

#define HANDLED_MAX 16


enum link_state {
	LINK_UNKNOWN,
	LINK_UP,
	LINK_DOWN,
};

struct agent {
	struct agent_io io;
	struct sequence *seq;
	long poll_ms;
	enum link_state link;
	long long down_since;
	unsigned fails;			/* consecutive poll failures */
	unsigned long handled[HANDLED_MAX];
	size_t nhandled, next_slot;
	bool have_last_seq;
	unsigned long last_seq;		/* highest seq seen since restart */
	unsigned long foreign_seq;	/* last foreign box logged */
	bool have_foreign;
	long long uptime;		/* last known, -1 none */
	long long uptime_at;		/* now_ms() when read */
	unsigned long ack_fail_seq;	/* to log a failing ack once */
	unsigned long busy_count;	/* busy answers not summarized yet */
	long long busy_since;		/* when the first of them came */
	long long busy_last;		/* the last busy answer, */
	bool busy_seen;			/* if any */
	char finished[4096];		/* sequence closed by gLapseFinish, */
	bool have_finished;		/* told to io.finished after the ack */
	struct agent_stats stats;
	struct agent_state state;
};

static enum proto_message
marker_of(const struct duet_box *b)
{
	return b->exact ? proto_message(b->message) : PROTO_NONE;
}

struct agent *
agent_new(const struct agent_io *io, const char *directory, long poll_ms)
{
	struct agent *a;

	if ((a = calloc(1, sizeof *a)) == NULL)
		return NULL;
	a->io = *io;
	a->uptime = -1;
	if (agent_configure(a, directory, poll_ms) == -1) {
		free(a);
		return NULL;
	}
	return a;
}

void
agent_free(struct agent *a)
{
	if (a == NULL)
		return;
	sequence_free(a->seq);
	free(a);
}

int
agent_configure(struct agent *a, const char *directory, long poll_ms)
{
	struct sequence *s;

	if ((s = sequence_new(directory)) == NULL)
		return -1;
	sequence_free(a->seq);
	a->seq = s;
	a->poll_ms = poll_ms > 0 ? poll_ms : 100;
	return 0;
}

void
agent_get_stats(const struct agent *a, struct agent_stats *st)
{
	*st = a->stats;
}

void
agent_get_state(const struct agent *a, struct agent_state *st)
{
	*st = a->state;
}

int
agent_set_aside(struct agent *a, const char *name, char *err, size_t errlen)
{
	if (sequence_set_aside(a->seq, name, err, errlen) == -1)
		return -1;
	if (strcmp(a->state.sequence, name) == 0) {
		a->state.sequence[0] = '\0';
		a->state.latest = 0;
		a->state.latest_at = 0;
	}
	return 0;
}

static long long
wall_ms(const struct agent *a)
{
	struct timespec ts;

	a->io.wall(a->io.arg, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
note_error(struct agent *a, const char *what, const char *err)
{
	snprintf(a->state.error, sizeof a->state.error, "%s: %.*s", what,
	    (int)sizeof a->state.error - 32, err);
	a->state.error_at = wall_ms(a);
}

/* The current sequence, as the page names it; once finished, the page
 * goes on showing it (and its latest frame) until the next one starts. */
static void
note_sequence(struct agent *a)
{
	const char *dir = sequence_dir(a->seq), *slash;

	a->state.recording = dir != NULL;
	if (dir == NULL)
		return;
	slash = strrchr(dir, '/');
	snprintf(a->state.sequence, sizeof a->state.sequence, "%s",
	    slash != NULL ? slash + 1 : dir);
	a->state.latest = sequence_last(a->seq);
}

static bool
is_handled(const struct agent *a, unsigned long seq)
{
	size_t i;

	for (i = 0; i < a->nhandled; i++)
		if (a->handled[i] == seq)
			return true;
	return false;
}

static void
mark_handled(struct agent *a, unsigned long seq)
{
	a->handled[a->next_slot] = seq;
	a->next_slot = (a->next_slot + 1) % HANDLED_MAX;
	if (a->nhandled < HANDLED_MAX)
		a->nhandled++;
}

static void
printer_restarted(struct agent *a, const char *why)
{
	log_info("printer restarted (%s): message box numbers start again",
	    why);
	a->nhandled = a->next_slot = 0;
	a->have_last_seq = false;
	a->have_foreign = false;
	a->stats.restarts++;
}

/* A restart shows as upTime going down or a seq going back. */
static void
check_restart(struct agent *a, const struct duet_status *st, long long now)
{
	long long expect;

	if (st->uptime >= 0) {
		if (a->uptime >= 0) {
			expect = a->uptime + (now - a->uptime_at) / 1000;
			if (st->uptime + 2 < expect)
				printer_restarted(a, "upTime went down");
		}
		a->uptime = st->uptime;
		a->uptime_at = now;
	}
	if (!st->box.present)
		return;
	if (a->have_last_seq && st->box.seq < a->last_seq)
		printer_restarted(a, "message box seq went back");
	if (!a->have_last_seq || st->box.seq > a->last_seq)
		a->last_seq = st->box.seq;
	a->have_last_seq = true;
}

/*
 * Tell the sequence which job the printer prints (when it can say), for a
 * new sequence to record it and a resume to check it: only when the
 * answer matters, so a marker costs no extra request otherwise.
 */
static void
read_job(struct agent *a, enum proto_message m, const struct timespec *now)
{
	struct sequence_job sj;
	struct duet_job job;
	char err[512];

	if (m != PROTO_INITIALIZE && sequence_dir(a->seq) != NULL)
		return;
	if (a->io.job == NULL ||
	    a->io.job(a->io.arg, &job, err, sizeof err) == -1 ||
	    !job.printing) {
		sequence_set_job(a->seq, NULL);
		return;
	}
	memset(&sj, 0, sizeof sj);
	snprintf(sj.file, sizeof sj.file, "%s", job.file);
	sj.started = job.duration >= 0 ? (long long)now->tv_sec -
	    job.duration : 0;
	sequence_set_job(a->seq, &sj);
}

static void
act(struct agent *a, enum proto_message m)
{
	struct timespec when;
	const char *dir;
	const char *resumed;
	unsigned frame;
	long long t0;
	char err[512];
	int stored;
	bool fresh;

	a->io.wall(a->io.arg, &when);
	read_job(a, m, &when);
	switch (m) {
	case PROTO_INITIALIZE:
		if (sequence_start(a->seq, &when, err, sizeof err) == -1) {
			log_warnx("new sequence: %s", err);
			note_error(a, "new sequence", err);
		} else
			log_info("new sequence %s", sequence_dir(a->seq));
		note_sequence(a);
		break;
	case PROTO_CAPTURE:
		a->stats.captures++;
		resumed = NULL;
		if (sequence_dir(a->seq) == NULL &&
		    (resumed = sequence_resume(a->seq)) != NULL)
			log_info("resuming sequence %s", resumed);
		fresh = sequence_dir(a->seq) == NULL;
		if (sequence_next(a->seq, &when, &dir, &frame, err,
		    sizeof err) == -1) {
			log_warnx("capture: %s", err);
			note_error(a, "capture", err);
			break;
		}
		if (fresh)
			log_info("new sequence %s (no gLapseInitialize seen)",
			    dir);
		t0 = a->io.now_ms(a->io.arg);
		stored = a->io.fire(a->io.arg, dir, frame);
		sequence_stored(a->seq, stored);
		if (stored > 0) {
			a->stats.frames += (unsigned long)stored;
			a->state.latest_at = wall_ms(a);
		}
		note_sequence(a);
		log_info("frame %06u in %s: %d file%s stored in %lld ms",
		    frame, dir, stored, stored == 1 ? "" : "s",
		    a->io.now_ms(a->io.arg) - t0);
		break;
	case PROTO_FINISH:
		/* the agent may have been restarted or reloaded since the
		 * last capture: finish the sequence a capture would resume */
		dir = sequence_resume(a->seq);
		if (dir != NULL) {
			log_info("sequence %s finished", dir);
			snprintf(a->finished, sizeof a->finished, "%s", dir);
			a->have_finished = true;
		}
		if (sequence_finish(a->seq, err, sizeof err) == -1)
			log_warnx("finish: %s", err);
		note_sequence(a);
		break;
	case PROTO_NONE:
		break;
	}
}

/* A busy answer: said when the first comes after a quiet minute, the
 * others counted and said once a minute (busy_summary). */
static void
busy(struct agent *a, long long now, const char *err)
{
	a->stats.busy++;
	if (!a->busy_seen || now - a->busy_last >= AGENT_BUSY_SUMMARY_MS)
		log_info("printer busy (%s): retrying; more of these are "
		    "counted and said once a minute", err);
	else if (a->busy_count++ == 0)
		a->busy_since = now;
	a->busy_seen = true;
	a->busy_last = now;
}

static void
busy_summary(struct agent *a, long long now)
{
	if (a->busy_count == 0 || now - a->busy_since < AGENT_BUSY_SUMMARY_MS)
		return;
	log_info("printer busy %lu more times in the last %lld s",
	    a->busy_count, (now - a->busy_since) / 1000);
	a->busy_count = 0;
}

/* 0 when acknowledged, -1 when not (logged). */
static int
acknowledge(struct agent *a, unsigned long seq, bool again)
{
	char err[512];
	int rc;

	if ((rc = a->io.ack(a->io.arg, seq, err, sizeof err)) == 1) {
		a->stats.ack_failures++;
		busy(a, a->io.now_ms(a->io.arg), err);
		return -1;
	}
	if (rc == -1) {
		a->stats.ack_failures++;
		note_error(a, "acknowledging", err);
		if (a->ack_fail_seq != seq)
			log_warnx("acknowledging box %lu: %s; will retry",
			    seq, err);
		else
			log_debug("acknowledging box %lu: %s", seq, err);
		a->ack_fail_seq = seq;
		return -1;
	}
	if (again) {
		a->stats.reacks++;
		log_debug("box %lu still shown: acknowledged again", seq);
	} else
		a->stats.acks++;
	return 0;
}

/*
 * On firmware that may take an acknowledgement of seq for "close whatever
 * is shown": whether box seq, marker m, is still the one shown.  A failed
 * poll is a no (the box is acknowledged at a later poll if it is still
 * there).
 */
static bool
still_shown(struct agent *a, unsigned long seq, enum proto_message m)
{
	struct duet_status st;
	char err[512];

	memset(&st, 0, sizeof st);
	if (a->io.poll(a->io.arg, &st, err, sizeof err) != 0)
		return false;
	return st.box.present && st.box.seq == seq && marker_of(&st.box) == m;
}

static long
backoff(struct agent *a)
{
	long d = a->poll_ms;
	unsigned i;

	for (i = 1; i < a->fails && d < AGENT_BACKOFF_MAX_MS; i++)
		d *= 2;
	if (d > AGENT_BACKOFF_MAX_MS && a->poll_ms < AGENT_BACKOFF_MAX_MS)
		d = AGENT_BACKOFF_MAX_MS;
	return d;
}

long
agent_step(struct agent *a)
{
	struct duet_status st;
	char err[512];
	long long now;
	enum proto_message m;
	unsigned long seq;
	long delay;
	int rc;

	memset(&st, 0, sizeof st);
	st.uptime = -1;
	now = a->io.now_ms(a->io.arg);
	a->stats.polls++;
	busy_summary(a, now);
	if ((rc = a->io.poll(a->io.arg, &st, err, sizeof err)) == 1) {
		busy(a, now, err);
		return a->poll_ms;
	}
	if (rc == -1) {
		a->stats.poll_failures++;
		a->fails++;
		note_error(a, "printer", err);
		a->state.link = AGENT_LINK_DOWN;
		if (a->link != LINK_DOWN) {
			log_warnx("printer unreachable: %s; retrying", err);
			a->link = LINK_DOWN;
			a->down_since = now;
		} else
			log_debug("printer still unreachable: %s", err);
		return backoff(a);
	}
	if (a->link == LINK_DOWN)
		log_info("printer reachable again after %lld ms",
		    now - a->down_since);
	else if (a->link == LINK_UNKNOWN)
		log_info("printer reachable");
	a->link = LINK_UP;
	a->fails = 0;
	a->state.link = AGENT_LINK_UP;
	a->state.last_poll = wall_ms(a);

	check_restart(a, &st, now);
	if (!st.box.present)
		return a->poll_ms;
	seq = st.box.seq;
	if ((m = marker_of(&st.box)) == PROTO_NONE) {
		if (!a->have_foreign || a->foreign_seq != seq) {
			a->stats.foreign++;
			log_info("message box %lu is not ours (\"%s\"): left "
			    "to the user", seq, st.box.message);
			a->foreign_seq = seq;
			a->have_foreign = true;
		}
		return a->poll_ms;
	}
	if (is_handled(a, seq)) {
		/* this poll is the check still_shown would make; and a box
		 * that stays is not asked about again at once */
		acknowledge(a, seq, true);
		return a->poll_ms;
	}
	log_debug("box %lu: %s", seq, st.box.message);
	act(a, m);
	a->stats.handled++;
	mark_handled(a, seq);
	if (!st.ack_by_seq && !still_shown(a, seq, m)) {
		a->stats.not_acked++;
		log_info("box %lu was closed while the cameras fired (another "
		    "screen or program): not acknowledged, since this "
		    "firmware would close whatever box shows now", seq);
		delay = 0;
	} else
		delay = acknowledge(a, seq, false) == 0 ? 0 : a->poll_ms;
	if (m == PROTO_CAPTURE) {
		/* from the poll that saw it to its ack: the print's wait */
		a->state.blocked_ms = (long)(a->io.now_ms(a->io.arg) - now);
		a->state.blocked_at = wall_ms(a);
		a->state.snapshots++;
	}
	if (a->have_finished) {
		a->have_finished = false;
		if (a->io.finished != NULL)
			a->io.finished(a->io.arg, a->finished);
	}
	return delay;
}
