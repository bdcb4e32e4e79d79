/*
 * dirs.h: folders and files reached from a directory descriptor, one name
 * at a time, never through a symbolic link: what keeps the page's reads
 * and its one delete inside the captures directory.  A link where a folder
 * or a file is expected is as if there were nothing (ENOENT).
 */
#ifndef DIRS_H
#define DIRS_H

#include <sys/types.h>

#include <dirent.h>
#include <stdbool.h>

/* The folder name in dfd: a descriptor, or -1 with errno. */
int dirs_open(int dfd, const char *name);

/* The entries of the open folder fd (which stays the caller's). */
DIR *dirs_entries(int fd);

/* Whether the entry e of the folder dfd is a folder (not a link). */
bool dirs_is_subdir(int dfd, const struct dirent *e);

/* The regular file name in dfd for reading: 0 with *fd, *size; or -1. */
int dirs_open_file(int dfd, const char *name, int *fd, off_t *size);

/* Remove everything in the open folder fd, depth folders down; a link is
 * removed, never followed.  0, or -1 when something stayed. */
int dirs_remove_in(int fd, int depth);

#endif
