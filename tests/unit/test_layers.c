/*
 * test_layers.c: layers as real files show them: the comments of every
 * family, one layer per height in a spiral with flat moves inside it,
 * purge lines and levelling wobble that are no sequential printing.
 */
#include <stdio.h>
#include <string.h>

#include "t.h"
#include "gcode/machine.h"

static struct machine m;

static void
fresh(bool comments)
{
	struct machine_config cfg;

	machine_config_default(&cfg);
	cfg.firmwares = FW_BIT(FW_MARLIN2);
	cfg.layer_comments = comments;
	machine_init(&m, &cfg);
}

/* Feed every line of text; the number of layer events. */
static int
run(const char *text)
{
	char err[256];
	int layers = 0;

	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		int ev = machine_feed_text(&m, text, n, err, sizeof err);

		layers += ev > 0 && (ev & EV_LAYER);
		text += n + (nl != NULL);
	}
	return layers;
}

static void
test_comment_styles(void)
{
	static const struct {
		const char *name, *layer1, *layer2;
		double z2;
	} styles[] = {
		{ "KISSlicer", "; BEGIN_LAYER_OBJECT z=0.300 z_thickness=0.300",
		    "; BEGIN_LAYER_OBJECT z=0.500 z_thickness=0.200", 0.5 },
		{ "IceSL", "; <layer>", "; <layer>", 0.5 },
		{ "FlashPrint", ";layer:0.30", ";layer:0.20", 0.5 },
		{ "CraftWare", "; Layer #1", "; Layer #2", 0.5 },
		{ "Skeinforge", "(<layer> 0.300 )", "(<layer> 0.500 )", 0.5 },
		{ "Kiri:Moto", ";; --- layer 0 (0.3 @ 0.3) ---",
		    ";; --- layer 1 (0.2 @ 0.5) ---", 0.5 },
		{ "Simplify3D, post-processed", "; layer 1, Z=0.300",
		    "; layer 2, Z=0.500", 0.5 },
		{ "MatterControl", "; LAYER:0", "; LAYER:1", 0.5 },
	};
	char text[512];

	for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
		fresh(true);
		snprintf(text, sizeof text, "G28\nG90\nM83\n%s\nG1 Z0.3 F600\n"
		    "G1 X0 Y0 F9000\nG1 X10 E1 F1200\n%s\nG1 Z0.5 F600\n"
		    "G1 X0 E1 F1200\n", styles[i].layer1, styles[i].layer2);
		T_EQ_INT(run(text), 2, "%s: two layers", styles[i].name);
		T_OK(m.layers.style != LAYER_STYLE_NONE &&
		    m.layers.comments == 2, "%s: from its comments (%s)",
		    styles[i].name, layers_source(&m.layers));
		T_EQ_DBL(m.layers.z, styles[i].z2, 1e-9, "%s: the height",
		    styles[i].name);
	}
	/* FlashPrint's ";layer:" is the thickness */
	fresh(true);
	run("G28\nM83\n;layer:0.25\nG1 Z0.25 F600\nG1 X0 Y0\nG1 X9 E1\n");
	T_EQ_DBL(m.layers.height, 0.25, 1e-9, "FlashPrint: the thickness");
}

static void
test_spiral_with_flat_moves(void)
{
	char line[96];
	double z = 0.84;

	/* Slic3r 1.3's vase without comments: each step of the spiral is
	 * followed by a flat move at its Z (its last decimal unchanged) */
	fresh(false);
	m.layers.hint = 0.28;
	run("G28\nG90\nM82\nG92 E0\nG1 Z0.28 F7800\nG1 X0 Y0\nG1 X20 E1\n"
	    "G1 Z0.56 F7800\nG1 X0 E2\nG1 Z0.84 F7800\nG1 X20 E3\n");
	for (int i = 0; i < 1000; i++) {
		double e = 3 + i * 0.1;

		z += 0.0255;
		snprintf(line, sizeof line, "G1 Z%.3f X%d Y%d E%.5f",
		    z, i % 2 ? 20 : 0, i % 3, e);
		run(line);
		snprintf(line, sizeof line, "G1 Z%.3f X%d Y%d E%.5f", z,
		    i % 2 ? 21 : 1, i % 3, e + 0.05);
		run(line);
	}
	T_OK(m.layers.vase_seen, "spiral seen");
	/* 0.84 + 25.5 mm in 0.28 mm layers: 91 more */
	T_OK(m.layers.count >= 3 + 90 && m.layers.count <= 3 + 92,
	    "one layer per layer height, not per move (%d)", m.layers.count);
	T_OK(!m.layers.z_went_down, "and no sequential printing");
}

