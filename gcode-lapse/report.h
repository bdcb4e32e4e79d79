/*
 * report.h: what a rewrite did, for people (text on stderr) and for
 * programs (JSON), and what the verifier found.  Printing only: the
 * reports are rewrite.h's and verify.h's.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "rewrite.h"
#include "verify.h"

void report_print_text(FILE *, const struct rewrite_report *);

/* Returns 0, or -1 when out of memory or on a write error. */
int report_print_json(FILE *, const struct rewrite_report *);

/* The verifier's problems, one a line. */
void report_print_verify(FILE *, const struct verify_result *);

#endif
