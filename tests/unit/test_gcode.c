/*
 * test_gcode.c: the tokenizer, one tricky line at a time, and the line
 * reader on long lines, CRLF and a missing final newline.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "t.h"
#include "gcode/gcode.h"
#include "gcode/linereader.h"

/*
 * Most checks here are about splitting, not about a firmware's rules: a
 * reading that takes lower case and parentheses as comments (GPX's) has
 * them all; the checks of each firmware's rules are the end of this file
 * and tests/dialects/.
 */
static enum gcode_error
parse_as(enum firmware f, const char *s, struct gcode_line *gl)
{
	struct gcode_reading rd;

	gcode_reading(&rd, f);
	return gcode_parse(s, strlen(s), &rd, gl);
}

static enum gcode_error
parse(const char *s, struct gcode_line *gl)
{
	return parse_as(FW_SAILFISH, s, gl);
}

static void
test_commands(void)
{
	struct gcode_line gl;

	T_EQ_INT(parse("G1 X10.5 Y-2 E.5 F1800", &gl), GCODE_OK, "plain move");
	T_OK(gcode_is(&gl, 'G', 1), "G1 is G1");
	T_EQ_DBL(gcode_value(&gl, 'X'), 10.5, 0, "X10.5");
	T_EQ_DBL(gcode_value(&gl, 'Y'), -2, 0, "Y-2");
	T_EQ_DBL(gcode_value(&gl, 'E'), 0.5, 0, "E.5");
	T_EQ_DBL(gcode_value(&gl, 'F'), 1800, 0, "F1800");
	T_OK(!gcode_has(&gl, 'Z'), "no Z");

	T_EQ_INT(parse("g1x10y20e0.5", &gl), GCODE_OK, "lower case, no blanks");
	T_OK(gcode_is(&gl, 'G', 1) && gcode_value(&gl, 'Y') == 20 &&
	    gcode_value(&gl, 'E') == 0.5,
	    "g1x10y20e0.5 reads as G1 X10 Y20 E0.5");

	T_EQ_INT(parse("G1 X1e5", &gl), GCODE_OK, "X1e5 parses");
	T_OK(gcode_value(&gl, 'X') == 1 && gcode_value(&gl, 'E') == 5 &&
	    (gl.odd & (1ul << RULE_EXPONENT)), "X1e5 is X1 then E5, flagged");

	T_EQ_INT(parse("G28 X Y", &gl), GCODE_OK, "words without values");
	T_OK(gcode_has(&gl, 'X') && !gcode_has_value(&gl, 'X'), "bare X");

	T_EQ_INT(parse("  \tG29.1 S1", &gl), GCODE_OK,
	    "leading blanks, subcode");
	T_EQ_INT(gl.code, 29, "G29.1 code");
	T_EQ_INT(gl.subcode, 1, "G29.1 subcode");

	T_EQ_INT(parse("T1", &gl), GCODE_OK, "T1");
	T_OK(gl.letter == 'T' && gl.code == 1, "T1 is tool 1");
	T_EQ_INT(parse("T", &gl), GCODE_OK, "bare T");
	T_EQ_INT(gl.code, -1, "bare T has no number");
	T_EQ_INT(parse("T-1", &gl), GCODE_OK, "T-1 deselects");
	T_EQ_INT(gl.code, -1, "T-1 has no tool");

	T_EQ_INT(parse("M104 S210 ; set temp", &gl), GCODE_OK, "comment");
	T_OK(gl.comment != NULL && gl.comment_len == 9 &&
	    memcmp(gl.comment, " set temp", 9) == 0, "comment text kept");

	T_EQ_INT(parse("G1 (move) X5 (more) Y6", &gl), GCODE_OK,
	    "paren comments");
	T_OK(gcode_value(&gl, 'X') == 5 && gcode_value(&gl, 'Y') == 6,
	    "words around paren comments");
}

