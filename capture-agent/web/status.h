/*
 * status.h: what the agent is doing, as the page shows it, and the board
 * the agent loop publishes it on.
 *
 * struct status is plain data (fixed buffers, no pointers): the loop fills
 * one after each step and status_publish() copies it onto the board; a web
 * thread takes a copy with status_read() and formats it without the lock.
 * Invariant: the loop never waits for the lock (it tries it, and
 * publishes at its next step if a reader has it), and a reader holds it
 * only for a copy of the struct: no browser, however slow, makes the loop
 * wait.  The board counts publications that changed something
 * (generation), and status_wait() sleeps until the next one, for the
 * event stream.  Times are wall-clock milliseconds since the epoch, 0 for
 * never.  The board is owned by main; the web server only borrows it.
 */
#ifndef STATUS_H
#define STATUS_H

#include <stdbool.h>
#include <stddef.h>

#define STATUS_CAMERAS_MAX	16
#define STATUS_TEXT		256
#define STATUS_NAME		64

struct status_camera {
	char	name[STATUS_NAME];
	bool	ok;			/* its last shot or open worked */
	bool	known;			/* false: not tried yet */
	char	error[STATUS_TEXT];	/* why not, or a warning */
	long	ms;			/* the last shot took */
	long long at;			/* when */
};

struct status {
	struct {
		char	state[16];	/* "starting", "connected", "unreachable" */
		char	type[16];	/* duet-http, duet-sbc, duet-serial */
		char	address[STATUS_TEXT];	/* URL or device, no password */
		long long last_poll;	/* last successful poll */
		char	error[STATUS_TEXT];	/* the last failure */
		long long error_at;
	} printer;
	struct {
		char	name[STATUS_NAME];	/* current, or the last; or "" */
		bool	recording;	/* it is the current one */
		unsigned frames;	/* frames stored in it */
		unsigned latest;	/* number of the latest frame, 0 none */
		char	latest_camera[STATUS_NAME];	/* its camera, or "" */
		long long latest_at;
	} sequence;
	struct status_camera cameras[STATUS_CAMERAS_MAX];
	size_t	ncameras;
	struct {
		long long at;		/* the print was last blocked at */
		long	ms;		/* for so long (marker seen to ack) */
		unsigned long count;	/* snapshots so far */
	} blocked;
	struct {
		long long free_bytes;	/* in the captures directory, -1 unknown */
		long long total_bytes;
	} disk;
	struct {
		char	state[16];	/* "idle", "rendering", "done", "failed" */
		char	sequence[STATUS_NAME];
		long	frame, frames;	/* progress */
		char	message[STATUS_TEXT];
	} render;
	long long started;		/* the agent started */
};

struct status_board;

/* NULL when out of memory. */
struct status_board *status_board_new(void);
void status_board_free(struct status_board *);

/* The loop: the new status; the generation moves on when it differs.
 * Skipped, never waited for, while a reader holds the board. */
void status_publish(struct status_board *, const struct status *);

/* A web thread: a copy of the status, and its generation. */
unsigned long status_read(struct status_board *, struct status *);

/*
 * Wait until the generation is past seen, or timeout_ms, or the board is
 * closed.  Returns the generation then (seen itself on a timeout), or 0
 * once closed.
 */
unsigned long status_wait(struct status_board *, unsigned long seen,
    long timeout_ms);

/* Wake every waiter for good (the server is stopping); reopen to reuse. */
void status_close(struct status_board *);
void status_reopen(struct status_board *);

#endif
