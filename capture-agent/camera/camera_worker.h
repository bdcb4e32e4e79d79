/*
 * camera_worker.h: the worker process of one camera, and the messages it
 * exchanges with the agent over a SOCK_SEQPACKET socket: one request per
 * frame, one reply when the frame is stored or failed (and, with
 * early_ack, one when the exposure is over).  Internal to the camera
 * folder: camera_pool.c forks the worker and talks to it.
 */
#ifndef CAMERA_WORKER_H
#define CAMERA_WORKER_H

#include <stdint.h>

#include "camera/camera_type.h"

enum camera_rep_kind {
	CAMERA_REP_OPENED = 1,		/* first open attempt done (seq 0) */
	CAMERA_REP_EXPOSED,		/* exposure over, download continues */
	CAMERA_REP_DONE,		/* frame stored, or failed */
};

struct camera_req {
	uint32_t seq;
	uint32_t frame;
	char dir[CAMERA_PATH_MAX];
	char path[CAMERA_PATH_MAX];
};

struct camera_rep {
	uint32_t seq;
	int32_t kind;
	int32_t ok;
	char path[CAMERA_PATH_MAX];
	char error[CAMERA_ERR_MAX];
};

/*
 * In the worker: the process group of a command the camera runs (an exec
 * camera's), or 0 when none runs.  A worker told to end with SIGTERM
 * (camera_pool.c does, before SIGKILL) kills that group first, so nothing
 * the command started outlives it.
 */
void camera_worker_group(int pgid);

/*
 * In the forked child: open the device (and say so with CAMERA_REP_OPENED,
 * seq 0), then serve requests until the socket closes.  Never returns.
 */
void camera_worker_main(const struct camera_type *, const void *conf,
    const struct camera_common *, int sock) __attribute__((noreturn));

#endif
