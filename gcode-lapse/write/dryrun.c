/*
 * dryrun.c: the per-line filter of --test-mode.
 *
 * Words are taken out of the text itself (with the blanks before them),
 * so everything else on the line, comments included, stays as written;
 * a move the firmware reads oddly (gcode.h's odd) is written again plainly
 * instead, from the words as it reads them.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "write/dryrun.h"

/* One word's span in the text: [start, end), start at the blank before. */
struct span {
	size_t start, end;
};

/*
 * Find the word for letter in the code part of text (after the command
 * word).  Returns true with its span.
 */
static bool
find_word(const char *s, size_t n, char letter, struct span *sp)
{
	size_t i = 0, ws;
	bool first = true;

	while (i < n) {
		ws = i;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= n || s[i] == ';')
			return false;
		if (s[i] == '(') {
			while (i < n && s[i] != ')')
				i++;
			i++;
			continue;
		}
		if (!first && toupper((unsigned char)s[i]) == letter) {
			sp->start = ws;
			i++;
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
			while (i < n && !isalpha((unsigned char)s[i]) &&
			    s[i] != ' ' && s[i] != '\t' && s[i] != ';' &&
			    s[i] != '(')
				i++;
			sp->end = i;
			return true;
		}
		/* skip this word: letter, blanks, value */
		first = false;
		i++;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < n && s[i] == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				;
			i++;
			continue;
		}
		while (i < n && !isalpha((unsigned char)s[i]) &&
		    s[i] != ' ' && s[i] != '\t' && s[i] != ';' && s[i] != '(')
			i++;
	}
	return false;
}

/* Take the word for letter out of out (in place); true if it was there. */
static bool
drop_word(char *out, size_t *len, char letter)
{
	struct span sp;

	if (!find_word(out, *len, letter, &sp))
		return false;
	memmove(out + sp.start, out + sp.end, *len - sp.end);
	*len -= sp.end - sp.start;
	return true;
}

static bool
comment_out(const char *text, size_t len, char *out, size_t *outlen)
{
	memcpy(out, DRYRUN_PREFIX, sizeof DRYRUN_PREFIX - 1);
	memcpy(out + sizeof DRYRUN_PREFIX - 1, text, len);
	*outlen = sizeof DRYRUN_PREFIX - 1 + len;
	return true;
}

/* " S0" after the P word, or after the command word. */
static void
insert_s0(char *out, size_t *len)
{
	struct span sp;
	size_t at = 0;

	if (find_word(out, *len, 'P', &sp)) {
		at = sp.end;
	} else {
		while (at < *len && (out[at] == ' ' || out[at] == '\t'))
			at++;
		while (at < *len && isalnum((unsigned char)out[at]))
			at++;
	}
	memmove(out + at + 3, out + at, *len - at);
	memcpy(out + at, " S0", 3);
	*len += 3;
}

static bool
is_name(const struct gcode_line *gl, const char *name)
{
	return gl->name_len == strlen(name) &&
	    strncasecmp(gl->name, name, gl->name_len) == 0;
}

/* Words other than the command, E and F that move the head. */
#define MOVE_WORDS ((1u << ('X' - 'A')) | (1u << ('Y' - 'A')) | \
	(1u << ('Z' - 'A')) | (1u << ('I' - 'A')) | (1u << ('J' - 'A')) | \
	(1u << ('K' - 'A')) | (1u << ('R' - 'A')) | (1u << ('P' - 'A')))

/*
 * A move the firmware reads oddly (a word twice, lower case, a blank in a
 * number...: gcode.h's odd), written again plainly without its E: taking
 * one word out of such a text can change how the rest reads.  The line's
 * indentation stays (it is an RRF conditional block's body), and a letter
 * without a value stays bare, for the firmware to read as it reads the
 * original's (ignored, 0, or the line not run).  False when it does not
 * fit in size.
 */
static bool
plain_move(const struct gcode_line *gl, const char *text, size_t len,
    char *out, size_t size, size_t *outlen)
{
	static const char words[] = "XYZIJKRPF";
	char buf[256];
	size_t in = 0;
	int n;

	while (in < len && in < 64 && (text[in] == ' ' || text[in] == '\t'))
		in++;
	n = snprintf(buf, sizeof buf, "%.*sG%d", (int)in, text, gl->code);
	for (const char *w = words; *w != '\0' && n < (int)sizeof buf; w++)
		if (gcode_has_value(gl, *w))
			n += snprintf(buf + n, sizeof buf - (size_t)n, " %c%.10g",
			    *w, gcode_value(gl, *w));
		else if (gcode_has(gl, *w))
			n += snprintf(buf + n, sizeof buf - (size_t)n, " %c",
			    *w);
	if (n >= (int)sizeof buf || (size_t)n > size)
		return false;
	memcpy(out, buf, (size_t)n);
	*outlen = (size_t)n;
	return true;
}

bool
dryrun_line(const struct gcode_line *gl, const char *text, size_t len,
    char *out, size_t *outlen)
{
	if (gl == NULL)
		return false;
	if (gl->kind == GCODE_EXTENDED) {
		if (is_name(gl, "SET_HEATER_TEMPERATURE") ||
		    is_name(gl, "TEMPERATURE_WAIT") ||
		    is_name(gl, "SET_FAN_SPEED") ||
		    is_name(gl, "M109") || is_name(gl, "M190"))
			return comment_out(text, len, out, outlen);
		return false;
	}
	/* the firmware runs none of it (gcode.h): as it is, it neither
	 * heats nor extrudes */
	if (gl->kind != GCODE_CODE || gl->reject >= 0)
		return false;
	if (gl->letter == 'M') {
		switch (gl->code) {
		case 104: case 109: case 140: case 190: case 141: case 191:
		case 568: case 116: case 303:
			return comment_out(text, len, out, outlen);
		case 106:
			/* the fan index stays, the speed becomes 0 */
			memcpy(out, text, len);
			*outlen = len;
			drop_word(out, outlen, 'S');
			insert_s0(out, outlen);
			return true;
		}
		return false;
	}
	if (gl->letter != 'G')
		return false;
	if (gl->code == 10 || gl->code == 11) {
		if (gcode_has(gl, 'L'))
			return false;		/* coordinate offsets */
		if (gl->code == 11 || !gcode_has(gl, 'P'))
			return comment_out(text, len, out, outlen);
		if (!gcode_has(gl, 'S') && !gcode_has(gl, 'R'))
			return false;		/* tool offsets only */
		memcpy(out, text, len);
		*outlen = len;
		while (drop_word(out, outlen, 'S') || drop_word(out, outlen,
		    'R'))
			;
		if ((gl->words & ~((1u << ('P' - 'A')) | (1u << ('S' - 'A')) |
		    (1u << ('R' - 'A')))) == 0)
			return comment_out(text, len, out, outlen);
		return true;
	}
	/* an E without a value is no extrusion where the line runs (Marlin
	 * ignores it, RepRapFirmware runs no such line), and taking it away
	 * would make a line RepRapFirmware refuses one it runs */
	if (gl->code < 0 || gl->code > 3 || !gcode_has_value(gl, 'E'))
		return false;
	if ((gl->words & MOVE_WORDS) == 0 && !gcode_has(gl, 'F'))
		return comment_out(text, len, out, outlen);
	if (gl->odd != 0 && gl->exprs == 0 && gl->next == 0 &&
	    plain_move(gl, text, len, out, len + sizeof DRYRUN_PREFIX,
	    outlen))
		return true;
	memcpy(out, text, len);
	*outlen = len;
	drop_word(out, outlen, 'E');
	return true;
}
