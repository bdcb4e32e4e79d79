/*
 * dialect.h: how each firmware reads a line of G-code, where firmwares
 * read the same text differently, as data.
 *
 * One table (dialect.c): a row per rule (a blank between a letter and its
 * value, exponents, decimal commas, bare G92, what G90/G91 do to E...),
 * a value per firmware, and for each value the place in the firmware's
 * source that shows it.  The reader (gcode.h) splits a line into words as
 * one firmware does and notes which rules the line touched; the tracker
 * (machine.h) applies the firmware's meaning of the commands.  A file whose
 * firmware is not known for sure is read for a set of candidates: where
 * they agree the reading is certain, where they differ the tracker marks
 * what depends on it unknown.
 *
 * Invariant: every value of every rule is one a firmware's source was
 * read for; a firmware whose behaviour was not checked takes the value of
 * the firmware it derives from, and the table says so.
 */
#ifndef DIALECT_H
#define DIALECT_H

#include <stdbool.h>
#include <stddef.h>

/* The firmwares (and versions) whose reading differs somewhere. */
enum firmware {
	FW_MARLIN2,		/* Marlin 2.1, upstream configuration */
	FW_RRF,			/* RepRapFirmware 3.5, 3.6 */
	FW_KLIPPER,
	FW_PRUSA,		/* Prusa-Firmware 3.9.0 and later */
	FW_MARLIN1,		/* Marlin 1.x (and Sprinter-like RepRap) */
	FW_PRUSA_39RC,		/* Prusa-Firmware 3.9.0-RC1 */
	FW_PRUSA_38,		/* Prusa-Firmware up to 3.8.x */
	FW_SMOOTHIE,		/* Smoothieware */
	FW_SAILFISH,		/* MakerBot/Sailfish, through GPX or
				   ReplicatorG (parentheses are comments) */
	FW_N
};

#define FW_BIT(f) (1u << (f))
#define FW_ALL ((1u << FW_N) - 1)
/* A file that says nothing: every FFF firmware but the MakerBot line,
 * whose files say what they are (ReplicatorG's header). */
#define FW_UNKNOWN (FW_ALL & ~FW_BIT(FW_SAILFISH))

/*
 * The rules.  The first ones (below RULE_READING_END) decide how a line
 * splits into words; the others what a command does.
 */
enum rule {
	RULE_BLANK_VALUE,	/* "X -18": a space between letter and value */
	RULE_TAB_VALUE,		/* "X<tab>10" */
	RULE_SIGN_BLANK,	/* "X - 18": a blank after the sign */
	RULE_BLANK_COMMAND,	/* "G 1", "T 1" */
	RULE_EXPONENT,		/* "X1E2", "X1e2" */
	RULE_COMMA,		/* "F5400,000000" */
	RULE_STRAY,		/* "G1 0.200 F10000": a number without letter */
	RULE_VALUELESS,		/* "G1 X", "G92 E": a letter without value */
	RULE_DUPLICATE,		/* "G1 X10 X20" */
	RULE_PAREN,		/* "G1 X10 (Z30)" */
	RULE_LOWER,		/* "g1 x10" */
	RULE_NO_NUMBER,		/* "G X10": a command letter without number */
	RULE_MULTI,		/* "G1 X10 M83": a second command letter */
	RULE_LINE_NUMBER,	/* "N10 G1 X10" (from a file) */
	RULE_CHECKSUM,		/* "N10 G1 X10*99" with a wrong checksum */
	RULE_LENGTH,		/* the code of a line longer than 95 bytes */
	RULE_READING_END,
	RULE_CR = RULE_READING_END,	/* lines ended by CR alone */
	RULE_G92_BARE,		/* "G92" with no axis */
	RULE_E_COUPLING,	/* G90/G91 and the extruder */
	RULE_E_BASE,		/* relative E and the absolute E position */
	RULE_E_FACTOR,		/* M221/M200 and the E coordinate */
	RULE_G10,		/* G10 with P, L, R, S or an axis */
	RULE_M207,		/* the words of M207 (and M208) */
	RULE_TOOL_OFFSET,	/* how a file sets a tool's offset */
	RULE_TOOL_CHANGE,	/* what T<n> does to the coordinates */
	RULE_T_FORMS,		/* T?, Tx, Tc, T-1, a bare T */
	RULE_G20,		/* inches */
	RULE_EXTENDED,		/* Klipper's NAME KEY=value commands */
	RULE_N
};

