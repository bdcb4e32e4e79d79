/*
 * oddity.c: see oddity.h.  One warning kind per rule (MW_ODD + rule,
 * MW_NOT_RUN + rule) and per junk kind, so warnings.h counts each kind
 * once however often it comes.
 */
#include <stdbool.h>

#include "gcode/oddity.h"


bool
oddity_followed(const struct gcode_line *gl)
{
	switch (gl->letter) {
	case 'T':
		return true;
	case 'G':
		switch (gl->code) {
		case 0: case 1: case 2: case 3: case 10: case 11: case 20:
		case 21: case 28: case 29: case 30: case 32: case 80: case 90:
		case 91: case 92:
			return true;
		}
		/* "G X10": G0 on some firmwares */
		return (gl->code >= 53 && gl->code <= 59) || gl->code < 0;
	case 'M':
		switch (gl->code) {
		case 82: case 83: case 200: case 207: case 208: case 218:
		case 221:
			return true;
		}
	}
	return false;
}

/* Klipper rejects these with an error, which stops a print from its SD. */
static bool
klipper_stops(int rule)
{
	return rule == RULE_COMMA || rule == RULE_VALUELESS ||
	    rule == RULE_SIGN_BLANK || rule == RULE_PAREN;
}

void
oddity_note(struct machine *m, const struct gcode_line *gl, unsigned long odd)
{
	char t[80], names[160], how[120];
	unsigned fws;

	if (gl->reject >= 0) {
		int r = gl->reject;

		fws = dialect_same(m->firmwares, m->fw, RULE_BIT(r));
		machine_warn(m, MW_NOT_RUN + r, dialect_rule_id_not_run(r),
		    "%s: %s: %s "
		    "does not run the line%s", gcode_code_text(gl, t, sizeof t),
		    dialect_rule_name(r), dialect_names(fws, names,
		    sizeof names), gl->abort ? " and aborts the print" :
		    m->fw == FW_KLIPPER && klipper_stops(r) ? " (an error: a "
		    "print from its SD card stops)" : "");
		return;
	}
	for (int r = 0; r < RULE_READING_END; r++) {
		if (!(odd & RULE_BIT(r)))
			continue;
		/* "(comment)" where parentheses are comments is no oddity */
		if (r == RULE_PAREN && m->reading.v[r] == PAREN_COMMENT)
			continue;
		fws = dialect_same(m->firmwares, m->fw, RULE_BIT(r));
		machine_warn(m, MW_ODD + r, dialect_rule_id(r), "%s: %s, read "
		    "as %s (%s)", gcode_code_text(gl, t, sizeof t),
		    dialect_rule_name(r), gcode_render(gl, how, sizeof how),
		    dialect_names(fws, names, sizeof names));
	}
}

void
oddity_junk(struct machine *m, const struct gcode_line *gl)
{
	char t[80];

	gcode_code_text(gl, t, sizeof t);
	if (gl->odd & GCODE_ODD_RANGE)
		machine_warn(m, MW_RANGE, "number_range", "column %zu: %s: a "
		    "number too large for any axis: what it sets is unknown",
		    gl->error_column, t);
	if (gl->odd & GCODE_ODD_OPEN)
		machine_warn(m, MW_OPEN, "unterminated", "column %zu: %s: a "
		    "string, expression or parenthesis not closed",
		    gl->error_column, t);
	if (gl->odd & GCODE_ODD_JUNK)
		machine_warn(m, MW_JUNK, "junk", "column %zu: %s: characters "
		    "that are no G-code words (%s)", gl->error_column, t,
		    gl->kind == GCODE_JUNK ? "the line is no command: "
		    "firmware ignores it" : "firmware skips them");
}
