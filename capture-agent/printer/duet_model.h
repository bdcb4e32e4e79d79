/*
 * duet_model.h: what RepRapFirmware and DSF answer, parsed with jansson.
 *
 * Every transport (standalone HTTP, DSF, serial) hands the text of a reply
 * here and gets plain C structs back; nothing else in the agent looks
 * inside printer JSON.  The parsers trust nothing: any shape other than
 * the expected one is an error with a short reason, never a crash, and
 * they allocate only inside jansson, freed before returning.
 */
#ifndef DUET_MODEL_H
#define DUET_MODEL_H

#include <stdbool.h>
#include <stddef.h>

/* state.messageBox */
struct duet_box {
	bool present;			/* false: no box shown */
	unsigned long seq;
	int mode;			/* M291 S: 0..7 */
	bool exact;			/* message below is the whole message */
	char message[256];		/* truncated when !exact */
};

struct duet_status {
	struct duet_box box;
	long long uptime;		/* state.upTime in s, -1 unknown */
	/* The firmware removes only the box an M292 S<seq> names (RRF 3.5
	 * and later); false when it may ignore S and remove whatever box is
	 * shown (3.4 and older, the 2.x path), or when it cannot be told. */
	bool ack_by_seq;
};

/* job: the file being printed, how far the printer has read it, and how
 * long it has printed it (which tells one print from another). */
struct duet_job {
	bool printing;			/* job.file.fileName is a file */
	char file[256];			/* "0:/gcodes/part.gcode" */
	long long position;		/* job.filePosition, bytes; -1: not
					   said */
	long long duration;		/* job.duration, s; -1: not said */
};

/* Reply to rr_connect. */
struct duet_session {
	bool have_key;			/* RRF >= 3.5 with sessionKey=yes */
	unsigned long key;
	long timeout_ms;		/* 0 when not said */
	int api_level;			/* 0 when not said (RRF 2.x, 3.0) */
};

/*
 * A model reply {"key":K,"flags":F,"result":R} (rr_model, or M409 on a
 * serial line) for key "state.messageBox" (fills st->box) or "state.upTime"
 * (fills st->uptime).  0 ok, 1 when the reply is for another key (a stale
 * line on a serial port), -1 with err on anything malformed.
 */
int	duet_parse_model_reply(const char *json, size_t len, const char *key,
	    struct duet_status *st, char *err, size_t errlen);

/*
 * A model reply for key "job" (rr_model?key=job&flags=v, M409 K"job"):
 * the file name (null when nothing is printed), the position and the
 * duration.  A name too long for job->file, or with a NUL in it, is an
 * error.  0 ok, 1 when the reply is for another key (a stale line on a
 * serial port), -1 with err.
 */
int	duet_parse_job(const char *json, size_t len, struct duet_job *job,
	    char *err, size_t errlen);

/* Legacy rr_status?type=1 (RRF 2.x, 3.0): output.msgBox and time. */
int	duet_parse_status1(const char *json, size_t len, struct duet_status *st,
	    char *err, size_t errlen);

/* DSF /machine/model: the whole object model (boards[0].firmwareVersion
 * 3.5 or later sets ack_by_seq); job may be NULL. */
int	duet_parse_dsf_model(const char *json, size_t len,
	    struct duet_status *st, struct duet_job *job, char *err,
	    size_t errlen);

/* rr_connect; err 1 (bad password) and 2 (no free session) are errors. */
int	duet_parse_connect(const char *json, size_t len, struct duet_session *s,
	    char *err, size_t errlen);

/* DSF /machine/connect: {"sessionKey":"..."} into key. */
int	duet_parse_dsf_connect(const char *json, size_t len, char *key,
	    size_t keylen, char *err, size_t errlen);

/* Whether the line is a serial reply wrapper {"seq":N,"resp":"..."}. */
bool	duet_is_wrapped_reply(const char *json, size_t len);

#endif
