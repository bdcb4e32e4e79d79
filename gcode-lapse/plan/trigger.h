/*
 * trigger.h: when a snapshot is due.
 *
 * Periodic triggers (every N layers, every N mm of height, every N
 * seconds of estimated print time) are asked at layer changes (and, for
 * time, at retracted travels); the user's own command in the file
 * ("@GLAPSE SNAPSHOT" as a line or a comment) asks for one at that line,
 * and pause/resume commands turn every trigger off and on again.
 * The trigger only answers; the rewriter decides whether a snapshot can
 * really be placed and calls trigger_placed() when it was.
 *
 * Invariant: the trigger never sees the tracker's state, only the
 * profile, the text of the lines it is asked about and what
 * trigger_placed() told it; height and time count from the last snapshot
 * placed, not the last one asked for, layers from the first layer.
 */
#ifndef TRIGGER_H
#define TRIGGER_H

#include <stdbool.h>
#include <stddef.h>

#include "settings/profile.h"

/* The fields are trigger.c's: callers use the functions. */
struct trigger {
	const struct profile *p;
	bool paused;
	bool placed_any;
	double last_z;		/* its height */
	double last_s;		/* its estimated time */
	bool first[256];	/* bytes a command line can start with */
};

enum trigger_command {
	TRIGGER_NONE,
	TRIGGER_SNAPSHOT,	/* the user's snapshot command, not paused */
	TRIGGER_PAUSE,
	TRIGGER_RESUME,
	TRIGGER_SNAPSHOT_PAUSED,	/* the snapshot command while paused */
};

void trigger_init(struct trigger *, const struct profile *);

/* Can the line be one of the user's commands at all?  (Inline: every
 * line of the file is asked.) */
static inline bool
trigger_maybe(const struct trigger *t, const char *text, size_t len)
{
	return len > 0 && t->first[(unsigned char)text[0]];
}

/* One line's text: is it one of the user's commands?  Cheap when not. */
enum trigger_command trigger_command(struct trigger *, const char *text,
    size_t len);

/*
 * Layer finished_layer (1 = the first) ended at height z, now_s seconds
 * into the print: is a snapshot due?
 */
bool trigger_layer(const struct trigger *, int finished_layer, double z,
    double now_s);

/* Time trigger between layers: is one due now? */
bool trigger_time(const struct trigger *, double now_s);

/* Are the snapshots paused (between the pause and resume commands)? */
bool trigger_paused(const struct trigger *);

/*
 * Is a snapshot of the finished print due: some were placed, or the
 * trigger is periodic (a print of one layer gets that one), and they are
 * not paused?
 */
bool trigger_final_due(const struct trigger *);

/* A snapshot was placed: the next is counted from height z and now_s. */
void trigger_placed(struct trigger *, double z, double now_s);

#endif
