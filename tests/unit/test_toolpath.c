/*
 * test_toolpath.c: from moves to beads: widths from the slicer's
 * comments and from the filament pushed, heights, arcs, G92 shifts, and
 * what lays no bead (travel, retraction, the dry run's moves).
 */
#include <math.h>
#include <string.h>

#include "t.h"
#include "gcode/gcode.h"
#include "gcode/machine.h"
#include "gcode/toolpath.h"

#define MAXB 64

struct got {
	struct toolpath_bead b[MAXB];
	int n;
};

static void
on_bead(void *arg, const struct toolpath_bead *b)
{
	struct got *g = arg;

	if (g->n < MAXB)
		g->b[g->n] = *b;
	g->n++;
}

/* Feed each line to the tracker and the toolpath; beads into g. */
static void
run(struct machine *m, struct toolpath *tp, struct got *g, const char *text)
{
	char err[256];

	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		struct gcode_line gl;
		int ev;

		if (gcode_parse(text, n, NULL, &gl) == GCODE_OK &&
		    (ev = machine_feed(m, &gl, err, sizeof err)) >= 0)
			toolpath_line(tp, m, &gl, ev, on_bead, g);
		text += n + (nl != NULL);
	}
}

static void
fresh(struct machine *m, struct toolpath *tp, struct got *g, double dia)
{
	struct machine_config cfg;

	machine_config_default(&cfg);
	machine_init(m, &cfg);
	toolpath_init(tp, dia);
	memset(g, 0, sizeof *g);
}

int
main(void)
{
	struct machine m;
	struct toolpath tp;
	struct got g;
	double area = M_PI * 1.75 * 1.75 / 4, head[3];

	fresh(&m, &tp, &g, 0);
	run(&m, &tp, &g, "G21\nG90\nM83\nG1 Z0.2 F600\nG1 X10 Y10\n"
	    ";HEIGHT:0.2\n;WIDTH:0.45\nG1 X30 Y10 E1\nG1 E-0.8\nG1 X40\n"
	    "G1 E0.8\nG1 X40 Y30 E1\n");
	T_EQ_INT(g.n, 2, "two extrusions, two beads (no travel, no "
	    "retraction)");
	T_OK(g.b[0].from[0] == 10 && g.b[0].to[0] == 30 && g.b[0].to[2] ==
	    0.2, "the first from X10 to X30 at Z0.2");
	T_EQ_DBL(g.b[0].width, 0.45, 1e-12, "its width from ;WIDTH:");
	T_EQ_DBL(g.b[0].height, 0.2, 1e-12, "its height from ;HEIGHT:");
	T_OK(g.b[1].from[0] == 40 && g.b[1].from[1] == 10 &&
	    g.b[1].to[1] == 30, "the second starts where the travel ended");

	/* no comments: the width follows from E */
	fresh(&m, &tp, &g, 1.75);
	run(&m, &tp, &g, "G90\nM83\nG1 Z0.3\nG1 X0 Y0\nG1 X10 E0.5\n");
	T_EQ_INT(g.n, 1, "one bead");
	T_EQ_DBL(g.b[0].width, 0.5 * area / (10 * 0.2), 1e-9, "width = E x "
	    "area / (length x height), the height by default %g",
	    TOOLPATH_HEIGHT_DEFAULT);
	fresh(&m, &tp, &g, 2.85);
	run(&m, &tp, &g, "G90\nM83\nG1 Z0.3\nG1 X0 Y0\nG1 X10 E0.5\n");
	T_EQ_DBL(g.b[0].width, 0.5 * M_PI * 2.85 * 2.85 / 4 / 2, 1e-9,
	    "a 2.85 mm filament lays a wider bead");
	fresh(&m, &tp, &g, 1.75);
	run(&m, &tp, &g, "G90\nM83\nG1 Z0.3\nG1 X0 Y0\nG1 X0.01 E5\n");
	T_EQ_DBL(g.b[0].width, TOOLPATH_WIDTH_MAX, 0, "a blob is clamped");

	/* bed coordinates: a G92 shift is undone */
	fresh(&m, &tp, &g, 0);
	run(&m, &tp, &g, "G90\nM83\nG1 X50 Y50 Z0.2\nG92 X0 Y0\n"
	    "G1 X10 E0.4\n");
	T_OK(g.n == 1 && g.b[0].from[0] == 50 && g.b[0].to[0] == 60,
	    "after G92 X0 the bead is where the nozzle is (%g..%g)",
	    g.b[0].from[0], g.b[0].to[0]);
	T_OK(toolpath_nozzle(&m, head) && head[0] == 60 && head[1] == 50,
	    "and the nozzle too");

	/* an arc: a half circle of radius 10 in 5 degree chords */
	fresh(&m, &tp, &g, 0);
	run(&m, &tp, &g, "G90\nM83\n;WIDTH:0.5\nG1 X0 Y0 Z0.2\n"
	    "G3 X20 Y0 I10 J0 E2\n");
	T_EQ_INT(g.n, 36, "a half circle is 36 chords");
	{
		int off = 0;

		for (int i = 0; i < g.n && i < MAXB; i++)
			off += fabs(hypot(g.b[i].to[0] - 10, g.b[i].to[1]) -
			    10) > 1e-9 || g.b[i].to[1] > 1e-9;
		T_EQ_INT(off, 0, "every chord ends on the circle, below Y0 "
		    "(G3 from X0 goes counter-clockwise)");
		T_OK(g.b[35].to[0] == 20 && g.b[35].to[1] == 0, "the last ends "
		    "exactly at the end point");
	}
	fresh(&m, &tp, &g, 0);
	run(&m, &tp, &g, "G90\nM83\n;WIDTH:0.5\nG1 X0 Y0 Z0.2\n"
	    "G2 X20 Y0 I10 J0 Z1.2 E2\n");
	T_OK(g.n == 36 && g.b[17].to[1] > 9.9 && fabs(g.b[35].to[2] - 1.2) <
	    1e-9 && g.b[0].to[2] > 0.2, "G2 goes over the top, climbing "
	    "(helical)");

	/* the dry run's moves (no E) lay nothing */
	fresh(&m, &tp, &g, 0);
	run(&m, &tp, &g, "G90\nG1 X0 Y0 Z0.2\nG1 X10\nG1 X20 Y20\n");
	T_EQ_INT(g.n, 0, "moves without filament lay nothing");
	return t_done();
}
