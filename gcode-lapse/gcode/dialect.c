/*
 * dialect.c: the table.  One row per rule, one value per firmware, and
 * above each row where the sources say so.
 *
 * Sources, at the commits read (paths relative to the repository):
 *   RRF   Duet3D/RepRapFirmware 3.6-dev 8875b7ec (3.5-dev fc1cd16c reads
 *         lines the same way); SP = src/GCodes/GCodeBuffer/StringParser.cpp,
 *         G1 = src/GCodes/GCodes.cpp, G2 = GCodes2.cpp, G3 = GCodes3.cpp,
 *         G4 = GCodes4.cpp; numbers: Duet3D/RRFLibraries
 *         src/General/NumericConverter.cpp 37d99241
 *   MRL   Marlin 2.1.2.7 release as in NatanMendes0/Marlin-2.1.2.7 8245dafa,
 *         under Marlin/src/ (upstream default configuration); its tests
 *         MarlinFirmware/Marlin Marlin/tests/queue/test_parse_line.cpp
 *         53ce6927, Marlin/tests/gcode/test_gcode.cpp 1a7bfada
 *   MRL1  MarlinFirmware/Marlin 1.x, Marlin/Marlin_main.cpp 0008c99a:
 *         get_coordinates(), "axis_relative_modes[i] || relative_mode"
 *         (and 1.1's gcode_get_destination(), the same test); its line
 *         reading was not checked and is taken as Marlin 2's
 *   PRU   prusa3d/Prusa-Firmware MK3 0c9bf5d4 (3.14), under Firmware/;
 *         tags v3.8.1 ba0362b7, v3.9.0-RC1 c07814bc, v3.9.0 2447dbc6
 *   KLP   Klipper3d/klipper 84104bbb, under klippy/
 *   SMO   Smoothieware/Smoothieware edge bb41e992, under src/modules/
 *   GPX   markwal/GPX 28f34600, src/gpx/gpx.c (MakerBot/Sailfish files are
 *         turned into x3g by GPX or ReplicatorG; GPX is the reader)
 * Where a firmware's value was not read in its source, the row says so
 * and gives the value of the firmware it derives from.
 */
#include <stdio.h>
#include <string.h>

#include "gcode/dialect.h"

struct row {
	const char *id, *id_not_run, *id_apart;
	const char *what;
	signed char v[FW_N];
};

#define ROW(id, what, m2, rrf, klp, pru, m1, rc, p38, smo, gpx) \
	{ id, id ":not_run", id ":apart", what, { [FW_MARLIN2] = m2, \
	    [FW_RRF] = rrf, [FW_KLIPPER] = klp, [FW_PRUSA] = pru, \
	    [FW_MARLIN1] = m1, [FW_PRUSA_39RC] = rc, \
	    [FW_PRUSA_38] = p38, [FW_SMOOTHIE] = smo, [FW_SAILFISH] = gpx } }

