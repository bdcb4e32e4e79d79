/*
 * fuzz_config.c: libFuzzer target for both INI readers: capture-agent's
 * configuration (printer, captures, render, and every camera key through
 * the camera module) and gcode-lapse's profile.  Any file must give a
 * configuration or a "file:line: what" error, never a crash or a leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config.h"
#include "camera/camera_set.h"
#include "settings/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
camera_key(void *arg, const char *name, const char *key, const char *value,
    char *err, size_t errlen)
{
	return camera_set_key(arg, name, key, value, err, errlen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct profile p;
	struct camera_set *cams;
	char path[64], err[1024];
	int fd = memfd_create("fuzz_config", 0);

	if (fd == -1)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if ((cams = camera_set_new()) != NULL) {
		(void)config_load(path, &cfg, camera_key, cams, err,
		    sizeof err);
		camera_set_free(cams);	/* never started: no worker */
	}
	profile_init(&p);
	(void)profile_load(&p, path, err, sizeof err);
	close(fd);
	return 0;
}
