/*
 * info.c: gather and print.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errbuf.h"
#include "info.h"
#include "gcode/scan.h"

struct gather {
	struct estimate est;
};

static int
on_line(void *ctx, struct machine *m, const struct scan_line *sl, char *err,
    size_t errlen)
{
	struct gather *g = ctx;

	(void)err;
	(void)errlen;
	if (sl->gl != NULL)
		estimate_line(&g->est, sl->gl);
	if (sl->events & EV_MOVE)
		estimate_move(&g->est, &m->last);
	return 0;
}

int
info_gather(struct info *in, int fd, const char *file, const char *firmware,
    char *err, size_t errlen)
{
	struct gather g;
	struct scan_hooks hooks = { on_line, NULL, &g };
	struct accels acc;
	struct stat st;

	memset(in, 0, sizeof *in);
	in->file = file;
	slicer_init(&in->settings);
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		in->bytes = (unsigned long long)st.st_size;
		if (st.st_size == 0)
			return errbuf_set(err, errlen,
			    "empty file: no G-code in it");
		if (slicer_scan(&in->settings, fd) == -1)
			return errbuf_set(err, errlen, "read error: %s",
			    strerror(errno));
	}
	slicer_machine_init(&in->m, &in->settings, firmware);
	warnings_init(&in->warns);
	in->m.warn = &in->warns;
	/* what is printed is the flavor in force */
	in->settings.flavor = slicer_flavor(&in->settings, firmware);
	memset(&g, 0, sizeof g);
	acc = slicer_accels(&in->settings);
	estimate_init(&g.est, acc.xy, acc.z, acc.e);
	if (scan_fd(fd, &in->m, &hooks, err, errlen) == -1)
		return -1;
	if (in->m.lines == 0)
		return errbuf_set(err, errlen, "empty file: no G-code in it");
	in->estimate_s = estimate_total(&g.est);
	in->warnings = in->m.warnings;
	in->m.warn = NULL;	/* the struct may be copied */
	return 0;
}

static void
print_duration(FILE *f, double s)
{
	long t = lround(s);

	if (t >= 3600)
		fprintf(f, "%ldh %02ldm %02lds", t / 3600, t / 60 % 60, t % 60);
	else
		fprintf(f, "%ldm %02lds", t / 60, t % 60);
}

static void
print_origin(FILE *f, const struct origin *o, bool bad,
    unsigned long lines)
{
	char src[160];

	slicer_origin_text(src, sizeof src, o, lines);
	fprintf(f, "%s%s\n", src, bad ? ", OUT OF RANGE" : "");
}

static void
print_setting(FILE *f, const char *name, const struct setting *s,
    const char *unit, unsigned long lines)
{
	char val[48];

	if (!s->set)
		return;
	if (s->v == 0 && strcmp(name, "deretraction speed") == 0)
		snprintf(val, sizeof val, "as retraction");
	else
		snprintf(val, sizeof val, "%g%s", s->v, unit);
	fprintf(f, "  %-22s %-14s ", name, val);
	print_origin(f, &s->at, s->bad, lines);
}

static void
print_flag(FILE *f, const char *name, const struct setting *s,
    unsigned long lines)
{
	if (!s->set)
		return;
	fprintf(f, "  %-22s %-14s ", name, s->v != 0 ? "yes" : "no");
	print_origin(f, &s->at, false, lines);
}