static const struct row rules[RULE_N] = {
	/*
	 * "X -18" is X-18 everywhere.
	 * MRL gcode/parser.cpp GCodeParser::parse():326 "while (*p == ' ')
	 *     p++; // Skip spaces between parameters & values"
	 * RRF SP StringParser::ReadFloatValue():1934-1948 -> RRFLib
	 *     NumericConverter::Accumulate() "1. Skip white space" (' ', '\t')
	 * KLP gcode.py GCodeDispatch._process_commands():217, the value is
	 *     parts[i+1].strip()
	 * PRU strtod.c strtod_noE():50-52 skips isspace(); cmdqueue.h:84
	 * SMO communication/utils/Gcode.cpp Gcode::get_value():84-99 ->
	 *     src/libs/nist_float.cpp parse_float():9 skips isspace()
	 * GPX gpx.c normalize_word():3320 skips isspace()
	 */
	[RULE_BLANK_VALUE] = ROW("blank_value",
	    "a blank between a letter and its value",
	    BV_READ, BV_READ, BV_READ, BV_READ, BV_READ, BV_READ, BV_READ,
	    BV_READ, BV_READ),
	/*
	 * A tab there: Marlin skips spaces only, so the word has no value and
	 * the number is skipped as junk (MRL gcode/parser.cpp
	 * GCodeParser::parse():326, :332, :363-366); the others skip any
	 * blank (as above).
	 */
	[RULE_TAB_VALUE] = ROW("tab_value",
	    "a tab between a letter and its value",
	    TV_DROP, TV_READ, TV_READ, TV_READ, TV_DROP, TV_READ, TV_READ,
	    TV_READ, TV_READ),
	/*
	 * "X - 18": RRF finds no digit after the sign: an exception, which in
	 * a move aborts the print (RRFLib NumericConverter::Accumulate();
	 * RRF G2 GCodes::HandleGcode():225-232, G4 :98-101).  Marlin's
	 * valid_float() fails, the word has no value (MRL gcode/parser.h
	 * :113-115).  Prusa's strtod_noE() and Smoothie's parse_float() read
	 * the sign and no digit: 0 (PRU strtod.c:59-61; SMO nist_float.cpp
	 * :12-24).  Klipper: float("- 18") fails, "Unable to parse move"
	 * (KLP extras/gcode_move.py GCodeMove.cmd_G1():158-160).  GPX skips
	 * blanks inside a number: -18 (GPX normalize_word():3320-3333).
	 */
	[RULE_SIGN_BLANK] = ROW("sign_blank",
	    "a blank between a sign and its digits",
	    SB_NONE, SB_ABORT, SB_REJECT, SB_ZERO, SB_NONE, SB_ZERO, SB_ZERO,
	    SB_ZERO, SB_READ),
	/*
	 * "G 1", "T 1": Marlin skips spaces before a command's number
	 * (MRL gcode/parser.cpp GCodeParser::parse():176); Prusa reads it
	 * with strtol() (PRU Marlin_main.cpp process_commands():4256-4257,
	 * M :5195, T Tcodes.cpp TCodes():24-25); Smoothie with strtol()
	 * (SMO Gcode.cpp Gcode::prepare_cached_values():178); GPX skips
	 * spaces (normalize_word()).  RRF wants the digit at once
	 * (SP StringParser::DecodeCommand():983-989: "G" without a number
	 * is a bad command, a bare T reports the tool, G2 :4780-4849).
	 * Klipper's command is "G 1", which is unknown (KLP gcode.py
	 * _process_commands():215, cmd_default():316).
	 */
	[RULE_BLANK_COMMAND] = ROW("blank_command",
	    "a blank between a command letter and its number",
	    BC_READ, BC_NONE, BC_NONE, BC_READ, BC_READ, BC_READ, BC_READ,
	    BC_READ, BC_READ),
	/*
	 * "X1E2": RRF's number reader takes an exponent, E or e after a
	 * digit (SP StringParser::FindParameters():1112, :1262; RRFLib
	 * NumericConverter::Accumulate()), so X = 100 and no E.  Prusa's
	 * strtod_noE() takes only a lower-case e (PRU strtod.c:111-112
	 * "disable capital E").  Marlin cuts a value at E/e/X/x
	 * (MRL gcode/parser.h value_float():258-273, parser.cpp :363-366);
	 * Klipper upper-cases the line and splits it at letters (KLP
	 * gcode.py _process_commands():210); Smoothie's parse_float() and
	 * GPX's normalize_word() have no exponent (SMO nist_float.cpp;
	 * GPX :3314-3355): X1 and E2.
	 */
	[RULE_EXPONENT] = ROW("exponent",
	    "a number directly followed by E or e",
	    EXP_NONE, EXP_BOTH, EXP_NONE, EXP_LOWER, EXP_NONE, EXP_LOWER,
	    EXP_LOWER, EXP_NONE, EXP_NONE),
	/*
	 * "F5400,000000" (a slicer's locale bug): Marlin's strtof() stops at
	 * the comma, the rest becomes string_arg (MRL gcode/parser.cpp
	 * :356-366); RRF stops at it, digits and commas are no parameters
	 * (SP :1112); Prusa and Smoothie stop there (PRU strtod.c; SMO
	 * nist_float.cpp): F5400.  Klipper: float() fails, the line is an
	 * error and a print from its SD card stops (KLP
	 * extras/gcode_move.py cmd_G1():158-160, extras/virtual_sdcard.py
	 * work_handler():287-295).  GPX: "Syntax error: unrecognised gcode"
	 * and the rest of the line is not read (gpx_convert_line():4620).
	 */
	[RULE_COMMA] = ROW("decimal_comma", "a decimal comma",
	    CM_PREFIX, CM_PREFIX, CM_REJECT, CM_PREFIX, CM_PREFIX, CM_PREFIX,
	    CM_PREFIX, CM_PREFIX, CM_STOP),
	/*
	 * "G1 0.200 F10000": Marlin takes the number as string_arg and reads
	 * on (MRL gcode/parser.cpp :356-366); RRF: digits are no parameters
	 * (SP :1112); Prusa finds F with strchr() (PRU cmdqueue.h:82);
	 * Smoothie likewise (SMO Gcode::get_value()): F10000 applies.
	 * Klipper's command becomes "G1 0.200", unknown: the line is skipped
	 * (KLP gcode.py _process_commands():215, :283-316).  GPX stops at
	 * the number (gpx_convert_line():4620).
	 */
	[RULE_STRAY] = ROW("stray_number", "a number without a letter",
	    ST_SKIP, ST_SKIP, ST_REJECT, ST_SKIP, ST_SKIP, ST_SKIP, ST_SKIP,
	    ST_SKIP, ST_STOP),
	/*
	 * "G1 X" / "G92 E": Marlin reads moves and G92 with seenval(): the
	 * word is ignored (MRL gcode/gcode.cpp
	 * GcodeSuite::get_destination_from_command():186, geometry/G92.cpp
	 * GcodeSuite::G92()).  Prusa: code_seen() and the empty value 0
	 * (PRU Marlin_main.cpp get_coordinates():9454-9457, gcode_G92()
	 * :3761-3798); Smoothie: has_letter(), get_value() 0 (SMO
	 * robot/Robot.cpp Robot::process_move():1053-1054); GPX:
	 * strtod("") 0 (gpx_convert_line():4441-4460).  RRF: "expected
	 * number after 'X'", which aborts the print in a move (SP
	 * :1924-1931, G2 :225-232); Klipper: float('') fails, an error
	 * (KLP extras/gcode_move.py cmd_G1(), cmd_G92():181-190).
	 */
	[RULE_VALUELESS] = ROW("valueless_word", "a letter without a value",
	    VL_IGNORE, VL_ABORT, VL_REJECT, VL_ZERO, VL_IGNORE, VL_ZERO,
	    VL_ZERO, VL_ZERO, VL_ZERO),
	/*
	 * "G1 X10 X20": RRF and Prusa take the first (SP
	 * StringParser::Seen():1244-1267; strchr()), Smoothie the first that
	 * has a value (SMO Gcode::get_value():88-95); Marlin the last (MRL
	 * gcode/parser.h GCodeParser::set():129-133), Klipper the last (a
	 * dict, KLP gcode.py :217), GPX the last (each word overwrites,
	 * gpx_convert_line()).
	 */
	[RULE_DUPLICATE] = ROW("duplicate_word", "a word given twice",
	    DUP_LAST, DUP_FIRST, DUP_LAST, DUP_FIRST, DUP_LAST, DUP_FIRST,
	    DUP_FIRST, DUP_FIRST, DUP_LAST),
	/*
	 * "G1 X10 (Z30)": parentheses are comments only with PAREN_COMMENTS
	 * on Marlin (default off, MRL gcode/queue.cpp :344-349; the test
	 * test_parse_line.cpp expects "G0 X10 (Z30)" to reach the parser
	 * whole) and only in CNC mode on RRF (SP :200-210); Prusa finds
	 * letters inside with strchr(): Z30 moves.  Klipper: X = "10 (",
	 * an error (KLP gcode.py :217, gcode_move.py :158-160).  Smoothie
	 * cuts the line at the first ';' or '(' (SMO
	 * communication/GcodeDispatch.cpp on_console_line_received()
	 * :128-131).  GPX reads "(...)" as a comment to its ')'
	 * (gpx_convert_line():4574-4612): ReplicatorG and Skeinforge files
	 * comment that way.
	 */
	[RULE_PAREN] = ROW("parentheses", "parentheses",
	    PAREN_WORDS, PAREN_WORDS, PAREN_REJECT, PAREN_WORDS, PAREN_WORDS,
	    PAREN_WORDS, PAREN_WORDS, PAREN_TO_END, PAREN_COMMENT),
	/*
	 * "g1 x10": RRF upper-cases letters (SP :968, :1100, :1260), Klipper
	 * the whole line (KLP gcode.py :210), GPX reads both cases (gpx.c
	 * "case 'x': case 'X':").  Marlin without GCODE_CASE_INSENSITIVE
	 * (default) ignores lower-case commands and words (MRL
	 * gcode/parser.cpp :117-119, :319-356); Prusa compares with strchr()
	 * and 'G'/'M'/'T' (PRU cmdqueue.h:82, Marlin_main.cpp :4254, :5190);
	 * Smoothie's has_letter() is exact (SMO Gcode::has_letter():73-81).
	 */
	[RULE_LOWER] = ROW("lower_case", "lower-case letters",
	    LC_IGNORE, LC_READ, LC_READ, LC_IGNORE, LC_IGNORE, LC_IGNORE,
	    LC_IGNORE, LC_IGNORE, LC_READ),
	/*
	 * "G X10": Prusa's strtol() gives 0, so G0 X10 moves (PRU
	 * Marlin_main.cpp process_commands():4256); Smoothie likewise
	 * (strtol() in Gcode::prepare_cached_values()); GPX atoi("") 0
	 * (gpx_convert_line() "case 'G'").  Marlin: command '?' unknown
	 * (MRL gcode/parser.cpp :266); RRF "Bad command" (G2 :116-121);
	 * Klipper unknown "G".
	 */
	[RULE_NO_NUMBER] = ROW("no_number", "a command letter without a number",
	    NN_NONE, NN_NONE, NN_NONE, NN_ZERO, NN_NONE, NN_ZERO, NN_ZERO,
	    NN_ZERO, NN_ZERO),
	/*
	 * "G1 X10 M83": only RRF starts a new command at a G or M outside
	 * quotes (SP StringParser::FindParameters():1108-1111, :1165-1172);
	 * the others read M as one more word of the G1.
	 */
	[RULE_MULTI] = ROW("two_commands", "a second command on the line",
	    MULTI_WORD, MULTI_SPLIT, MULTI_WORD, MULTI_WORD, MULTI_WORD,
	    MULTI_WORD, MULTI_WORD, MULTI_WORD, MULTI_WORD),
	/*
	 * "N10 G1 X10" in a file: skipped by Marlin (gcode/parser.cpp
	 * :124-130), RRF (SP :112-119), Klipper (gcode.py :211-213), GPX
	 * (gpx_convert_line():4418); Prusa printing from its SD card dispatches
	 * on the first character, 'N' is no command: the whole line is
	 * ignored (PRU Marlin_main.cpp process_commands():4254-8971, :9378).
	 * Smoothie: not checked, taken as Marlin.
	 */
	[RULE_LINE_NUMBER] = ROW("line_number", "a line number",
	    LN_SKIP, LN_SKIP, LN_SKIP, LN_IGNORE_LINE, LN_SKIP,
	    LN_IGNORE_LINE, LN_IGNORE_LINE, LN_SKIP, LN_SKIP),
	/*
	 * "N10 G1 X10*99", the checksum wrong: RRF checks it in files too and
	 * drops the line silently (SP :307-347); Marlin never checks on SD
	 * (gcode/queue.cpp :569-612), Klipper never (gcode.py :201), GPX
	 * cuts at '*' (gpx_convert_line():4612-4616).  Prusa: the line
	 * starts with N and is ignored anyway (previous row).
	 */
	[RULE_CHECKSUM] = ROW("checksum", "a wrong checksum",
	    CK_IGNORE, CK_DROP, CK_IGNORE, CK_IGNORE, CK_IGNORE, CK_IGNORE,
	    CK_IGNORE, CK_IGNORE, CK_IGNORE),
	/*
	 * Code longer than 95 bytes: Marlin keeps 95 (MAX_CMD_SIZE 96,
	 * gcode/queue.cpp :386-388), Prusa too and starts a new command with
	 * the rest (PRU Configuration_adv.h:348, cmdqueue.cpp :396-398);
	 * RRF takes 255, beyond that "GCode command too long" aborts a print
	 * (src/Config/Configuration.h:164, SP :357-360); Klipper has no
	 * limit.  Smoothie and GPX: not checked, no limit taken.
	 */
	[RULE_LENGTH] = ROW("long_line",
	    "a line longer than the firmware's buffer",
	    LEN_CUT_95, LEN_ABORT_255, LEN_ANY, LEN_CUT_95, LEN_CUT_95,
	    LEN_CUT_95, LEN_CUT_95, LEN_ANY, LEN_ANY),
	/*
	 * CR alone as a line end: Marlin and Prusa end a line at CR
	 * (MRL core/macros.h:295 ISEOL; PRU cmdqueue.cpp :396-398, :586-587).
	 * RRF throws CRs away when reading a file (SP StringParser::Put()
	 * :84-87): the lines merge; Klipper splits at LF only (gcode.py
	 * _process_data():446, extras/virtual_sdcard.py :269).  Smoothie and
	 * GPX: not checked, taken as ending a line.
	 */
	[RULE_CR] = ROW("cr_only", "lines ended by CR alone",
	    CR_ENDS, CR_MERGES, CR_MERGES, CR_ENDS, CR_ENDS, CR_ENDS, CR_ENDS,
	    CR_ENDS, CR_ENDS),
	/*
	 * A bare "G92": Marlin sets only the axes given (MRL
	 * gcode/geometry/G92.cpp GcodeSuite::G92():88-117), Prusa too (PRU
	 * Marlin_main.cpp gcode_G92():3761-3798), RRF too (G3
	 * GCodes::SetPositions():65-140), GPX too (gpx.c "case 92":4889);
	 * Marlin 1 loops over the axes seen (MRL1 gcode_G92()).  Klipper
	 * zeroes X, Y, Z and E (KLP extras/gcode_move.py cmd_G92():181-190).
	 * Smoothie clears its G92 offsets and sets E to 0 (SMO
	 * robot/Robot.cpp Robot::on_gcode_received():613-677).
	 */
	[RULE_G92_BARE] = ROW("bare_g92", "a bare G92",
	    G92_NOTHING, G92_NOTHING, G92_ZERO_ALL, G92_NOTHING, G92_NOTHING,
	    G92_NOTHING, G92_NOTHING, G92_SMOOTHIE, G92_NOTHING),
	/*
	 * G90/G91 and E.  RRF: only M82/M83 set E (G2 GCodes::HandleGcode()
	 * :553-561, :1557-1565).  Marlin 2: G90/G91 set every axis, E
	 * included, M82/M83 override until the next G90/G91 (MRL
	 * gcode/gcode.h GcodeSuite::set_relative_mode(), axis_is_relative()
	 * :343-388).  Klipper: E relative when G91 or M83 (KLP
	 * extras/gcode_move.py cmd_G1():141-151, :169-180).  Prusa 3.9.0 and
	 * later: G90/G91 touch X, Y, Z only (PRU Marlin_main.cpp
	 * process_commands():5119-5131; commit 5fcf1871); 3.9.0-RC1 wrote
	 * all four (v3.9.0-RC1 Marlin_main.cpp :5372-5376, :9193; c0ae92cd);
	 * up to 3.8 "axis_relative_modes[i] || relative_mode" (v3.8.1
	 * Marlin_main.cpp :8222, :5164-5172), like Marlin 1 (MRL1
	 * get_coordinates()).  Smoothie sets E with G90/G91 (SMO
	 * robot/Robot.cpp :610-611, M82/M83 :743-744).  GPX: separate flags
	 * (gpx.c "case 90"/"case 91" :4879-4887, M82/M83 :5222-5229).
	 */
	[RULE_E_COUPLING] = ROW("e_coupling", "what G90/G91 do to E",
	    EC_COUPLED, EC_SEPARATE, EC_KLIPPER, EC_SEPARATE, EC_KLIPPER,
	    EC_COUPLED, EC_KLIPPER, EC_COUPLED, EC_SEPARATE),
	/*
	 * After relative E moves, an absolute E target is measured from the
	 * last absolute one on RRF: relative moves do not advance its virtual
	 * extruder position (G1 GCodes::LoadExtrusionAndFeedrateFromGCode()
	 * :1911-1919).  Marlin, Prusa and Klipper add them up (MRL
	 * gcode/gcode.cpp :199-201; PRU Marlin_main.cpp get_coordinates()
	 * :9468-9469; KLP extras/gcode_move.py :146-148).  Smoothie, GPX:
	 * not checked, taken as Marlin.
	 */
	[RULE_E_BASE] = ROW("e_base", "the E position after relative moves",
	    EB_ADVANCES, EB_ABSOLUTE_ONLY, EB_ADVANCES, EB_ADVANCES,
	    EB_ADVANCES, EB_ADVANCES, EB_ADVANCES, EB_ADVANCES, EB_ADVANCES),
	/*
	 * M221 (flow) and M200 (volumetric): Prusa scales the E coordinate
	 * itself, so its E position leaves the file's (PRU Marlin_main.cpp
	 * get_coordinates():9458-9467, :7175-7184, :10013-10031); Marlin
	 * (gcode/config/M221.cpp :31-41), RRF (G1 :1843) and Klipper
	 * (extras/gcode_move.py :200-206) keep the file's E.  Smoothie, GPX:
	 * not checked, taken as Marlin.
	 */
	[RULE_E_FACTOR] = ROW("e_factor", "M221 and M200 and the E position",
	    EF_PLANNER, EF_PLANNER, EF_PLANNER, EF_COORDINATE, EF_PLANNER,
	    EF_COORDINATE, EF_COORDINATE, EF_PLANNER, EF_PLANNER),
	/*
	 * G10 with words.  RRF: a bare G10 retracts; with P, R, S or an axis
	 * it sets a tool's temperatures or offsets; L2/L20 set workplace
	 * offsets (G2 GCodes::HandleGcode():267-333, G1
	 * GCodes::SetOrReportOffsets():3603-3625).  Marlin retracts with any
	 * words, S1 a swap retract (MRL
	 * gcode/feature/fwretract/G10_G11.cpp GcodeSuite::G10():35; only
	 * with FWRETRACT); Prusa likewise (PRU Marlin_main.cpp :4389-4414);
	 * Klipper retracts, words ignored (KLP extras/firmware_retraction.py
	 * :10-72).  GPX: G10 Pn X Y Z sets work offset n, selected by
	 * G54..G59; a bare G10 is an error (gpx.c :4737-4773, :4849-4880).
	 * Smoothie: not checked, taken as Marlin.
	 */
	[RULE_G10] = ROW("g10_words", "G10 with words",
	    G10_RETRACT, G10_RRF, G10_RETRACT, G10_RETRACT, G10_RETRACT,
	    G10_RETRACT, G10_RETRACT, G10_RETRACT, G10_WCS),
	/*
	 * M207: S length, F retract feed (mm/min) and Z lift everywhere it
	 * exists; RRF adds R (extra on unretract) and T (unretract feed)
	 * (src/Tools/Tool.cpp Tool::SetFirmwareRetraction():896-921); Marlin
	 * and Prusa set those with M208 S and F (MRL feature/fwretract.cpp
	 * FWRetract::M207():205, FWRetract::M208():230; PRU Marlin_main.cpp
	 * :7004-7038), M208 being axis limits on RRF.  Klipper has no M207
	 * (SET_RETRACTION instead, KLP extras/firmware_retraction.py).
	 * Smoothie, GPX: not checked, taken as Marlin.
	 */
	[RULE_M207] = ROW("m207", "M207 and M208",
	    M207_SFZ, M207_RRF, M207_NONE, M207_SFZ, M207_SFZ, M207_SFZ,
	    M207_SFZ, M207_SFZ, M207_SFZ),
	/*
	 * Tool offsets a file sets: RRF "G10 P<t> X Y Z" (G1
	 * GCodes::SetOrReportOffsets():3603-3625; the current tool's user
	 * position is recomputed at once :3618-3625); Marlin "M218 T<t> X Y
	 * Z", stored only (MRL gcode/config/M218.cpp GcodeSuite::M218()
	 * :42-63); GPX work offsets "G10 Pn" with G54.. (above).  Prusa
	 * (single nozzle) and Klipper (SET_GCODE_OFFSET in macros) have none
	 * a file sets this way.  Smoothie: not checked, none taken.
	 */
	[RULE_TOOL_OFFSET] = ROW("tool_offset", "how a file sets a tool offset",
	    TO_M218, TO_G10_P, TO_NONE, TO_NONE, TO_M218, TO_NONE, TO_NONE,
	    TO_NONE, TO_G10_WCS),
	/*
	 * T<n> to another tool.  Marlin keeps the logical position and moves
	 * the carriage by the offset difference (MRL module/tool_change.cpp
	 * tool_change():1183, :1265, :1307, :1345-1370).  RRF runs the
	 * tfree/tpre/tpost macros and recomputes the user position from the
	 * machine's with the new offset (G4 GCodes::RunStateMachine() :351-475,
	 * :389, :444): where the head is after user macros is not in the
	 * file.  Klipper has no T: user macros (ACTIVATE_EXTRUDER resets E,
	 * KLP extras/gcode_move.py _handle_activate_extruder():75-78).
	 * Prusa: MMU load/unload, no offsets (PRU Tcodes.cpp TCodes()).
	 * Smoothie and GPX: not checked, taken as Marlin.
	 */
	[RULE_TOOL_CHANGE] = ROW("tool_change",
	    "what a tool change does to the position",
	    TC_KEEP_LOGICAL, TC_MACROS, TC_MACROS, TC_MMU, TC_KEEP_LOGICAL,
	    TC_MMU, TC_MMU, TC_KEEP_LOGICAL, TC_KEEP_LOGICAL),
	/*
	 * T?, Tx, Tc (Prusa MMU: PRU Tcodes.cpp TCodes():14-40), T-1 (RRF:
	 * deselect every tool, SP :984-1003, after which E words are ignored,
	 * G1 :1888-1895), a bare T (reports).  Marlin reads them only in
	 * MMU2 builds, else as a bare T (MRL gcode/parser.cpp :178-196,
	 * gcode/control/T.cpp GcodeSuite::T():49-70); Klipper: unknown
	 * commands.  None of them selects a numbered tool.
	 */
	[RULE_T_FORMS] = ROW("tool_forms", "T?, Tx, Tc, T-1 and a bare T",
	    TF_IGNORED, TF_RRF, TF_IGNORED, TF_MMU, TF_IGNORED, TF_MMU,
	    TF_MMU, TF_IGNORED, TF_IGNORED),
	/*
	 * Klipper-style NAME KEY=value commands (SET_GCODE_OFFSET,
	 * SET_RETRACTION, ACTIVATE_EXTRUDER, PRINT_START...): Klipper runs
	 * them (KLP gcode.py _process_commands():266-281, macros); to the
	 * others they are unknown commands, skipped (MRL gcode/gcode.cpp
	 * :1101; RRF G2 :150-152; PRU Marlin_main.cpp :9378-9382).
	 */
	[RULE_EXTENDED] = ROW("extended", "a Klipper extended command",
	    EX_IGNORED, EX_IGNORED, EX_RUNS, EX_IGNORED, EX_IGNORED,
	    EX_IGNORED, EX_IGNORED, EX_IGNORED, EX_IGNORED),
	/*
	 * G20: RRF works in inches (G2 :363-367; E and F too, G1 :1909,
	 * :1977).  Marlin without INCH_MODE_SUPPORT (default) and Prusa do
	 * not know it and stay in mm (MRL gcode/gcode.cpp :388-392; PRU
	 * Marlin_main.cpp :4417-4418).  Klipper: "Machine does not support
	 * G20", an error (KLP extras/gcode_move.py cmd_G20():163-165).
	 * Smoothie: not checked, taken as RRF; GPX: not checked, taken as
	 * Marlin.
	 */
	[RULE_G20] = ROW("inches", "G20 inches",
	    G20_IGNORED, G20_INCHES, G20_REJECT, G20_IGNORED, G20_IGNORED,
	    G20_IGNORED, G20_IGNORED, G20_INCHES, G20_IGNORED),
};

