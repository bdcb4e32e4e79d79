/*
 * print_picture.h: the picture of a print as it stands on the printer, for
 * the test camera's picture = print (see camera_test.c).
 *
 * At each shot it asks the printer where its job stands (the file and the
 * byte it has read up to, printer.h), fetches that file once, and feeds
 * the lines executed since the last shot through the G-code engine into
 * the scene (common/scene), which is kept between shots: a shot costs
 * what was printed since the previous one.  A position going backwards or
 * another file starts again from the empty bed.  The nozzle is drawn
 * where those lines left it.  Invariant: the picture shows exactly the
 * beads of the lines before the printer's position.
 *
 * The settings are read in the agent (print_picture_conf_*); the picture
 * itself lives in the camera's worker process, which owns it with its
 * printer connection, the file, the tracker and the scene.
 */
#ifndef PRINT_PICTURE_H
#define PRINT_PICTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "scene/raster.h"
#include "scene/view.h"

#define PRINT_PICTURE_FILE_MAX	(1024L * 1024 * 1024)	/* bytes */

struct print_picture_conf {
	bool on;			/* picture = print */
	char url[512];			/* the printer, duet-http */
	char password[128];
	struct view_settings view;	/* camera, look_at, fov */
	double bed[4];			/* X0,Y0,X1,Y1 */
	double filament_diameter;	/* mm */
};

void print_picture_conf_init(struct print_picture_conf *);

/*
 * One key of the test camera's section: picture, url, password, camera,
 * look_at, fov, bed, filament_diameter.  0 ok, 1 not one of these keys,
 * -1 with err.
 */
int print_picture_conf_set(struct print_picture_conf *, const char *key,
    const char *value, char *err, size_t errlen);

/* The whole section read: url is needed with picture = print. */
int print_picture_conf_check(const struct print_picture_conf *, char *err,
    size_t errlen);

/* The keys, for messages. */
#define PRINT_PICTURE_KEYS \
	"picture, url, password, camera, look_at, fov, bed, filament_diameter"

struct print_picture;

/*
 * A picture of width x height pixels; requests to the printer take at
 * most timeout_ms each.  NULL with err.
 */
struct print_picture *print_picture_new(const struct print_picture_conf *,
    int width, int height, long timeout_ms, char *err, size_t errlen);
void print_picture_free(struct print_picture *);

/*
 * The print as it stands now, valid until the next call.  0, or -1 with
 * err (the printer cannot be reached, prints nothing and never did).
 */
int print_picture_take(struct print_picture *, const struct raster **,
    char *err, size_t errlen);

#endif