void
info_print_text(FILE *f, const struct info *in)
{
	const struct slicer_settings *s = &in->settings;
	const struct machine *m = &in->m;
	char names[200];

	fprintf(f, "file:      %s (%llu bytes, %lu lines)\n", in->file,
	    in->bytes, m->lines);
	fprintf(f, "slicer:    %s%s%s\n", slicer_name(s->slicer),
	    s->version[0] ? " " : "", s->version);
	fprintf(f, "flavor:    %s%s%s%s\n", flavor_name(s->flavor),
	    s->flavor_text[0] ? " (\"" : "", s->flavor_text,
	    s->flavor_text[0] ? "\")" : "");
	if (s->already_processed)
		fprintf(f, "note:      already processed by gcode-lapse\n");
	fprintf(f, "settings found in the file (its comments, or shown by "
	    "its moves):\n");
	if (s->bed.set) {
		char bed[96];

		slicer_bed_text(bed, sizeof bed, &s->bed);
		fprintf(f, "  %-22s %s  ", "bed", bed);
		print_origin(f, &s->bed_at, s->bed_bad, m->lines);
	}
	print_setting(f, "max height", &s->max_height, " mm", m->lines);
	print_setting(f, "layer height", &s->layer_height, " mm", m->lines);
	print_setting(f, "first layer height", &s->first_layer_height, " mm",
	    m->lines);
	print_setting(f, "retraction", &s->retract_mm, " mm", m->lines);
	print_setting(f, "retraction speed", &s->retract_speed, " mm/s",
	    m->lines);
	print_setting(f, "deretraction speed", &s->deretract_speed, " mm/s",
	    m->lines);
	print_setting(f, "z-hop", &s->zhop_mm, " mm", m->lines);
	print_setting(f, "travel speed", &s->travel_speed, " mm/s", m->lines);
	print_setting(f, "acceleration", &s->accel_travel, " mm/s^2",
	    m->lines);
	print_flag(f, "relative E", &s->relative_e, m->lines);
	print_flag(f, "firmware retraction", &s->fw_retraction, m->lines);
	print_flag(f, "vase mode", &s->vase, m->lines);
	print_flag(f, "sequential printing", &s->sequential, m->lines);
	if (s->first_e > 0 && !s->e_mode_set)
		fprintf(f, "  %-22s %s\n", "E mode", "not set before the "
		    "first extrusion: the start macro's (see relative E)");
	fprintf(f, "layers:    %d (from %s; %d by geometry)%s%s\n",
	    m->layers.count, layers_source(&m->layers), m->layers.geometric,
	    m->layers.vase_seen ? ", spiral (vase) extrusion seen" : "",
	    m->layers.z_went_down ? ", Z goes down (sequential printing)" : "");
	if (m->extruded)
		fprintf(f, "extents:   X %.3f..%.3f  Y %.3f..%.3f  "
		    "Z %.3f..%.3f\n", m->min[0], m->max[0], m->min[1],
		    m->max[1], m->min[2], m->max[2]);
	fprintf(f, "filament:  %.2f mm extruded, %.2f mm net", m->e_extruded,
	    m->e_net);
	if (s->filament_mm.set)
		fprintf(f, " (slicer says %.2f mm)", s->filament_mm.v);
	fprintf(f, "\nmoves:     %lu extruding (%.0f mm), %lu travel "
	    "(%.0f mm)\n", m->extrude_moves, m->extrude_mm, m->travel_moves,
	    m->travel_mm);
	fprintf(f, "time:      ");
	print_duration(f, in->estimate_s);
	if (s->est_time_s.set) {
		fprintf(f, " estimated (slicer says ");
		print_duration(f, s->est_time_s.v);
		fprintf(f, ", ours is %+.1f%%)", 100 * (in->estimate_s /
		    s->est_time_s.v - 1));
	} else {
		fprintf(f, " estimated");
	}
	fprintf(f, "\nend:       X%.3f Y%.3f Z%.3f E%.5f, %s, tool %d\n",
	    m->pos[AX_X], m->pos[AX_Y], m->pos[AX_Z], m->pos[AX_E],
	    machine_filament_name(m->fil), m->tool);
	fprintf(f, "firmware:  read as %s\n", m->firmwares == FW_UNKNOWN ?
	    "any firmware (the file does not say which)" :
	    dialect_names(m->firmwares, names, sizeof names));
	if (in->warnings)
		fprintf(f, "warnings:  %lu\n", in->warnings);
}

static json_t *
jsetting(const struct setting *s)
{
	return s->set ? json_real(s->v) : json_null();
}

static json_t *
jflag(const struct setting *s)
{
	return s->set ? json_boolean(s->v != 0) : json_null();
}

