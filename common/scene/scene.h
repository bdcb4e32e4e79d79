/*
 * scene.h: a print as a placed camera sees it, built up bead by bead.
 *
 * The scene is a picture with a depth buffer (raster.h) into which every
 * bead of filament is drawn as it is laid, so its memory is the picture's
 * whatever the number of moves: nothing of a bead is kept once it is
 * drawn.  A bead is the filament a straight move lays: its top follows
 * the nozzle from one point to the other, it is width wide and height
 * thick, with a round profile (the normal turns across it, lit by a fixed
 * light above and to the left of the camera), so layers read as layers.
 * The bed is a checkered plane at Z = 0.  The head (nozzle, heater block,
 * carriage: SCENE_HEAD_*) is drawn only on a copy, one frame at a time, in
 * a colour nothing else has: magenta (red = blue, no green), at any light.
 *
 * The scene knows geometry, not G-code; its owner feeds it beads.
 */
#ifndef SCENE_H
#define SCENE_H

#include <stdbool.h>
#include <stddef.h>

#include "scene/raster.h"
#include "scene/view.h"

/* The head around its nozzle tip, mm: the box that holds all of it. */
#define SCENE_HEAD_HALF_X	25.0
#define SCENE_HEAD_HALF_Y	18.0
#define SCENE_HEAD_HEIGHT	60.0

#define SCENE_HEAD_COLOUR	RASTER_RGB(255, 0, 255)
#define SCENE_FILAMENT_COLOUR	RASTER_RGB(242, 128, 36)

struct scene;			/* opaque; owns its two pictures */

/*
 * An empty scene seen through v (copied), with the bed from (bed[0],
 * bed[1]) to (bed[2], bed[3]) when bed is not NULL.  NULL with err when
 * out of memory.
 */
struct scene *scene_new(const struct view *v, const double bed[4],
    char *err, size_t errlen);
void scene_free(struct scene *);

/* Back to the empty bed. */
void scene_clear(struct scene *);

/* Change the filament's colour for the beads that follow. */
void scene_colour(struct scene *, uint32_t colour);

/*
 * The filament colour of tool n: SCENE_FILAMENT_COLOUR for the first,
 * then teal, yellow-green, white, ... (never the head's magenta).
 */
uint32_t scene_tool_colour(int tool);

/*
 * The bead laid while the nozzle moved from `from` to `to` (world, mm):
 * width and height in mm, both > 0.
 */
void scene_bead(struct scene *, const double from[3], const double to[3],
    double width, double height);

/*
 * The picture with the head's nozzle tip at head (NULL: the print alone),
 * valid until the next call on the scene.
 */
const struct raster *scene_frame(struct scene *, const double head[3]);

/* Does the head, nozzle tip at head, show in the picture? (its box) */
bool scene_head_in_picture(const struct scene *, const double head[3]);

const struct view *scene_view(const struct scene *);

#endif
