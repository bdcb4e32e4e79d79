/*
 * tar.h: the ustar format (POSIX.1-1988) as a download of frames needs
 * it: regular files only, a name of at most 100 bytes after folders of at
 * most 155, sizes below 8 GiB.
 * An archive is, per file, a 512-byte header and the data padded to 512
 * bytes, then two zero blocks; a reader streams it as it is made.
 */
#ifndef TAR_H
#define TAR_H

#include <stddef.h>

#define TAR_BLOCK	512
#define TAR_NAME_MAX	100
#define TAR_PREFIX_MAX	155

/* The header of a file; 0, or -1 when the name or size does not fit. */
int tar_header(unsigned char block[TAR_BLOCK], const char *name,
    unsigned long long size, long long mtime);

/* Bytes of padding after size bytes of data. */
size_t tar_padding(unsigned long long size);

/* Bytes of the archive of a file of size bytes (header, data, padding). */
unsigned long long tar_entry_size(unsigned long long size);

/* The end of the archive: two zero blocks. */
#define TAR_END_SIZE	(2 * TAR_BLOCK)

#endif
