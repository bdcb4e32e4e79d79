/*
 * finale.c: the end of the print, where the final snapshot goes.
 *
 * The tail is a window (window.c) that is opened by the first move after
 * an extrusion, marked there, and written out by the next extrusion: so
 * at any time it holds the bytes after the print's last extrusion so far.
 *
 * Invariant: the tail's bytes are exactly the input's since the move
 * after the last extrusion, in order; a closed tail holds nothing, except
 * from finale_at_end() to finale_release().
 */
#include <string.h>
#include <strings.h>

#include "plan/finale.h"

void
finale_init(struct finale *f, bool wanted)
{
	memset(f, 0, sizeof *f);
	f->wanted = wanted;
}

bool
finale_is_end_gcode(const struct gcode_line *gl)
{
	if (gl->kind == GCODE_EXTENDED)
		return (gl->name_len == 9 && (strncasecmp(gl->name,
		    "PRINT_END", 9) == 0 || strncasecmp(gl->name, "END_PRINT",
		    9) == 0));
	return gl->kind == GCODE_EMPTY && gl->comment != NULL &&
	    (gcode_comment_is(gl, "Filament-specific end gcode") ||
	    gcode_comment_is(gl, "filament end gcode"));
}

bool
finale_holding(const struct finale *f)
{
	return f->tail.open;
}

int
finale_hold(struct finale *f, const char *s, size_t n)
{
	return window_hold(&f->tail, s, n);
}

void
finale_follow(struct finale *f, const struct machine *m, unsigned long line,
    bool window_holding, struct output *out)
{
	if (m->last.kind == MOVE_EXTRUDE) {
		finale_release(f, out);
		f->extruded_last = true;
	} else if (f->extruded_last && !window_holding) {
		window_open(&f->tail);
		window_mark(&f->tail, m, line);
		f->extruded_last = false;
	}
}

void
finale_release(struct finale *f, struct output *out)
{
	window_close(&f->tail);
	if (f->tail.len > 0)
		output_write(out, f->tail.buf, f->tail.len);
	f->tail.len = 0;
}

bool
finale_at_end(struct finale *f, bool last_nl, struct output *out,
    const struct machine **m, unsigned long *line)
{
	if (f->tail.open && (f->tail.len > 0 || last_nl)) {
		window_close(&f->tail);
		*m = &f->tail.best_m;
		*line = f->tail.best_line;
		return true;
	}
	finale_release(f, out);
	return false;
}

void
finale_free(struct finale *f)
{
	window_free(&f->tail);
}