static void
test_strings_and_meta(void)
{
	struct gcode_line gl;
	const struct gcode_string *s;

	T_EQ_INT(parse("M291 P\"gLapseCapture\" S2", &gl), GCODE_OK, "M291");
	s = gcode_string(&gl, 'P');
	T_OK(s != NULL && s->len == 13 &&
	    memcmp(s->text, "gLapseCapture", 13) == 0, "P string");
	T_EQ_DBL(gcode_value(&gl, 'S'), 2, 0, "S2 after string");

	T_EQ_INT(parse("M291 P\"say \"\"hi\"\"; ok\" R\"t\" S3", &gl), GCODE_OK,
	    "escaped quote and ; inside a string");
	s = gcode_string(&gl, 'P');
	T_OK(s != NULL && s->len == 14, "string with \"\" keeps its length");
	T_OK(gl.comment == NULL, "; inside a string is not a comment");

	T_EQ_INT(parse("M291 P\"open", &gl), GCODE_E_STRING,
	    "unterminated string");
	T_EQ_INT(parse("G1 Z{move.axes[2].max - 5} F600", &gl), GCODE_OK,
	    "expression");
	T_OK(gl.exprs >> ('Z' - 'A') & 1, "Z is an expression");
	T_EQ_INT(parse("G1 Z{move.axes[2].max", &gl), GCODE_E_EXPR,
	    "unterminated expression");

	T_EQ_INT(parse("SET_PRESSURE_ADVANCE ADVANCE=0.04 ; pa", &gl), GCODE_OK,
	    "Klipper extended command");
	T_OK(gl.kind == GCODE_EXTENDED && gl.name_len == 20 &&
	    gl.args_len == 12, "extended name and args");
	T_OK(gl.comment != NULL, "extended command comment");

	T_EQ_INT(parse("if move.axes[0].homed", &gl), GCODE_OK, "RRF meta");
	T_EQ_INT(gl.kind, GCODE_META, "if is meta");
	T_EQ_INT(parse("echo \"a;b\"", &gl), GCODE_OK, "echo");
	T_OK(gl.kind == GCODE_META && gl.args_len == 5 && gl.comment == NULL,
	    "echo keeps ; inside quotes");

	T_EQ_INT(parse("M117 Layer 3 of 10: 30%", &gl), GCODE_OK, "M117 text");
	T_OK(gl.args != NULL && gl.args_len == 18 && gl.words == 0,
	    "M117 text is text, not words");
	T_EQ_INT(parse("M23 /sd/FILE~1.GCO", &gl), GCODE_OK, "M23 file name");
}

static void
test_checksums_and_numbers(void)
{
	struct gcode_line gl;
	char line[64];
	unsigned x = 0;

	strcpy(line, "N12 G1 X5");
	for (const char *p = line; *p; p++)
		x ^= (unsigned char)*p;
	snprintf(line + strlen(line), sizeof line - strlen(line), "*%u", x);
	T_EQ_INT(parse(line, &gl), GCODE_OK, "right checksum");
	T_OK(gl.checksum && gl.n == 12, "checksum and N seen");
	snprintf(line, sizeof line, "N12 G1 X5*%u", (x + 1) & 0xff);
	T_EQ_INT(parse(line, &gl), GCODE_E_CHECKSUM, "wrong checksum");

	T_EQ_INT(parse("G1 X12345678901234567890123456789012345678901234567890",
	    &gl), GCODE_E_RANGE, "50 digits");
	T_EQ_INT(gl.error_column, 5, "50 digits: column");
	T_EQ_INT(parse("G1 X1.2.3", &gl), GCODE_E_SYNTAX, "1.2.3");
	T_EQ_INT(parse("G1 X-", &gl), GCODE_E_NUMBER, "X-");
	/* every firmware reads X 10 as X10 (dialect.c, RULE_BLANK_VALUE) */
	T_EQ_INT(parse("G1 X 10", &gl), GCODE_OK,
	    "X 10: blank between letter and number");
	T_OK(gcode_value(&gl, 'X') == 10 &&
	    (gl.odd & (1ul << RULE_BLANK_VALUE)), "X 10 is X10, flagged");
	T_EQ_INT(parse("G1 X1 X2", &gl), GCODE_E_DUPLICATE, "X twice");
	T_EQ_INT(parse("G1 X0.1234567890123456789", &gl), GCODE_OK,
	    "many decimals");
	T_EQ_DBL(gcode_value(&gl, 'X'), 0.1234567890123456789, 1e-18,
	    "many decimals: value");
	T_EQ_INT(parse("G1 X0.000001", &gl), GCODE_OK, "tiny");
	T_EQ_DBL(gcode_value(&gl, 'X'), 1e-6, 0, "tiny value exact");
	T_EQ_INT(parse("G1 X-0.3", &gl), GCODE_OK, "-0.3");
	T_OK(gcode_value(&gl, 'X') == -0.3, "-0.3 rounds like strtod");
}