static const char *const fw_names[FW_N] = {
	[FW_MARLIN2] = "Marlin 2",
	[FW_RRF] = "RepRapFirmware",
	[FW_KLIPPER] = "Klipper",
	[FW_PRUSA] = "Prusa 3.9+",
	[FW_MARLIN1] = "Marlin 1",
	[FW_PRUSA_39RC] = "Prusa 3.9.0-RC1",
	[FW_PRUSA_38] = "Prusa 3.8",
	[FW_SMOOTHIE] = "Smoothieware",
	[FW_SAILFISH] = "Sailfish",
};

/* The same in lists, where a line holds several. */
static const char *const fw_short[FW_N] = {
	[FW_MARLIN2] = "Marlin 2",
	[FW_RRF] = "RRF",
	[FW_KLIPPER] = "Klipper",
	[FW_PRUSA] = "Prusa 3.9+",
	[FW_MARLIN1] = "Marlin 1",
	[FW_PRUSA_39RC] = "Prusa 3.9-RC1",
	[FW_PRUSA_38] = "Prusa 3.8",
	[FW_SMOOTHIE] = "Smoothie",
	[FW_SAILFISH] = "Sailfish",
};

int
dialect_value(enum firmware f, enum rule r)
{
	return rules[r].v[f];
}

bool
dialect_agree(unsigned firmwares, enum rule r)
{
	int v = -1;

	for (int f = 0; f < FW_N; f++) {
		if (!(firmwares & FW_BIT(f)))
			continue;
		if (v == -1)
			v = rules[r].v[f];
		else if (rules[r].v[f] != v)
			return false;
	}
	return true;
}

