/*
 * camera_set.c: the set of cameras, as the agent sees it.
 *
 * Gathers the [camera NAME] sections (camera_config.c reads each key) in
 * file order, then, at start, hands the checked set to a pool of worker
 * processes (camera_pool.c) that fires them.  Invariant: the set is only
 * changed before start and only read after it, so the pool may keep
 * pointers into it; after start each camera's configuration is complete
 * and checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "camera/camera_config.h"
#include "camera/camera_pool.h"
#include "camera/camera_set.h"
#include "camera/camera_type.h"

struct camera_set {
	struct camera_config *cam;
	size_t n;
	struct camera_pool *pool;	/* NULL until started */
};

struct camera_set *
camera_set_new(void)
{
	return calloc(1, sizeof(struct camera_set));
}

void
camera_set_free(struct camera_set *cs)
{
	size_t i;

	if (cs == NULL)
		return;
	camera_pool_free(cs->pool);
	for (i = 0; i < cs->n; i++)
		camera_config_free(&cs->cam[i]);
	free(cs->cam);
	free(cs);
}

static struct camera_config *
find_or_add(struct camera_set *cs, const char *name, char *err, size_t errlen)
{
	struct camera_config new, *k;
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->cam[i].c.name, name) == 0)
			return &cs->cam[i];
	if (camera_config_init(&new, name, err, errlen) == -1)
		return NULL;
	if ((k = reallocarray(cs->cam, cs->n + 1, sizeof *k)) == NULL) {
		errbuf_set(err, errlen, "camera '%s': out of memory", name);
		return NULL;
	}
	cs->cam = k;
	k = &cs->cam[cs->n++];
	*k = new;
	return k;
}

int
camera_set_key(struct camera_set *cs, const char *name, const char *key,
    const char *value, char *err, size_t errlen)
{
	struct camera_config *k;

	if (cs->pool != NULL)
		return errbuf_set(err, errlen, "camera %s: cameras already "
		    "started", name);
	if ((k = find_or_add(cs, name, err, errlen)) == NULL)
		return -1;
	return camera_config_set(k, key, value, err, errlen);
}

size_t
camera_set_count(const struct camera_set *cs)
{
	size_t i, n = 0;

	for (i = 0; i < cs->n; i++)
		if (cs->cam[i].c.enabled)
			n++;
	return n;
}

int
camera_set_start(struct camera_set *cs, char *err, size_t errlen)
{
	size_t i;

	if (cs->pool != NULL)
		return errbuf_set(err, errlen, "cameras already started");
	for (i = 0; i < cs->n; i++)
		if (camera_config_check(&cs->cam[i], err, errlen) == -1)
			return -1;
	if ((cs->pool = camera_pool_new(cs->cam, cs->n)) == NULL)
		return errbuf_set(err, errlen, "cameras: out of memory");
	return camera_pool_start(cs->pool, err, errlen);
}

int
camera_set_fire(struct camera_set *cs, const char *dir, unsigned frame,
    struct camera_result *res, size_t n)
{
	if (cs->pool == NULL)
		return 0;
	return camera_pool_fire(cs->pool, dir, frame, res, n);
}

int
camera_set_probe(struct camera_set *cs, long wait_ms, struct camera_result *res,
    size_t n)
{
	struct camera_pool *unstarted;
	int ready;

	if (cs->pool != NULL)
		return camera_pool_probe(cs->pool, wait_ms, res, n);
	/* Nothing spawned yet: every enabled camera is still opening. */
	if ((unstarted = camera_pool_new(cs->cam, cs->n)) == NULL)
		return 0;
	ready = camera_pool_probe(unstarted, wait_ms, res, n);
	camera_pool_free(unstarted);
	return ready;
}