static void
test_not_sequential(void)
{
	/* a purge line at 0.3, the print from 0.28 */
	fresh(false);
	run("G28\nG90\nM83\nG1 Z0.3 F600\nG1 X0.1 Y20\nG1 Y200 E15\n"
	    "G1 Z0.28\nG1 X100 Y100\nG1 X120 E1\nG1 Z0.56\nG1 X100 E1\n"
	    "G1 Z0.84\nG1 X120 E1\n");
	T_OK(!m.layers.z_went_down, "a purge line above the first layer");
	/* Bambu: purge lines before the first layer comment */
	fresh(true);
	run("G28\nG90\nM83\nG1 Z0.8 F600\nG1 X20 Y0\nG1 X200 E9\nG1 Z0.3\n"
	    "G1 X20 E9\n; CHANGE_LAYER\n; Z_HEIGHT: 0.2\nG1 Z0.2\nG1 X50 Y50\n"
	    "G1 X60 E1\n; CHANGE_LAYER\n; Z_HEIGHT: 0.4\nG1 Z0.4\nG1 X50 E1\n"
	    "; CHANGE_LAYER\n; Z_HEIGHT: 0.6\nG1 Z0.6\nG1 X60 E1\n");
	T_OK(!m.layers.z_went_down && m.layers.count == 3,
	    "the start code's purge lines: no layers, no sequential (%d)",
	    m.layers.count);
	/* software levelling: Z of every move varies by a few tenths */
	fresh(true);
	run("G28\nG90\nM82\nG92 E0\n; LAYER:0\nG1 X0 Y0 Z2.41\n"
	    "G1 X50 Z2.15 E1\nG1 X100 Z2.40 E2\n; LAYER:1\nG1 X100 Y10 Z2.4\n"
	    "G1 X50 Z2.62 E3\nG1 X0 Z2.36 E4\n; LAYER:2\nG1 X0 Y20 Z2.58\n"
	    "G1 X50 Z2.82 E5\n; LAYER:3\nG1 X100 Y30 Z2.85\nG1 X50 Z3.0 E6\n");
	T_OK(!m.layers.z_went_down && !m.layers.vase_seen,
	    "levelling: neither sequential nor a vase");
	/* Simplify3D's second process at a height printed already */
	fresh(true);
	run("G28\nG90\nM83\n; layer 1, Z = 0.250\nG1 Z0.25\nG1 X0 Y0\n"
	    "G1 X9 E1\n; layer 2, Z = 0.500\nG1 Z0.5\nG1 X0 E1\n"
	    "; layer 3, Z = 0.500\nG1 X9 E1\n; layer 4, Z = 0.750\nG1 Z0.75\n"
	    "G1 X0 E1\n");
	T_OK(m.layers.count == 3 && !m.layers.z_went_down,
	    "Simplify3D: the same Z twice is one layer (%d)", m.layers.count);
	/* and real sequential printing still is */
	fresh(true);
	run("G28\nG90\nM83\n;LAYER:0\nG1 Z0.2\nG1 X0 Y0\nG1 X9 E1\n;LAYER:1\n"
	    "G1 Z0.4\nG1 X0 E1\n;LAYER:2\nG1 Z0.6\nG1 X9 E1\n;LAYER:3\n"
	    "G1 Z5\nG1 X50\nG1 Z0.2\nG1 X60 E1\n");
	T_OK(m.layers.z_went_down, "the next object's first layer is "
	    "sequential printing");
}

int
main(void)
{
	test_comment_styles();
	test_spiral_with_flat_moves();
	test_not_sequential();
	return t_done();
}
