/*
 * contactsheet.h: a JPEG grid of thumbnails for a quick look at a sequence.
 *
 * Up to columns x columns frames, evenly spread from the first to the last,
 * each decoded scaled down (jpeg.h), resampled to thumb_width pixels
 * wide and labelled with its frame number.  Frames that are truncated or
 * not JPEG at all are skipped; the sheet is made from the others.
 */
#ifndef CONTACTSHEET_H
#define CONTACTSHEET_H

#include <stddef.h>

#define CONTACTSHEET_COLUMNS		6
#define CONTACTSHEET_COLUMNS_MAX	32
#define CONTACTSHEET_THUMB_WIDTH	240
#define CONTACTSHEET_THUMB_MIN		32
#define CONTACTSHEET_THUMB_MAX		1024

/*
 * The contact sheet of the frames NNNNNN.jpeg in sequence_dir (one camera's
 * folder), written to out_jpeg through replace.h.  Returns 0; the
 * number of frames skipped (> 0) with a note naming them in err; or -1 with
 * a message when no sheet was written.
 */
int contactsheet_make(const char *sequence_dir, const char *out_jpeg,
    int columns, int thumb_width, char *err, size_t errlen);

/* Index of cell i of cells picked evenly from frames (first and last
 * included). */
size_t contactsheet_pick(size_t i, size_t cells, size_t frames);

#endif
