/*
 * report.c: printing rewrite reports and verifier results.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>

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

/* The plan's settings, one a line, each with where it came from. */
struct entry {
	const char *name;	/* for people */
	const char *json;	/* the JSON key */
	double v;		/* NaN: not in force */
	const char *unit;
	const struct origin *at;
};

static int
entries(const struct rewrite_report *r, struct entry *e)
{
	const struct snapshot_plan *pl = &r->plan;
	const struct plan_sources *s = &pl->src;
	int n = 0;

	/* with firmware retraction the firmware knows how far */
	e[n++] = (struct entry){ "retraction", "retract_mm",
	    pl->fw_retraction ? NAN : pl->retract_mm, "mm", &s->retract };
	e[n++] = (struct entry){ "retraction speed", "retract_speed",
	    pl->retract_feed / 60, "mm/s", &s->retract_speed };
	e[n++] = (struct entry){ "deretraction speed", "deretract_speed",
	    pl->deretract_feed / 60, "mm/s", &s->deretract_speed };
	e[n++] = (struct entry){ "lift", "lift_mm", pl->lift_mm, "mm",
	    &s->lift };
	e[n++] = (struct entry){ "travel speed", "travel_speed",
	    pl->park ? pl->travel_feed / 60 : NAN, "mm/s", &s->travel_speed };
	e[n++] = (struct entry){ "Z speed", "z_speed", pl->z_feed / 60,
	    "mm/s", &s->z_speed };
	e[n++] = (struct entry){ "maximum height", "max_height",
	    isinf(pl->max_height) ? NAN : pl->max_height, "mm",
	    &s->max_height };
	e[n++] = (struct entry){ "acceleration", "accel", pl->acc.travel,
	    "mm/s^2", &s->accel };
	e[n++] = (struct entry){ "camera time", "camera_s", pl->camera_s,
	    "s", &s->camera };
	return n;
}

static void
print_plan(FILE *f, const struct rewrite_report *r)
{
	const struct snapshot_plan *pl = &r->plan;
	struct entry e[16];
	char src[160], val[96];
	int n = entries(r, e);

	fprintf(f, "  slicer %s%s%s; settings in force:\n",
	    slicer_name(r->slicer), r->slicer_version[0] ? " " : "",
	    r->slicer_version);
	for (int i = 0; i < n; i++) {
		if (isnan(e[i].v))
			continue;
		snprintf(val, sizeof val, "%g %s", e[i].v, e[i].unit);
		slicer_origin_text(src, sizeof src, e[i].at, r->lines);
		fprintf(f, "    %-19s %-14s %s\n", e[i].name, val, src);
	}
	if (pl->bed.set) {
		slicer_bed_text(val, sizeof val, &pl->bed);
		slicer_origin_text(src, sizeof src, &pl->src.bed, r->lines);
		fprintf(f, "    %-19s %s  %s\n", "bed", val, src);
	}
	if (pl->fw_retraction) {
		slicer_origin_text(src, sizeof src, &pl->src.fw_retraction,
		    r->lines);
		fprintf(f, "    %-19s %-14s %s\n", "firmware retraction", "yes",
		    src);
	}
	if (pl->relative_e_start) {
		slicer_origin_text(src, sizeof src, &pl->src.relative_e,
		    r->lines);
		fprintf(f, "    %-19s %-14s %s\n", "relative E (start)",
		    "relative", src);
	}
}

void
report_print_text(FILE *f, const struct rewrite_report *r)
{
	double camera;

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
	camera = r->planned ? r->plan.camera_s : 0;
	fprintf(f, "  added travel %.0f mm, added time %.0f s (%.1f s per "
	    "snapshot, %.1f s of it the camera)\n", r->travel_mm, r->time_s,
	    r->nsnaps ? r->time_s / (double)r->nsnaps : 0,
	    r->nsnaps ? camera : 0);
	print_skips(f, r);
	if (r->planned)
		print_plan(f, r);
}

/* {"value": v, "source": "file", "line": N, "key": "retract_length"} */
static json_t *
jorigin(double v, const struct origin *o, unsigned long lines)
{
	unsigned long line = slicer_origin_line(o, lines);

	return json_pack("{s:o,s:s,s:o,s:o}",
	    "value", isfinite(v) ? json_real(v) : json_null(),
	    "source", slicer_source_name(o->src),
	    "line", line > 0 ? json_integer((json_int_t)line) : json_null(),
	    "key", o->key != NULL ? json_string(o->key) : json_null());
}

static json_t *
jplan(const struct rewrite_report *r)
{
	const struct snapshot_plan *pl = &r->plan;
	struct entry e[16];
	json_t *o, *bed;
	int n;

	if (!r->planned)
		return json_null();
	if ((o = json_object()) == NULL)
		return NULL;
	n = entries(r, e);
	for (int i = 0; i < n; i++)
		json_object_set_new(o, e[i].json, jorigin(e[i].v, e[i].at,
		    r->lines));
	if (!pl->bed.set)
		bed = json_null();
	else if (pl->bed.circular)
		bed = json_pack("{s:s,s:f,s:f,s:f}", "shape", "circle", "cx",
		    pl->bed.cx, "cy", pl->bed.cy, "r", pl->bed.r);
	else
		bed = json_pack("{s:s,s:f,s:f,s:f,s:f}", "shape", "rectangle",
		    "x0", pl->bed.x0, "y0", pl->bed.y0, "x1", pl->bed.x1,
		    "y1", pl->bed.y1);
	json_object_set_new(o, "bed", jorigin(NAN, &pl->src.bed, r->lines));
	json_object_set_new(json_object_get(o, "bed"), "value", bed);
	json_object_set_new(o, "firmware_retraction", jorigin(
	    pl->fw_retraction, &pl->src.fw_retraction, r->lines));
	json_object_set_new(o, "relative_e_start", jorigin(
	    pl->relative_e_start, &pl->src.relative_e, r->lines));
	return o;
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
	    "s:o,s:I,s:I,s:I,s:s,s:s,s:o}",
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
	    "warnings", (json_int_t)r->warnings,
	    "slicer", slicer_name(r->slicer),
	    "slicer_version", r->slicer_version,
	    "settings", jplan(r));
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
report_print_assumed(FILE *f, const struct verify_result *v)
{
	for (int i = 0; i < v->nassumed; i++)
		fprintf(f, "  assumed: %s\n", v->assumed[i]);
}

void
report_print_verify(FILE *f, const struct verify_result *v)
{
	report_print_assumed(f, v);
	for (unsigned long i = 0; i < v->problems &&
	    i < VERIFY_MAX_PROBLEMS; i++)
		fprintf(f, "%s\n", v->first[i]);
	if (v->problems > VERIFY_MAX_PROBLEMS)
		fprintf(f, "... %lu more problems\n",
		    v->problems - VERIFY_MAX_PROBLEMS);
}
