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

void
report_print_preview_text(FILE *f, const struct preview_report *p,
    const char *out)
{
	size_t in = 0, shown = 0;

	fprintf(f, "  preview: %zu frame%s of %dx%d in %s, camera at "
	    "%g,%g,%g looking at %g,%g,%g (fov %g)\n", p->frames,
	    p->frames == 1 ? "" : "s", p->width, p->height, out, p->eye[0],
	    p->eye[1], p->eye[2], p->at[0], p->at[1], p->at[2], p->fov);
	for (size_t i = 0; i < p->frames; i++)
		in += p->in_picture[i];
	if (in == 0) {
		fprintf(f, "  the head is out of the picture in every frame\n");
		return;
	}
	fprintf(f, "  the head is in the picture in %zu of %zu frames: "
	    "snapshot%s", in, p->frames, in == 1 ? "" : "s");
	/* runs of frames as "3-7" */
	for (size_t i = 0; i < p->frames; i++) {
		size_t j = i;

		if (!p->in_picture[i])
			continue;
		while (j + 1 < p->frames && p->in_picture[j + 1])
			j++;
		fprintf(f, "%s %zu", shown++ ? "," : "", i + 1);
		if (j > i)
			fprintf(f, "-%zu", j + 1);
		i = j;
	}
	fputc('\n', f);
}

/* The preview's member: its frames, its camera, where the head shows. */
static json_t *
preview_json(const struct preview_report *p)
{
	json_t *in = json_array();

	if (in == NULL)
		return NULL;
	for (size_t i = 0; i < p->frames; i++)
		if (p->in_picture[i])
			json_array_append_new(in, json_integer((json_int_t)i +
			    1));
	return json_pack("{s:I,s:i,s:i,s:[f,f,f],s:[f,f,f],s:f,s:o}",
	    "frames", (json_int_t)p->frames, "width", p->width, "height",
	    p->height, "camera", p->eye[0], p->eye[1], p->eye[2], "look_at",
	    p->at[0], p->at[1], p->at[2], "fov", p->fov, "head_in_picture",
	    in);
}

int
report_print_json(FILE *f, const struct rewrite_report *r,
    const struct preview_report *prev)
{
	json_t *root, *snaps, *skips;
	int ret;

	if ((snaps = json_array()) == NULL || (skips = json_array()) == NULL)
		return -1;
	for (size_t i = 0; i < r->nsnaps; i++) {
		const struct snapshot_info *s = &r->snaps[i];
		json_t *o = json_pack("{s:i,s:I,s:f,s:f,s:f,s:f,s:f}", "layer",
		    s->layer, "line", (json_int_t)s->line, "x", s->x, "y", s->y,
		    "z", s->z, "travel_mm", s->travel_mm, "time_s", s->time_s);

		if (o != NULL && prev != NULL && i < prev->frames)
			json_object_set_new(o, "head_in_picture",
			    json_boolean(prev->in_picture[i]));
		json_array_append_new(snaps, o);
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
	if (prev != NULL && json_object_set_new(root, "preview",
	    preview_json(prev)) == -1) {
		json_decref(root);
		return -1;
	}
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
