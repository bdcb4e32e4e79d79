/*
 * report.c: printing rewrite reports and verifier results.
 */
#include <jansson.h>

#include "report.h"

/* Skips grouped by reason: "12 layers: nothing printed yet". */
static void
print_skips(FILE *f, const struct rewrite_report *r)
{
	for (size_t i = 0; i < r->nskips; i++) {
		size_t n = 0, j;

		for (j = 0; j < i; j++)
			if (r->skips[j].why == r->skips[i].why)
				break;
		if (j < i)
			continue;
		for (j = i; j < r->nskips; j++)
			n += r->skips[j].why == r->skips[i].why;
		fprintf(f, "  skipped %zu time%s (first at line %lu, layer %d):"
		    " %s\n", n, n == 1 ? "" : "s", r->skips[i].line,
		    r->skips[i].layer, r->skips[i].why);
	}
}

void
report_print_text(FILE *f, const struct rewrite_report *r)
{
	if (r->already_processed) {
		fprintf(f, "gcode-lapse: %s: already processed, left as it "
		    "was\n", r->file);
		return;
	}
	fprintf(f, "gcode-lapse: %s: %zu snapshot%s (%s%s) over %d layers"
	    "%s%s\n", r->file, r->nsnaps, r->nsnaps == 1 ? "" : "s",
	    r->trigger, r->smart ? ", smart" : "", r->layers,
	    r->vase ? ", vase mode" : "",
	    r->sequential ? ", sequential printing" : "");
	fprintf(f, "  added travel %.0f mm, added time %.0f s (%.1f s per "
	    "snapshot)\n", r->travel_mm, r->time_s,
	    r->nsnaps ? r->time_s / (double)r->nsnaps : 0);
	print_skips(f, r);
}

int
report_print_json(FILE *f, const struct rewrite_report *r)
{
	json_t *root, *snaps, *skips;
	int ret;

	if ((snaps = json_array()) == NULL || (skips = json_array()) == NULL)
		return -1;
	for (size_t i = 0; i < r->nsnaps; i++) {
		const struct snapshot_info *s = &r->snaps[i];

		json_array_append_new(snaps, json_pack("{s:i,s:I,s:f,s:f,s:f,"
		    "s:f,s:f}", "layer", s->layer, "line", (json_int_t)s->line,
		    "x", s->x, "y", s->y, "z", s->z, "travel_mm", s->travel_mm,
		    "time_s", s->time_s));
	}
	for (size_t i = 0; i < r->nskips; i++)
		json_array_append_new(skips, json_pack("{s:i,s:I,s:s}",
		    "layer", r->skips[i].layer, "line",
		    (json_int_t)r->skips[i].line, "why", r->skips[i].why));
	root = json_pack("{s:s,s:b,s:s,s:b,s:b,s:b,s:i,s:I,s:o,s:o,s:f,s:f,"
	    "s:o,s:I,s:I,s:I}",
	    "file", r->file, "already_processed", r->already_processed,
	    "trigger", r->trigger ? r->trigger : "", "smart", r->smart,
	    "vase", r->vase, "sequential", r->sequential,
	    "layers", r->layers, "snapshot_count", (json_int_t)r->nsnaps,
	    "snapshots", snaps, "skipped", skips,
	    "added_travel_mm", r->travel_mm, "added_time_s", r->time_s,
	    "print_time_s", r->print_s >= 0 ? json_real(r->print_s) :
	    json_null(),
	    "bytes_in", (json_int_t)r->bytes_in,
	    "bytes_out", (json_int_t)r->bytes_out,
	    "warnings", (json_int_t)r->warnings);
	if (root == NULL)
		return -1;
	ret = json_dumpf(root, f, JSON_INDENT(2) | JSON_REAL_PRECISION(8));
	fputc('\n', f);
	json_decref(root);
	return ret;
}

void
report_print_verify(FILE *f, const struct verify_result *v)
{
	for (unsigned long i = 0; i < v->problems &&
	    i < VERIFY_MAX_PROBLEMS; i++)
		fprintf(f, "%s\n", v->first[i]);
	if (v->problems > VERIFY_MAX_PROBLEMS)
		fprintf(f, "... %lu more problems\n",
		    v->problems - VERIFY_MAX_PROBLEMS);
}