static void
test_binary(void)
{
	struct gcode_line gl;
	char nul[] = "G1 X\0 5";

	T_EQ_INT(gcode_parse(nul, 7, NULL, &gl), GCODE_E_NUL, "NUL in code");
	T_EQ_INT(gcode_parse("; ok\0", 5, NULL, &gl), GCODE_E_NUL,
	    "NUL in comment");
	T_EQ_INT(parse("G1 X\x01", &gl), GCODE_E_BINARY, "control byte");
	T_EQ_INT(parse("G1 #junk \x02 more", &gl), GCODE_E_BINARY,
	    "a syntax error before a control byte is still binary data");
	T_EQ_INT(gl.error_column, 10, "binary: column of the control byte");
	T_EQ_INT(parse("\xff\xd8\xff\xe0", &gl), GCODE_E_BINARY, "JPEG bytes");
	T_EQ_INT(parse("; caf\xc3\xa9 Object \xe2\x9c\x93", &gl), GCODE_OK,
	    "UTF-8 in a comment is fine");
	T_EQ_INT(parse("%", &gl), GCODE_OK, "%% program marker");
	T_EQ_INT(parse("", &gl), GCODE_OK, "empty line");
	T_EQ_INT(gl.kind, GCODE_EMPTY, "empty line is empty");
}

