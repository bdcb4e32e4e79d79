/*
 * verify.h: proof that a rewrite prints the same thing.
 *
 * Replays the original and the rewritten file side by side through two
 * trackers, line for line:
 *   - outside the blocks gcode-lapse marks (PROTO_BEGIN .. PROTO_END,
 *     and the processed mark), the rewritten file has exactly the
 *     original's lines;
 *   - every extruding move is the same in both: start, end, filament
 *     amount, feed rate, tool, filament state and retraction before it;
 *   - inside a block: nothing extrudes (no deretraction beyond what the
 *     block retracted), no move goes below the layer or the height the
 *     head had, none leaves the bed, no mode (G90/G91, M82/M83, G20/G21,
 *     G92) changes, every marker follows an M400, capture markers with
 *     the filament retracted (unless the settings say to retract
 *     nothing: --retract 0, or the file's retraction length 0), and
 *     every number stays within the sane ranges of limits.h: the
 *     retraction, the lift, the park point, the feed rates;
 *   - no block inside an RRF conditional block that goes on after it
 *     (plan/conditional.h);
 *   - after each block the whole state (position, E, feed rate, modes,
 *     retraction, tool) is the original's again.
 * With --test-mode the rewritten file is a dry run, and the original is
 * read as its dry run (write/dryrun.h), line by line, before all that.
 *
 * The verifier does not share the rewriter's guesses.  Where the file
 * leaves the reading open (no M82/M83 before its first E move; G90/G91
 * on a firmware the file does not name, which RepRapFirmware, Marlin 2
 * and Klipper read differently for E), it replays the pair under each
 * candidate reading at once, sets aside a reading under which the
 * original itself is no print (its filament per mm of path off by orders
 * of magnitude), and the rewrite must hold under every reading left.
 * What it assumed is in the result.
 */
#ifndef VERIFY_H
#define VERIFY_H

#include <stddef.h>

#include "settings/profile.h"

#define VERIFY_MAX_PROBLEMS 20
#define VERIFY_MAX_ASSUMED 4

struct verify_result {
	unsigned long lines;		/* original lines compared */
	unsigned long extrusions;	/* extruding moves compared */
	unsigned long blocks, markers;
	unsigned long problems;
	char first[VERIFY_MAX_PROBLEMS][256];	/* "rewritten line N: ..." */
	int nassumed;			/* what the verifier assumed */
	char assumed[VERIFY_MAX_ASSUMED][256];
};

/*
 * Compare the files.  profile: the marker dialect and bed the rewrite
 * used (the bed defaults to the original's slicer comments).  Returns 0
 * when the files could be read (res->problems says whether they agree),
 * -1 with err otherwise.
 */
int verify_fds(int orig, int rewritten, const struct profile *,
    struct verify_result *, char *err, size_t errlen);

int verify_mem(const char *orig, size_t olen, const char *rewritten,
    size_t rlen, const struct profile *, struct verify_result *,
    char *err, size_t errlen);

#endif
