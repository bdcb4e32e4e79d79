/*
 * cameras.h: every camera of the agent, fired together.
 *
 * Each enabled camera runs in its own worker process (forked by
 * cameras_start, its device session kept open between shots); the agent
 * talks to it over a socket and never waits on a device itself.  A worker
 * that misses its deadline is killed with its whole process group and a
 * fresh one re-opens the camera, so a hung DSLR costs one frame, never the
 * print.  The struct owns every worker; cameras_free ends them.
 */
#ifndef CAMERAS_H
#define CAMERAS_H

#include <stddef.h>

struct cameras;				/* opaque; owns every camera */

struct cameras *cameras_new(void);
void cameras_free(struct cameras *);

/*
 * [camera NAME] key = value, in file order.  `type` must come before the
 * keys of that type.  0 ok, -1 err filled (unknown type, unknown key, bad
 * value: which, and the allowed values).
 */
int cameras_set(struct cameras *, const char *name, const char *key,
    const char *value, char *err, size_t errlen);

/*
 * After the whole file: validate and spawn the workers, which open their
 * devices in the background.  -1 only for a fatal configuration problem;
 * an absent camera fails each shot with a clear error and is retried.
 */
int cameras_start(struct cameras *, char *err, size_t errlen);

size_t cameras_count(const struct cameras *);	/* enabled ones */

struct camera_result {
	char name[64];
	int ok;
	char path[4096];	/* the frame, or "camera:/..." if kept there */
	char error[256];	/* why not; with ok, a warning (late loss) */
	long ms;		/* from the call to the result */
};

/*
 * Fire every enabled camera for frame `frame` (1-based) of the sequence in
 * `dir`, concurrently; returns when all are done or timed out (each after
 * its delay_ms + timeout_ms, plus a small margin).  One enabled camera:
 * dir/NNNNNN.jpeg; several: dir/NAME/NNNNNN.jpeg.  Returns the number of
 * frames stored; fills up to n results, in configuration order.
 */
int cameras_fire(struct cameras *, const char *dir, unsigned frame,
    struct camera_result *res, size_t n);

/*
 * Optional, at start-up: wait up to wait_ms for each worker's first
 * attempt to open its device and report it (ok, or error such as "no
 * camera found"), so the agent can say so at once.  Returns how many are
 * ready; fills up to n results.
 */
int cameras_probe(struct cameras *, long wait_ms, struct camera_result *res,
    size_t n);

#endif