static json_t *
jnum(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* What the tracker ends with: position, modes, tool, what is unknown. */
static json_t *
end_json(const struct machine *m)
{
	static const struct {
		unsigned bit;
		const char *name;
	} parts[] = {
		{ UNK_FEED, "feed" }, { UNK_XYZ_MODE, "xyz_mode" },
		{ UNK_E_MODE, "e_mode" }, { UNK_UNITS, "units" },
		{ UNK_TOOL, "tool" }, { UNK_FILAMENT, "filament" },
		{ UNK_E_POS, "e_position" },
	};
	json_t *unknown = json_array(), *fws = json_array();

	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (m->unknown & parts[i].bit)
			json_array_append_new(unknown,
			    json_string(parts[i].name));
	if (m->e_ambiguous)
		json_array_append_new(unknown, json_string("e_mode"));
	for (int f = 0; f < FW_N; f++)
		if (m->firmwares & FW_BIT(f))
			json_array_append_new(fws, json_string(dialect_name(
			    (enum firmware)f)));
	return json_pack("{s:o,s:o,s:o,s:o,s:s,s:i,s:[f,f,f],s:s,s:s,s:s,"
	    "s:o,s:b,s:f,s:{s:f,s:f,s:f,s:f,s:f},s:o,s:o}",
	    "x", m->known[AX_X] ? jnum(m->pos[AX_X]) : json_null(),
	    "y", m->known[AX_Y] ? jnum(m->pos[AX_Y]) : json_null(),
	    "z", m->known[AX_Z] ? jnum(m->pos[AX_Z]) : json_null(),
	    "e", m->known[AX_E] ? jnum(m->pos[AX_E]) : json_null(),
	    "filament", machine_filament_name(m->fil),
	    "tool", m->tool,
	    "tool_offset", machine_offset(m, AX_X), machine_offset(m, AX_Y),
	    machine_offset(m, AX_Z),
	    "xyz_mode", m->abs_xyz ? "absolute" : "relative",
	    "e_mode", m->abs_e ? "absolute" : "relative",
	    "units", m->inches ? "inch" : "mm",
	    "feed", m->feed > 0 ? jnum(m->feed) : json_null(),
	    "fw_retracted", m->fw_retracted,
	    "retracted", machine_retracted(m),
	    "fw_retract", "length", m->fw_retract_mm,
	    "feed", m->fw_retract_feed, "deretract_feed", m->fw_deretract_feed,
	    "extra", m->fw_extra_mm,
	    "lift", m->fw_lift_mm,
	    "unknown", unknown,
	    "firmwares", fws);
}

/* The warnings, one object per kind, in the order of their first lines. */
static json_t *
warnings_json(const struct warnings *w)
{
	const struct warning *list[WARNINGS_KINDS];
	size_t n = warnings_list(w, list, WARNINGS_KINDS);
	json_t *a = json_array();

	for (size_t i = 0; i < n && i < WARNINGS_KINDS; i++)
		json_array_append_new(a, json_pack("{s:s,s:I,s:I,s:s}",
		    "kind", list[i]->id != NULL ? list[i]->id : "",
		    "line", (json_int_t)list[i]->line,
		    "count", (json_int_t)list[i]->count,
		    "text", list[i]->text));
	return a;
}

/* {"source": "file", "line": N, "key": "retract_length", "bad": false} */
static json_t *
jorigin(const struct origin *o, bool set, bool bad, unsigned long lines)
{
	unsigned long line = slicer_origin_line(o, lines);

	if (!set)
		return json_null();
	return json_pack("{s:s,s:o,s:o,s:b}", "source",
	    slicer_source_name(o->src), "line", line > 0 ?
	    json_integer((json_int_t)line) : json_null(), "key",
	    o->key != NULL ? json_string(o->key) : json_null(), "bad", bad);
}

/* Where each of "settings" came from. */
static json_t *
jsources(const struct info *in)
{
	const struct slicer_settings *s = &in->settings;
	unsigned long n = in->m.lines;
	const struct {
		const char *name;
		const struct setting *st;
	} list[] = {
		{ "max_height", &s->max_height },
		{ "layer_height", &s->layer_height },
		{ "first_layer_height", &s->first_layer_height },
		{ "retract_mm", &s->retract_mm },
		{ "retract_speed", &s->retract_speed },
		{ "deretract_speed", &s->deretract_speed },
		{ "zhop_mm", &s->zhop_mm },
		{ "travel_speed", &s->travel_speed },
		{ "accel_travel", &s->accel_travel },
		{ "relative_e", &s->relative_e },
		{ "firmware_retraction", &s->fw_retraction },
		{ "vase", &s->vase },
		{ "sequential", &s->sequential },
	};
	json_t *o = json_object();

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "bed", jorigin(&s->bed_at, s->bed.set,
	    s->bed_bad, n));
	for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
		json_object_set_new(o, list[i].name, jorigin(&list[i].st->at,
		    list[i].st->set, list[i].st->bad, n));
	return o;
}

