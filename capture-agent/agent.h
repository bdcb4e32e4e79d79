/*
 * agent.h: the capture agent's decisions, with time and I/O injected.
 *
 * Each agent_step() polls the printer once and acts on what it sees:
 *
 *  - only a box whose message is exactly gLapseInitialize, gLapseCapture or
 *    gLapseFinish is ours; any other box is left alone, never acknowledged;
 *  - our box with a seq not handled yet: act (new sequence / fire the
 *    cameras and store a frame / finish the sequence), then acknowledge it;
 *    whatever the cameras or the disk did, the print goes on;
 *  - on firmware that may ignore the seq of an M292 (ack_by_seq false: RRF
 *    3.4 and older), the box is polled again after the action and
 *    acknowledged only if it is still ours with the same seq: a user's
 *    prompt that took its place while the cameras fired is never closed;
 *  - after the first acknowledgement of a box the next poll is at once
 *    (0 ms): a gLapseCapture is often followed directly by gLapseFinish;
 *  - our box already handled but still shown (the ack was lost): ack again,
 *    without a second capture;
 *  - the printer restarted (seq went back, or upTime went down): forget the
 *    handled seqs, as the printer counts from 1 again;
 *  - the printer unreachable: retry with a growing delay, forever; logged
 *    once when it goes and once when it comes back;
 *  - the printer busy (503): retried at the poll interval, logged once and
 *    then summarized, one line a minute with the count;
 *  - a frame wanted with no sequence current: the printer's job (io.job)
 *    decides whether the newest unfinished sequence is this print's
 *    (sequence.h).
 *
 * The agent logs (it is the daemon's loop); it never exits the program.
 */
#ifndef AGENT_H
#define AGENT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "printer/duet_model.h"

struct agent_io {
	void	*arg;
	/* CLOCK_MONOTONIC in ms */
	long long (*now_ms)(void *arg);
	/* wall clock, for sequence folder names */
	void	(*wall)(void *arg, struct timespec *);
	/* 0 with *st filled, 1 busy, -1 with err */
	int	(*poll)(void *arg, struct duet_status *st, char *err,
		    size_t errlen);
	/* M292 P0 S<seq>: 0 taken, 1 busy, -1 with err */
	int	(*ack)(void *arg, unsigned long seq, char *err, size_t errlen);
	/* the job printed: 0 with *job, -1 unknown; may be NULL */
	int	(*job)(void *arg, struct duet_job *job, char *err,
		    size_t errlen);
	/* fire every camera for frame (1-based) into dir: files stored */
	int	(*fire)(void *arg, const char *dir, unsigned frame);
	/* gLapseFinish closed the sequence in dir (may be NULL: nothing to
	 * do); called after the ack, so it never delays the print */
	void	(*finished)(void *arg, const char *dir);
};

struct agent_stats {
	unsigned long polls, poll_failures;
	unsigned long handled;		/* our boxes acted upon */
	unsigned long captures;		/* gLapseCapture handled */
	unsigned long frames;		/* files stored */
	unsigned long acks, reacks, ack_failures;
	unsigned long not_acked;	/* box gone before the ack (<= 3.4) */
	unsigned long busy;		/* busy answers (503) */
	unsigned long foreign;		/* foreign boxes seen (distinct seqs) */
	unsigned long restarts;		/* printer restarts seen */
};

/* What the agent knows, for the web page.  Times are wall-clock ms since
 * the epoch, 0 for never. */
struct agent_state {
	enum {
		AGENT_LINK_STARTING,
		AGENT_LINK_UP,
		AGENT_LINK_DOWN,
	} link;
	long long last_poll;		/* last successful poll */
	char	error[256];		/* last poll or ack failure */
	long long error_at;
	char	sequence[64];		/* the current one, or the last, or "" */
	bool	recording;		/* it is the current one */
	unsigned latest;		/* its latest frame (the count) */
	long long latest_at;
	long long blocked_at;		/* last gLapseCapture seen */
	long	blocked_ms;		/* from seeing it to its ack */
	unsigned long snapshots;	/* gLapseCapture boxes handled */
};

#define AGENT_BACKOFF_MAX_MS 2000
#define AGENT_BUSY_SUMMARY_MS 60000	/* one "busy" line a minute */

struct agent;

/* io is copied.  NULL when out of memory. */
struct agent	*agent_new(const struct agent_io *io, const char *directory,
		    long poll_ms);
void		 agent_free(struct agent *);

/* After a configuration reload: new folder root, new interval.  The
 * handled seqs are kept (the printer did not change its mind). */
int	agent_configure(struct agent *, const char *directory, long poll_ms);

/* One poll and what follows; returns the ms to wait before the next. */
long	agent_step(struct agent *);

/* The web page deletes the sequence name: move it aside (not the current
 * one: -1 with errno EBUSY; none: ENOENT).  See sequence_set_aside(). */
int	agent_set_aside(struct agent *, const char *name, char *err,
	    size_t errlen);

void	agent_get_stats(const struct agent *, struct agent_stats *);
void	agent_get_state(const struct agent *, struct agent_state *);

#endif
