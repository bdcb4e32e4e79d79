/*
 * camera_pool.h: the worker processes of a set of cameras, agent side
 * (internal to camera_set.c): one per enabled camera, fired together, each
 * with its own deadline; a worker that misses it is killed and replaced.
 * And what one camera's shot gave, as the agent sees it.
 */
#ifndef CAMERA_POOL_H
#define CAMERA_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "camera/camera_config.h"

struct camera_pool;			/* opaque; owns every worker */

/*
 * A camera that failed CAMERA_DEAD_AFTER shots in a row is no longer
 * waited for: each fire still sends it the shot (one at a time) in the
 * background, and the first that comes back good has it waited for again.
 * So a dead camera costs the print a few timeouts, not one per frame.
 */
#define CAMERA_DEAD_AFTER 3

enum camera_health {
	CAMERA_WAITED,		/* waited for, as usual */
	CAMERA_GIVEN_UP,	/* this failure was the last in a row: from
				 * now on not waited for (say so once) */
	CAMERA_NOT_WAITED,	/* still failing: fired in the background */
	CAMERA_BACK,		/* answered again: waited for again */
};

/* One camera's part in a fire or a probe. */
struct camera_result {
	char name[64];
	enum camera_health health;
	unsigned fails;		/* shots failed in a row */
	bool ok;
	char path[4096];	/* the frame, or "camera:/..." if kept there */
	char error[256];	/* why not; with ok, a warning (late loss) */
	long ms;		/* from the call to the result */
};

/*
 * A pool for the n checked cameras of cfg, none spawned yet; cfg is only
 * read, and must neither move nor change while the pool lives.  NULL when
 * out of memory.
 */
struct camera_pool *camera_pool_new(const struct camera_config *cfg,
    size_t n);

/* Let every worker finish and exit; kill the stubborn ones. */
void camera_pool_free(struct camera_pool *);

/* Spawn a worker for each enabled camera.  0 ok, -1 err filled. */
int camera_pool_start(struct camera_pool *, char *err, size_t errlen);

/* As camera_set_fire and camera_set_probe (camera_set.h). */
int camera_pool_fire(struct camera_pool *, const char *dir, unsigned frame,
    struct camera_result *res, size_t n);
int camera_pool_probe(struct camera_pool *, long wait_ms,
    struct camera_result *res, size_t n);

#endif
