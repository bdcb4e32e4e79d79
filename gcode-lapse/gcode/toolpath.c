/*
 * toolpath.c: from the tracker's last move to beads.
 *
 * The tracker keeps logical positions (what the G-code says); the bed
 * position is that plus its G92 shift, which a move does not change.  An
 * arc's centre and sweep come from the tracker too, so both agree on
 * where an arc goes.
 */
#include <math.h>
#include <string.h>

#include "num.h"
#include "gcode/toolpath.h"
#include "scene/scene.h"

#define ARC_CHORDS_MAX 720

void
toolpath_init(struct toolpath *tp, double filament_diameter)
{
	double d = filament_diameter > 0 ? filament_diameter :
	    TOOLPATH_FILAMENT_DEFAULT;

	tp->filament_area = M_PI * d * d / 4;
	tp->width = 0;
}

/* ";WIDTH:0.45", "; LINE_WIDTH: 0.42": the width in the comment. */
static void
learn_width(struct toolpath *tp, const struct gcode_line *gl)
{
	static const char *const prefixes[] = { "WIDTH:", "LINE_WIDTH:" };
	const char *c = gl->comment, *end = c + gl->comment_len;
	size_t used;
	double w;

	while (c < end && (*c == ' ' || *c == '\t'))
		c++;
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i]);

		if ((size_t)(end - c) < n || memcmp(c, prefixes[i], n) != 0)
			continue;
		c += n;
		while (c < end && (*c == ' ' || *c == '\t'))
			c++;
		if (num_gcode(c, (size_t)(end - c), &w, &used) == NUM_OK &&
		    w >= TOOLPATH_WIDTH_MIN && w <= TOOLPATH_WIDTH_MAX)
			tp->width = w;
		return;
	}
}

static void
bed_point(const struct machine *m, const double *logical, double out[3])
{
	for (int ax = 0; ax < 3; ax++)
		out[ax] = logical[ax] + m->shift[ax];
}

void
toolpath_draw(void *arg, const struct toolpath_bead *b)
{
	scene_colour(arg, scene_tool_colour(b->tool));
	scene_bead(arg, b->from, b->to, b->width, b->height);
}

bool
toolpath_nozzle(const struct machine *m, double out[3])
{
	bed_point(m, m->pos, out);
	return m->known[AX_X] && m->known[AX_Y] && m->known[AX_Z];
}

void
toolpath_line(struct toolpath *tp, const struct machine *m,
    const struct gcode_line *gl, int events, toolpath_bead_fn *bead,
    void *arg)
{
	const struct machine_move *mv = &m->last;
	struct toolpath_bead b;
	double height, width;

	if (gl->comment != NULL && gl->comment_len > 0)
		learn_width(tp, gl);
	if (!(events & EV_MOVE) || mv->kind != MOVE_EXTRUDE || !mv->known ||
	    !(mv->length > 1e-6))
		return;
	height = m->layers.height > 0 && m->layers.height < 10 ?
	    m->layers.height : TOOLPATH_HEIGHT_DEFAULT;
	width = tp->width;
	if (width <= 0) {
		width = mv->de * tp->filament_area / (mv->length * height);
		width = fmin(fmax(width, TOOLPATH_WIDTH_MIN),
		    TOOLPATH_WIDTH_MAX);
	}
	b.width = width;
	b.height = height;
	b.tool = m->tool;
	bed_point(m, mv->from, b.from);
	bed_point(m, mv->to, b.to);
	if (mv->arc) {
		double cx = mv->centre[0] + m->shift[AX_X];
		double cy = mv->centre[1] + m->shift[AX_Y];
		double r = hypot(b.from[0] - cx, b.from[1] - cy);
		double a0 = atan2(b.from[1] - cy, b.from[0] - cx);
		double last[3] = { b.to[0], b.to[1], b.to[2] };
		int n = (int)ceil(fabs(mv->sweep) / (TOOLPATH_ARC_DEG * M_PI /
		    180));

		n = n < 1 ? 1 : n > ARC_CHORDS_MAX ? ARC_CHORDS_MAX : n;
		for (int i = 1; i <= n; i++) {
			double a = a0 + mv->sweep * i / n;

			b.to[0] = i == n ? last[0] : cx + r * cos(a);
			b.to[1] = i == n ? last[1] : cy + r * sin(a);
			b.to[2] = b.from[2] + (last[2] - b.from[2]) /
			    (n - i + 1);
			bead(arg, &b);
			for (int ax = 0; ax < 3; ax++)
				b.from[ax] = b.to[ax];
		}
		return;
	}
	bead(arg, &b);
}
