/*
 * sequence.h: which folder the frames of a print go to.
 *
 * A sequence is a folder DIRECTORY/YYYY-MM-DD-HH-MM-SS.ffffff/ (local time
 * of its start) holding the frames of one print from 000001 on, named and
 * laid out as frames.h says (NNNNNN.jpeg, or NAME/NNNNNN.jpeg per camera
 * when there are several).  A finished sequence holds an empty file
 * ".finished".  When a frame is wanted and no sequence is current (the
 * print started before the agent, or the agent was restarted mid-print),
 * the newest unfinished sequence is resumed, numbering after the highest
 * frame the agent wrote in it or its sub-folders (frames_highest); if
 * there is none, a new one is started.  Only a folder the agent made is
 * resumed: a real folder (not a link) owned by this process's user; in a
 * captures folder that others may write, a planted one is passed over.
 * When the printer's job is known (sequence_set_job), a sequence records
 * it (.job) and one recorded for another job (another file, or the same
 * one started at another time: a cancelled earlier print) is not resumed
 * either.  The frame number advances only
 * when a frame was stored, so a failed capture leaves no gap for the video
 * encoder to trip on.  Nothing here is fatal: errors come back with a
 * message, and the caller logs them and lets the print go on.
 *
 * Two modules, not one: a sequence is the life of one folder (started,
 * current, resumed, finished), state the agent keeps between markers;
 * frames.h is the files inside such a folder, and keeps no state.  The
 * render reads frames without any sequence.
 */
#ifndef SEQUENCE_H
#define SEQUENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct sequence;

/* The printer's job: what tells one print from another. */
struct sequence_job {
	char file[256];			/* as the printer names it */
	long long started;		/* wall clock, s; 0 unknown */
};

/* Two starts this close are one print (job.duration counts whole
 * seconds, and the agent reads it a poll late). */
#define SEQUENCE_JOB_SLACK_S	60

/* For the folder root (created when missing, on first use). */
struct sequence	*sequence_new(const char *root);
void		 sequence_free(struct sequence *);

/* The printer's job from now on (copied), or NULL when it is unknown:
 * recorded by the next start, compared by the next resume. */
void	sequence_set_job(struct sequence *, const struct sequence_job *);

/* Finish the current sequence, if any, and start a new one at when. */
int	sequence_start(struct sequence *, const struct timespec *when,
	    char *err, size_t errlen);

/* Folder and number of the next frame; resumes or starts as above.
 * *dir is valid until the next call. */
int	sequence_next(struct sequence *, const struct timespec *when,
	    const char **dir, unsigned *frame, char *err, size_t errlen);

/* How many files were stored for the frame sequence_next() gave. */
void	sequence_stored(struct sequence *, int stored);

/* The current sequence folder or, when none is current, the newest
 * unfinished one resumed as sequence_next() does; NULL if there is none.
 * For gLapseFinish after a restart or a reload, which forget the current
 * sequence.  Valid until the next call. */
const char *sequence_resume(struct sequence *);

/* gLapseFinish: mark the current sequence finished; none is current after. */
int	sequence_finish(struct sequence *, char *err, size_t errlen);

/* Whether name is one sequence_start gives a folder (and nothing else). */
bool	sequence_is_name(const char *name);

/* The current sequence folder, or NULL. */
const char *sequence_dir(const struct sequence *);

/* What a sequence set aside is renamed to: SEQUENCE_ASIDE "NAME", a name
 * no capture resumes. */
#define SEQUENCE_ASIDE	".deleting-"

/*
 * Move the sequence folder name out of the way, for deleting: it is
 * renamed SEQUENCE_ASIDE NAME at once (the caller then removes it at its
 * leisure).  Not the current sequence: -1 with errno EBUSY; no such
 * sequence: ENOENT.  0, or -1 with err.
 */
int	sequence_set_aside(struct sequence *, const char *name, char *err,
	    size_t errlen);

/* The number of the last frame stored in it (0: none yet). */
unsigned sequence_last(const struct sequence *);

#endif
