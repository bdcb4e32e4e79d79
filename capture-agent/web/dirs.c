/*
 * dirs.c: see dirs.h.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "web/dirs.h"

/* A folder in dfd, no symbolic link: fd, or -1 (ENOENT for a link). */
int
dirs_open(int dfd, const char *name)
{
	int fd;

	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1 && (errno == ELOOP || errno == ENOTDIR))
		errno = ENOENT;
	return fd;
}

/* An open directory's entries; the descriptor stays the caller's. */
DIR *
dirs_entries(int fd)
{
	DIR *d;
	int dup_fd;

	if ((dup_fd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		return NULL;
	if ((d = fdopendir(dup_fd)) == NULL)
		close(dup_fd);
	return d;
}

bool
dirs_is_subdir(int dfd, const struct dirent *e)
{
	struct stat st;

	if (e->d_type == DT_DIR)
		return true;
	if (e->d_type != DT_UNKNOWN)
		return false;
	return fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISDIR(st.st_mode);
}

/* A regular file for reading, no link: 0 with *fd and *size, or -1. */
int
dirs_open_file(int dfd, const char *name, int *fd, off_t *size)
{
	struct stat st;

	if ((*fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) ==
	    -1) {
		if (errno == ELOOP)
			errno = ENOENT;
		return -1;
	}
	if (fstat(*fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(*fd);
		errno = ENOENT;
		return -1;
	}
	*size = st.st_size;
	return 0;
}

/* Everything in the open folder fd, depth folders down; no link is
 * followed (a link is removed as a name). */
int
dirs_remove_in(int fd, int depth)
{
	struct dirent *e;
	int sub, rc = 0;
	DIR *d;

	if ((d = dirs_entries(fd)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(fd, e->d_name, 0) == 0)
			continue;
		if (errno != EISDIR && errno != EPERM) {
			rc = -1;
			continue;
		}
		if (depth == 0 || (sub = dirs_open(fd, e->d_name)) == -1) {
			rc = -1;
			continue;
		}
		if (dirs_remove_in(sub, depth - 1) == -1)
			rc = -1;
		close(sub);
		if (unlinkat(fd, e->d_name, AT_REMOVEDIR) == -1)
			rc = -1;
	}
	closedir(d);
	return rc;
}
