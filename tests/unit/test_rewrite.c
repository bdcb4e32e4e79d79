/*
 * test_rewrite.c: what a rewrite reports, on small files in memory
 * (rewrite_mem(), verify_mem()).  What it inserts is tests/cases/.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "t.h"

#include "rewrite.h"
#include "verify.h"

static const char *settings =
    "; bed_shape = 0x0,200x0,200x200,0x200\n"
    "; retract_length = 1\n"
    "; travel_speed = 100\n"
    "; max_print_height = 50\n";

/* Rewrite in with extra profile settings (name, value pairs, NULL). */
static char *
run(const char *in, struct rewrite_report *rep, ...)
{
	struct profile p;
	struct slicer_settings s;
	char err[256], *out = NULL, *all;
	size_t outlen, n;
	struct verify_result vr;
	va_list ap;
	const char *k, *v;

	profile_init(&p);
	va_start(ap, rep);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		if (profile_set(&p, k, v, err, sizeof err) == -1)
			T_OK(0, "profile_set %s: %s", k, err);
	}
	va_end(ap);
	n = strlen(in) + strlen(settings);
	all = malloc(n + 1);
	snprintf(all, n + 1, "%s%s", in, settings);
	slicer_init(&s);
	slicer_scan_mem(&s, all, n);
	rewrite_report_init(rep, "test");
	if (rewrite_mem(all, n, &p, &s, &out, &outlen, rep, err,
	    sizeof err) == -1) {
		T_OK(0, "rewrite: %s", err);
		free(all);
		return NULL;
	}
	out = realloc(out, outlen + 1);
	out[outlen] = '\0';
	if (verify_mem(all, n, out, outlen, &p, &vr, err, sizeof err) == -1 ||
	    vr.problems != 0)
		T_OK(0, "the rewrite verifies: %s", vr.problems ?
		    vr.first[0] : err);
	free(all);
	return out;
}

static const char *two_layers =
    "G28\nG90\nM82\nG92 E0\n"
    ";LAYER_CHANGE\n;Z:0.2\nG1 Z0.2 F600\nG1 X10 Y10 F6000\n"
    "G1 X20 Y10 E1 F1200\n"
    ";LAYER_CHANGE\n;Z:0.4\nG1 Z0.4 F600\nG1 X20 Y20 E2 F1200\n";

int
main(void)
{
	struct rewrite_report rep;
	char *o;

	/* The blocks themselves are data: tests/cases/.  Here what only the
	 * report says. */
	o = run("G28\nG90\nM83\n"
	    ";LAYER_CHANGE\nG1 Z0.2 F600\nG1 X10 Y10 F6000\n"
	    "G1 X20 Y10 E1 F1200\n"
	    ";LAYER_CHANGE\n;Z:5\nG1 Z5 F600\nG1 X20 Y20 E1 F1200\n"
	    ";LAYER_CHANGE\n;Z:0.2\nG1 Z0.2 F600\nG1 X80 Y80 F6000\n"
	    "G1 X90 Y80 E1 F1200\n"
	    ";LAYER_CHANGE\n;Z:0.4\nG1 Z0.4 F600\nG1 X80 Y90 E2 F1200\n", &rep,
	    "park", "190,180", "marker", "klipper", NULL);
	T_OK(rep.sequential, "Z going down: sequential printing detected");
	T_EQ_INT(rep.nsnaps, 4, "and snapshots placed (tests/cases/sequential)");
	free(o);
	rewrite_report_free(&rep);

	o = run(two_layers, &rep, "park", "190,180", "forbid-area",
	    "0,0,100,100", NULL);
	T_EQ_INT(rep.nsnaps, 0, "head in a forbidden area: no snapshot");
	/* the layer change's and the final snapshot's */
	T_OK(rep.nskips == 2 && strstr(rep.skips[0].why, "area") != NULL &&
	    strstr(rep.skips[1].why, "area") != NULL,
	    "and the report says why");
	free(o);
	rewrite_report_free(&rep);
	return t_done();
}
