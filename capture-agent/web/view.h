/*
 * view.h: the status the page shows (status.h), filled in from what the
 * daemon knows: the agent's state, the cameras' last results, the
 * background render and the disk.  main's loop keeps one struct status,
 * fills it with these after each step and publishes it.  Strings are cut
 * to fit; the printer's address never carries a user:password@.
 */
#ifndef VIEW_H
#define VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "agent.h"
#include "config.h"
#include "camera/camera_set.h"
#include "web/status.h"

/* The printer, the sequence and the last block, from the agent. */
void view_agent(struct status *, const struct agent_state *,
    const struct config *);

/* The cameras' results (shot: of a snapshot, not of the start-up probe). */
void view_cameras(struct status *, const struct camera_result *, size_t n,
    bool shot);

/* The free space in directory; false when it cannot be read (yet). */
bool view_disk(struct status *, const char *directory);

/* A render started for sequence_dir; its progress; how it ended. */
void view_render_started(struct status *, const char *sequence_dir);
void view_render_progress(struct status *, long frame, long frames);
void view_render_ended(struct status *, bool ok, const char *message);

#endif
