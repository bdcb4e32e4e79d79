/*
 * report.h: what a rewrite did, for people (text on stderr) and for
 * programs (JSON), and what the verifier found.  Printing only: the
 * reports are rewrite.h's and verify.h's.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "preview.h"
#include "rewrite.h"
#include "verify.h"

void report_print_text(FILE *, const struct rewrite_report *);

/* A preview's lines after the rewrite's: the frames, the camera, and the
 * snapshots where the head is in the picture. */
void report_print_preview_text(FILE *, const struct preview_report *,
    const char *out);

/*
 * The rewrite's report as one JSON object, with a "preview" member and a
 * "head_in_picture" per snapshot when prev is not NULL.  Returns 0, or -1
 * when out of memory or on a write error.
 */
int report_print_json(FILE *, const struct rewrite_report *,
    const struct preview_report *prev);

/* The verifier's problems, one a line (what it assumed first). */
void report_print_verify(FILE *, const struct verify_result *);

/* What the verifier assumed, one "  assumed: ..." a line. */
void report_print_assumed(FILE *, const struct verify_result *);

#endif