/* One line as each firmware splits it (the rules of dialect.c). */
static void
test_readings(void)
{
	struct gcode_line gl, fast;

	parse_as(FW_RRF, "G1 X1E2", &gl);
	T_OK(gcode_value(&gl, 'X') == 100 && !gcode_has(&gl, 'E'),
	    "RRF: X1E2 is X100");
	parse_as(FW_MARLIN2, "G1 X1E2", &gl);
	T_OK(gcode_value(&gl, 'X') == 1 && gcode_value(&gl, 'E') == 2,
	    "Marlin 2: X1E2 is X1 E2");
	parse_as(FW_SAILFISH, "G1 X1 (<layer> 0.2 )", &gl);
	T_OK(gl.comment_len == 12 && memcmp(gl.comment, "<layer> 0.2 ",
	    12) == 0, "GPX: a parenthesis is the comment (Skeinforge)");
	parse_as(FW_SAILFISH, "G1 X1 ) Y2", &gl);
	T_OK(gl.comment == NULL && gcode_value(&gl, 'Y') == 2,
	    "GPX: a stray ')' closes nothing (fuzz_gcode)");
	parse_as(FW_SMOOTHIE, "G1 X1 ) Y2 (Z3", &gl);
	T_OK(gcode_value(&gl, 'Y') == 2 && !gcode_has(&gl, 'Z') &&
	    gl.comment != NULL, "Smoothie: a stray ')' goes on, '(' ends");
	parse_as(FW_RRF, "G1 Y114.8E306", &gl);
	T_OK((gl.odd & GCODE_ODD_RANGE) && isnan(gcode_value(&gl, 'Y')),
	    "RRF: Y114.8E306 is too large, flagged as such");
	parse_as(FW_PRUSA, "G1 X1e2", &gl);
	T_OK(gcode_value(&gl, 'X') == 100, "Prusa: X1e2 is X100");
	parse_as(FW_PRUSA, "G1 X1E2", &gl);
	T_OK(gcode_value(&gl, 'X') == 1 && gcode_value(&gl, 'E') == 2,
	    "Prusa: X1E2 is X1 E2");
	parse_as(FW_RRF, "G1X10Y20E.5", &gl);
	T_OK(gl.reject == RULE_EXPONENT && gl.abort,
	    "RRF: Y20E.5 aborts the print");

	parse_as(FW_MARLIN2, "G1 Y238.006 F5400,000000", &gl);
	T_OK(gl.reject < 0 && gcode_value(&gl, 'F') == 5400,
	    "Marlin 2: F5400,000000 is F5400");
	parse_as(FW_KLIPPER, "G1 Y238.006 F5400,000000", &gl);
	T_EQ_INT(gl.reject, RULE_COMMA, "Klipper: a decimal comma is an error");

	parse_as(FW_MARLIN2, "G1 0.200 F10000", &gl);
	T_OK(gl.reject < 0 && gcode_value(&gl, 'F') == 10000 &&
	    (gl.odd & (1ul << RULE_STRAY)), "Marlin 2: G1 0.200 F10000 sets F");
	parse_as(FW_KLIPPER, "G1 0.200 F10000", &gl);
	T_EQ_INT(gl.reject, RULE_STRAY, "Klipper: G1 0.200 is no G1");
	parse_as(FW_SAILFISH, "G1 0.200 F10000", &gl);
	T_OK(!gcode_has(&gl, 'F'), "GPX: the line stops at the number");

	parse_as(FW_RRF, "G1 X10 X20", &gl);
	T_EQ_DBL(gcode_value(&gl, 'X'), 10, 0, "RRF: the first X wins");
	parse_as(FW_MARLIN2, "G1 X10 X20", &gl);
	T_EQ_DBL(gcode_value(&gl, 'X'), 20, 0, "Marlin 2: the last X wins");

	parse_as(FW_MARLIN2, "G0 X10 (Z30)", &gl);
	T_OK(gcode_value(&gl, 'Z') == 30, "Marlin 2: (Z30) moves Z");
	parse_as(FW_SAILFISH, "G0 X10 (Z30)", &gl);
	T_OK(!gcode_has(&gl, 'Z'), "GPX: (Z30) is a comment");
	parse_as(FW_SMOOTHIE, "G0 X10 (Y20) Z30", &gl);
	T_OK(!gcode_has(&gl, 'Z') && !gcode_has(&gl, 'Y'),
	    "Smoothie: ( ends the line");
	parse_as(FW_KLIPPER, "G0 X10 (Z30)", &gl);
	T_EQ_INT(gl.reject, RULE_PAREN, "Klipper: (Z30) is an error");

	parse_as(FW_MARLIN2, "g1 x10", &gl);
	T_EQ_INT(gl.reject, RULE_LOWER, "Marlin 2: g1 is no command");
	parse_as(FW_RRF, "g1 x10", &gl);
	T_OK(gl.reject < 0 && gcode_is(&gl, 'G', 1) &&
	    gcode_value(&gl, 'X') == 10, "RRF: g1 x10 is G1 X10");

	parse_as(FW_MARLIN2, "G 1 X10", &gl);
	T_OK(gl.reject < 0 && gcode_is(&gl, 'G', 1), "Marlin 2: G 1 is G1");
	parse_as(FW_RRF, "G 1 X10", &gl);
	T_EQ_INT(gl.reject, RULE_BLANK_COMMAND, "RRF: G 1 is no command");
	parse_as(FW_MARLIN2, "T 1", &gl);
	T_OK(gl.reject < 0 && gl.code == 1, "Marlin 2: T 1 is T1");

	parse_as(FW_MARLIN2, "G1 X\t10", &gl);
	T_OK(gcode_has(&gl, 'X') && !gcode_has_value(&gl, 'X'),
	    "Marlin 2: a tab after X loses the value");
	parse_as(FW_RRF, "G1 X\t10", &gl);
	T_EQ_DBL(gcode_value(&gl, 'X'), 10, 0, "RRF: X<tab>10 is X10");

	parse_as(FW_SAILFISH, "G1 X - 18", &gl);
	T_EQ_DBL(gcode_value(&gl, 'X'), -18, 0, "GPX: X - 18 is X-18");
	parse_as(FW_PRUSA, "G1 X - 18", &gl);
	T_OK(gcode_has_value(&gl, 'X') && gcode_value(&gl, 'X') == 0,
	    "Prusa: X - 18 is X0");
	parse_as(FW_MARLIN2, "G1 X - 18", &gl);
	T_OK(!gcode_has_value(&gl, 'X'), "Marlin 2: X - 18 has no value");

	parse_as(FW_RRF, "G1 X10 M83", &gl);
	T_OK(gl.next == 7, "RRF: M83 starts a second command");
	parse_as(FW_MARLIN2, "G1 X10 M83", &gl);
	T_OK(gl.next == 0 && gcode_has(&gl, 'M'), "Marlin 2: M is a word");

	parse_as(FW_PRUSA, "T?", &gl);
	T_OK(gl.kind == GCODE_CODE && gl.letter == 'T' && gl.code == -1 &&
	    gl.tform == '?', "T? is a T with no number");
	parse_as(FW_PRUSA, "N10 G1 X10", &gl);
	T_EQ_INT(gl.reject, RULE_LINE_NUMBER,
	    "Prusa from SD: a line with N is no command");

	T_EQ_INT(parse_as(FW_MARLIN2, "M486 AShape-Box", &gl), GCODE_OK,
	    "M486 A<name> is text");
	T_EQ_INT(parse_as(FW_MARLIN2, "M1002 set_gcode_claim_speed_level : 5",
	    &gl), GCODE_OK, "Bambu's M1002 is text");
	T_EQ_INT(parse_as(FW_PRUSA, "M862.3 P \"XL\"", &gl), GCODE_OK,
	    "M862.3 P \"XL\": a string after a blank");
	T_EQ_INT(parse_as(FW_MARLIN2, "@pause", &gl), GCODE_OK, "@ command");
	T_EQ_INT(gl.kind, GCODE_HOST, "@ lines are the host's");

	/* the short path gives what the general reader gives */
	parse_as(FW_MARLIN2, "G1 X10.5 Y-2 E.5 F1800 ; c", &fast);
	parse_as(FW_MARLIN2, "G1  X10.5 Y-2  E.5 F1800 ; c", &gl);
	T_OK(fast.words == gl.words && fast.valued == gl.valued &&
	    fast.value['X' - 'A'] == gl.value['X' - 'A'] &&
	    fast.value['E' - 'A'] == gl.value['E' - 'A'] &&
	    fast.comment_len == gl.comment_len && gl.odd == 0,
	    "short path and general reader agree");
}