int
info_print_json(FILE *f, const struct info *in)
{
	const struct slicer_settings *s = &in->settings;
	const struct machine *m = &in->m;
	json_t *bed, *root;
	int r;

	if (!s->bed.set)
		bed = json_null();
	else if (s->bed.circular)
		bed = json_pack("{s:s,s:f,s:f,s:f}", "shape", "circle",
		    "cx", s->bed.cx, "cy", s->bed.cy, "r", s->bed.r);
	else
		bed = json_pack("{s:s,s:f,s:f,s:f,s:f}", "shape", "rectangle",
		    "x0", s->bed.x0, "y0", s->bed.y0, "x1", s->bed.x1,
		    "y1", s->bed.y1);
	root = json_pack("{s:s,s:I,s:I,s:s,s:s,s:s,s:s,s:b,s:{"
	    "s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o},"
	    "s:{s:i,s:s,s:i,s:i,s:b,s:b},"
	    "s:o,"
	    "s:{s:f,s:f,s:o},"
	    "s:{s:I,s:f,s:I,s:f},"
	    "s:{s:f,s:o},"
	    "s:o,"
	    "s:I}",
	    "file", in->file,
	    "bytes", (json_int_t)in->bytes,
	    "lines", (json_int_t)m->lines,
	    "slicer", slicer_name(s->slicer),
	    "slicer_version", s->version,
	    "flavor", flavor_name(s->flavor),
	    "flavor_text", s->flavor_text,
	    "already_processed", s->already_processed,
	    "settings",
	    "bed", bed,
	    "max_height", jsetting(&s->max_height),
	    "layer_height", jsetting(&s->layer_height),
	    "first_layer_height", jsetting(&s->first_layer_height),
	    "retract_mm", jsetting(&s->retract_mm),
	    "retract_speed", jsetting(&s->retract_speed),
	    "deretract_speed", jsetting(&s->deretract_speed),
	    "zhop_mm", jsetting(&s->zhop_mm),
	    "travel_speed", jsetting(&s->travel_speed),
	    "relative_e", jflag(&s->relative_e),
	    "firmware_retraction", jflag(&s->fw_retraction),
	    "vase", jflag(&s->vase),
	    "sequential", jflag(&s->sequential),
	    "layers",
	    "count", m->layers.count,
	    "source", layers_source(&m->layers),
	    "geometric", m->layers.geometric,
	    "comments", m->layers.comments,
	    "vase_seen", m->layers.vase_seen,
	    "z_went_down", m->layers.z_went_down,
	    "extents", m->extruded ? json_pack("{s:[f,f,f],s:[f,f,f]}",
	    "min", m->min[0], m->min[1], m->min[2],
	    "max", m->max[0], m->max[1], m->max[2]) : json_null(),
	    "filament",
	    "extruded_mm", m->e_extruded,
	    "net_mm", m->e_net,
	    "slicer_mm", jsetting(&s->filament_mm),
	    "moves",
	    "extruding", (json_int_t)m->extrude_moves,
	    "extruding_mm", m->extrude_mm,
	    "travel", (json_int_t)m->travel_moves,
	    "travel_mm", m->travel_mm,
	    "time",
	    "estimate_s", in->estimate_s,
	    "slicer_s", jsetting(&s->est_time_s),
	    "end", end_json(m),
	    "warnings", (json_int_t)in->warnings);
	if (root == NULL)
		return -1;
	json_object_set_new(root, "warning_kinds", warnings_json(&in->warns));
	json_object_set_new(root, "sources", jsources(in));
	r = json_dumpf(root, f, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	fputc('\n', f);
	json_decref(root);
	return r;
}