/* A rule as a bit of a set of rules (gl->odd, m->disputed). */
#define RULE_BIT(r) (1ul << (r))

/* Values, per rule. */
enum { BV_READ };				/* RULE_BLANK_VALUE */
enum { TV_READ, TV_DROP };			/* RULE_TAB_VALUE: the word
						   loses its value */
enum { SB_READ, SB_NONE, SB_ZERO, SB_REJECT, SB_ABORT };
enum { BC_READ, BC_NONE };			/* BC_NONE: no command */
enum { EXP_NONE, EXP_BOTH, EXP_LOWER };
enum { CM_PREFIX, CM_STOP, CM_REJECT };		/* CM_STOP: the rest of
						   the line is not read */
enum { ST_SKIP, ST_STOP, ST_REJECT };		/* ST_REJECT: the whole line
						   is not that command */
enum { VL_IGNORE, VL_ZERO, VL_REJECT, VL_ABORT };
enum { DUP_FIRST, DUP_LAST };
enum { PAREN_WORDS, PAREN_COMMENT, PAREN_TO_END, PAREN_REJECT };
enum { LC_READ, LC_IGNORE };
enum { NN_NONE, NN_ZERO };			/* NN_ZERO: "G" is G0 */
enum { MULTI_WORD, MULTI_SPLIT };		/* MULTI_SPLIT: a new
						   command starts there */
enum { LN_SKIP, LN_IGNORE_LINE };
enum { CK_IGNORE, CK_DROP };
enum { LEN_ANY, LEN_CUT_95, LEN_ABORT_255 };
enum { CR_ENDS, CR_MERGES };
enum { G92_NOTHING, G92_ZERO_ALL, G92_SMOOTHIE };
enum { EC_SEPARATE, EC_COUPLED, EC_KLIPPER };	/* see machine.h */
enum { EB_ADVANCES, EB_ABSOLUTE_ONLY };
enum { EF_PLANNER, EF_COORDINATE };
enum { G10_RETRACT, G10_RRF, G10_WCS };
enum { M207_SFZ, M207_RRF, M207_NONE };
enum { TO_NONE, TO_G10_P, TO_M218, TO_G10_WCS };
enum { TC_KEEP_LOGICAL, TC_MACROS, TC_MMU };
enum { TF_IGNORED, TF_RRF, TF_MMU };
enum { G20_INCHES, G20_IGNORED, G20_REJECT };
enum { EX_IGNORED, EX_RUNS };

/* The value of rule r on firmware f. */
int dialect_value(enum firmware f, enum rule r);

/* Is the value of r the same on every firmware of the set? */
bool dialect_agree(unsigned firmwares, enum rule r);

/* The rules (bit 1 << rule) whose values differ within the set. */
unsigned long dialect_disputed(unsigned firmwares);

/* The firmwares of the set whose value of every rule in mask equals f's. */
unsigned dialect_same(unsigned firmwares, enum firmware f,
    unsigned long rules);

/* The first firmware of a set, in the order of enum firmware. */
enum firmware dialect_first(unsigned firmwares);

/* "Marlin 2", "RepRapFirmware", ... */
const char *dialect_name(enum firmware);

/* "Marlin 2, RepRapFirmware and Klipper" into buf. */
const char *dialect_names(unsigned firmwares, char *buf, size_t size);

/* What the rule is about: "a blank between a letter and its value". */
const char *dialect_rule_name(enum rule);

/*
 * Its short name, for JSON: "blank_value"; the line not run by the
 * firmware: "blank_value:not_run"; the candidates read it apart:
 * "blank_value:apart".
 */
const char *dialect_rule_id(enum rule);
const char *dialect_rule_id_not_run(enum rule);
const char *dialect_rule_id_apart(enum rule);

#endif
