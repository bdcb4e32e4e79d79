/*
 * sheets.h: contact sheets and thumbnails of sequences, made on demand
 * (render/contactsheet.h) into a cache folder the page owns,
 * DIRECTORY/.web-cache/, never into a sequence folder.
 *
 * A cached sheet is used while it is newer than its camera folder (a new
 * frame changes the folder's time) and made again otherwise.  Sheets are
 * made one at a time: a burst of requests costs one decode, not one each.
 */
#ifndef SHEETS_H
#define SHEETS_H

#include <sys/types.h>

#include <stddef.h>

#include "web/library.h"

#define SHEETS_CACHE	".web-cache"

struct sheets;

/* NULL when out of memory. */
struct sheets *sheets_new(struct library *);
void sheets_free(struct sheets *);

/* The contact sheet of a camera (NULL or "": the first), or the
 * thumbnail of a sequence: 0 with the file open, or -1 with err. */
int sheets_open_contact(struct sheets *, const char *name,
    const char *camera, int *fd, off_t *size, char *err, size_t errlen);
int sheets_open_thumb(struct sheets *, const char *name, int *fd,
    off_t *size, char *err, size_t errlen);

/* Forget the sheets of a deleted sequence. */
void sheets_forget(struct sheets *, const char *name);

#endif
