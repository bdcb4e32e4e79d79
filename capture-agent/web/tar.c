/*
 * tar.c: see tar.h.  Numbers are octal, NUL-terminated, in their fields;
 * the checksum is the sum of the header's bytes with its own field read
 * as blanks.
 */
#include <stdio.h>
#include <string.h>

#include "web/tar.h"

static void
octal(unsigned char *field, size_t len, unsigned long long v)
{
	char tmp[24];

	snprintf(tmp, sizeof tmp, "%0*llo", (int)len - 1, v);
	memcpy(field, tmp, len - 1);
	field[len - 1] = '\0';
}

int
tar_header(unsigned char b[TAR_BLOCK], const char *name,
    unsigned long long size, long long mtime)
{
	unsigned sum = 0;
	size_t i, len = strlen(name), plen = 0;
	const char *slash;

	if (len == 0 || size >= 1ULL << 33)
		return -1;
	memset(b, 0, TAR_BLOCK);
	if (len > TAR_NAME_MAX) {
		/* the folders in the prefix field, the file in the name */
		if ((slash = strrchr(name, '/')) == NULL)
			return -1;
		plen = (size_t)(slash - name);
		if (plen > TAR_PREFIX_MAX || len - plen - 1 > TAR_NAME_MAX ||
		    len - plen - 1 == 0)
			return -1;
		memcpy(b + 345, name, plen);
		name += plen + 1;
		len -= plen + 1;
	}
	memcpy(b, name, len);
	octal(b + 100, 8, 0644);		/* mode */
	octal(b + 108, 8, 0);			/* uid */
	octal(b + 116, 8, 0);			/* gid */
	octal(b + 124, 12, size);
	octal(b + 136, 12, mtime > 0 ? (unsigned long long)mtime : 0);
	memset(b + 148, ' ', 8);		/* checksum, for the sum */
	b[156] = '0';				/* a regular file */
	memcpy(b + 257, "ustar", 6);		/* magic, NUL */
	memcpy(b + 263, "00", 2);		/* version */
	for (i = 0; i < TAR_BLOCK; i++)
		sum += b[i];
	snprintf((char *)b + 148, 8, "%06o", sum);	/* then NUL, ' ' */
	b[155] = ' ';
	return 0;
}

size_t
tar_padding(unsigned long long size)
{
	return (size_t)((TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK);
}

unsigned long long
tar_entry_size(unsigned long long size)
{
	return TAR_BLOCK + size + tar_padding(size);
}
