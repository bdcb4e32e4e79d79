/*
 * camera_set.h: the set of cameras fired together: every [camera NAME]
 * section of the agent's configuration.
 *
 * Each enabled camera runs in its own worker process (forked by
 * camera_set_start, its device session kept open between shots); the agent
 * talks to it over a socket and never waits on a device itself.  A worker
 * that misses its deadline is killed with its whole process group and a
 * fresh one re-opens the camera, so a hung DSLR costs one frame, never the
 * print.  The set owns every camera's configuration and worker;
 * camera_set_free ends them.
 */
#ifndef CAMERA_SET_H
#define CAMERA_SET_H

#include <stddef.h>

#include "camera/camera_pool.h"

struct camera_set;			/* opaque; owns every camera */

struct camera_set *camera_set_new(void);
void camera_set_free(struct camera_set *);

/*
 * [camera NAME] key = value, in file order.  `type` must come before the
 * keys of that type.  0 ok, -1 err filled (unknown type, unknown key, bad
 * value: which, and the allowed values).
 */
int camera_set_key(struct camera_set *, const char *name, const char *key,
    const char *value, char *err, size_t errlen);

/*
 * After the whole file: validate and spawn the workers, which open their
 * devices in the background.  -1 only for a fatal configuration problem;
 * an absent camera fails each shot with a clear error and is retried.
 */
int camera_set_start(struct camera_set *, char *err, size_t errlen);

size_t camera_set_count(const struct camera_set *);	/* enabled ones */

/*
 * Fire every enabled camera for frame `frame` (1-based) of the sequence in
 * `dir`, concurrently; returns when all are done or timed out (each after
 * its delay_ms + timeout_ms, plus a small margin).  One enabled camera:
 * dir/NNNNNN.jpeg; several: dir/NAME/NNNNNN.jpeg (frames.h).  Returns the
 * number of frames stored; fills up to n results (camera_pool.h), in
 * configuration order.
 */
int camera_set_fire(struct camera_set *, const char *dir, unsigned frame,
    struct camera_result *res, size_t n);

/*
 * Optional, at start-up: wait up to wait_ms for each worker's first
 * attempt to open its device and report it (ok, or error such as "no
 * camera found"), so the agent can say so at once.  Returns how many are
 * ready; fills up to n results.
 */
int camera_set_probe(struct camera_set *, long wait_ms,
    struct camera_result *res, size_t n);

#endif
