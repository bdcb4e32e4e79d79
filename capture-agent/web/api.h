/*
 * api.h: the JSON documents of the page's API (capture-agent(8), WEB
 * PAGE): the status, the list of sequences, one sequence.  Built with
 * jansson, so every string is escaped; each function returns a string
 * the caller frees with free(), or NULL when out of memory.
 */
#ifndef API_H
#define API_H

#include <stdbool.h>
#include <stddef.h>

#include "web/library.h"
#include "web/status.h"

/* GET /api/status (and each event of /api/events). */
char *api_status(const struct status *, bool actions);

/* GET /api/sequences */
char *api_sequences(const struct library_sequence *, size_t n);

/* GET /api/sequences/NAME: frames[i] (nframes[i] of them) are the frames
 * of camera i, for the scrubber. */
char *api_sequence(const struct library_sequence *,
    struct library_frame *const *frames, const size_t *nframes);

/* {"error": msg}, and {"ok": true, "message": msg} */
char *api_error(const char *msg);
char *api_ok(const char *msg);

#endif