static void
test_linereader(void)
{
	const char text[] = "G1 X1\r\nG1 X2\n\nG1 X3";
	struct linereader *lr = linereader_mem(text, sizeof text - 1);
	struct line ln;
	size_t total = 0;

	T_EQ_INT(linereader_next(lr, &ln), 1, "line 1");
	T_OK(ln.len == 5 && ln.raw_len == 7 && ln.number == 1,
	    "CRLF stripped from text, kept in raw");
	total += ln.raw_len;
	T_EQ_INT(linereader_next(lr, &ln), 1, "line 2");
	total += ln.raw_len;
	T_EQ_INT(linereader_next(lr, &ln), 1, "line 3 (empty)");
	T_OK(ln.len == 0 && ln.number == 3, "empty line");
	total += ln.raw_len;
	T_EQ_INT(linereader_next(lr, &ln), 1, "last line without newline");
	T_OK(ln.len == 5 && ln.raw_len == 5 && ln.number == 4,
	    "missing final newline");
	total += ln.raw_len;
	T_EQ_INT(linereader_next(lr, &ln), 0, "end");
	T_EQ_INT(total, sizeof text - 1, "raw bytes add up to the input");
	linereader_free(lr);

	/* A 1 MB line: pieces of one line number, bytes all accounted for. */
	size_t big = 1024 * 1024 + 17;
	char *buf = malloc(big + 8);
	int pieces = 0, flags_ok = 1;

	memcpy(buf, "; ", 2);
	memset(buf + 2, 'x', big - 2);
	memcpy(buf + big, "\nG1 X1\n", 7);
	lr = linereader_mem(buf, big + 7);
	total = 0;
	while (linereader_next(lr, &ln) == 1 && ln.number == 1) {
		if ((pieces == 0) != !(ln.flags & LINE_CONT))
			flags_ok = 0;
		pieces++;
		total += ln.raw_len;
	}
	T_OK(pieces > 1 && flags_ok, "1 MB line comes in flagged pieces (%d)",
	    pieces);
	T_EQ_INT(total, big + 1, "1 MB line: every byte handed out once");
	T_OK(ln.number == 2 && ln.len == 5, "the line after it is intact");
	linereader_free(lr);
	free(buf);

	/* CR CR LF: an empty line between them is no line */
	lr = linereader_mem("G1 X1\r\r\nG1 X2\n", 14);
	T_OK(linereader_next(lr, &ln) == 1 && ln.len == 5 && ln.raw_len == 8,
	    "CR CR LF ends one line");
	linereader_free(lr);
	/* an old Mac's file: CR alone */
	lr = linereader_mem("G1 X1\rG1 X2\r", 12);
	T_OK(linereader_next(lr, &ln) == 1 && ln.len == 5 && ln.raw_len == 6 &&
	    (ln.flags & LINE_CR), "CR-only line ends");
	T_OK(linereader_next(lr, &ln) == 1 && ln.number == 2 && ln.len == 5,
	    "CR-only: the second line");
	linereader_free(lr);
}

int
main(void)
{
	test_commands();
	test_strings_and_meta();
	test_checksums_and_numbers();
	test_binary();
	test_readings();
	test_linereader();
	return t_done();
}
