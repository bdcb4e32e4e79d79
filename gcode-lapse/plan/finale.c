/*
 * finale.c: the end of the print, where the final snapshot goes.
 *
 * The tail is opened by the first move after an extrusion, with the state
 * there, and let go by the next extrusion: so at any time it holds the
 * bytes after the print's last extrusion so far.
 */
#include <string.h>
#include <strings.h>

#include "plan/finale.h"

void
finale_init(struct finale *f, struct copy *c, bool wanted)
{
	memset(f, 0, sizeof *f);
	f->c = c;
	f->wanted = wanted;
}

void
finale_done(struct finale *f)
{
	f->wanted = false;
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

void
finale_follow(struct finale *f, const struct machine *m, unsigned long line)
{
	if (m->last.kind == MOVE_EXTRUDE) {
		finale_release(f);
		f->extruded_last = true;
	} else if (f->extruded_last && copy_hold(f->c, COPY_TAIL)) {
		f->at = *m;
		f->line = line;
		f->extruded_last = false;
	}
}

void
finale_release(struct finale *f)
{
	copy_release(f->c, COPY_TAIL, COPY_ALL);
}

bool
finale_at_end(struct finale *f, const struct machine **m,
    unsigned long *line)
{
	if (copy_holding(f->c, COPY_TAIL) && (copy_held(f->c, COPY_TAIL) > 0 ||
	    copy_at_line_start(f->c))) {
		copy_release(f->c, COPY_TAIL, 0);	/* keep them */
		*m = &f->at;
		*line = f->line;
		return true;
	}
	finale_release(f);
	return false;
}