unsigned long
dialect_disputed(unsigned firmwares)
{
	unsigned long d = 0;

	for (int r = 0; r < RULE_N; r++)
		if (!dialect_agree(firmwares, (enum rule)r))
			d |= 1ul << r;
	return d;
}

unsigned
dialect_same(unsigned firmwares, enum firmware f, unsigned long mask)
{
	unsigned same = 0;

	for (int g = 0; g < FW_N; g++) {
		bool eq = (firmwares & FW_BIT(g)) != 0;

		for (int r = 0; r < RULE_N && eq; r++)
			if ((mask >> r & 1) && rules[r].v[g] != rules[r].v[f])
				eq = false;
		if (eq)
			same |= FW_BIT(g);
	}
	return same;
}

enum firmware
dialect_first(unsigned firmwares)
{
	for (int f = 0; f < FW_N; f++)
		if (firmwares & FW_BIT(f))
			return (enum firmware)f;
	return FW_MARLIN2;
}

const char *
dialect_name(enum firmware f)
{
	return f < FW_N ? fw_names[f] : "?";
}

const char *
dialect_names(unsigned firmwares, char *buf, size_t size)
{
	size_t n = 0;
	int left = 0;

	if (firmwares == FW_UNKNOWN) {
		snprintf(buf, size, "every firmware");
		return buf;
	}
	for (int f = 0; f < FW_N; f++)
		left += (firmwares >> f) & 1;
	buf[0] = '\0';
	for (int f = 0; f < FW_N && n < size; f++) {
		if (!(firmwares & FW_BIT(f)))
			continue;
		left--;
		n += (size_t)snprintf(buf + n, size - n, "%s%s",
		    firmwares & (firmwares - 1) ? fw_short[f] : fw_names[f],
		    left > 1 ? ", " : left == 1 ? " and " : "");
	}
	return buf;
}

const char *
dialect_rule_name(enum rule r)
{
	return r < RULE_N ? rules[r].what : "?";
}

const char *
dialect_rule_id(enum rule r)
{
	return r < RULE_N ? rules[r].id : "?";
}

const char *
dialect_rule_id_not_run(enum rule r)
{
	return r < RULE_N ? rules[r].id_not_run : "?";
}

const char *
dialect_rule_id_apart(enum rule r)
{
	return r < RULE_N ? rules[r].id_apart : "?";
}
