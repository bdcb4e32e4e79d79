/*
 * sheets.c: see sheets.h.  The contact sheet module takes paths: it is
 * given /proc/self/fd/N, the folders opened here without following a link,
 * so no name is resolved twice.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
#include "render/contactsheet.h"
#include "web/dirs.h"
#include "web/sheets.h"

#define THUMB_COLUMNS	2
#define THUMB_WIDTH	160

struct sheets {
	struct library *lib;
	pthread_mutex_t lock;
};

struct sheets *
sheets_new(struct library *lib)
{
	struct sheets *sh;

	if ((sh = calloc(1, sizeof *sh)) == NULL)
		return NULL;
	sh->lib = lib;
	pthread_mutex_init(&sh->lock, NULL);
	return sh;
}

void
sheets_free(struct sheets *sh)
{
	if (sh == NULL)
		return;
	pthread_mutex_destroy(&sh->lock);
	free(sh);
}

static int
open_cache(const struct sheets *sh)
{
	int root, fd;

	if ((root = library_open_root(sh->lib)) == -1)
		return -1;
	if (mkdirat(root, SHEETS_CACHE, 0755) == -1 && errno != EEXIST) {
		close(root);
		return -1;
	}
	fd = dirs_open(root, SHEETS_CACHE);
	close(root);
	return fd;
}

/* The cached sheet file of the camera folder cfd, made when missing or
 * older than the folder. */
static int
cached_sheet(struct sheets *sh, int cfd, const char *file, int columns,
    int width, int *fd, off_t *size, char *err, size_t errlen)
{
	char in[64], out[64 + 2 * STATUS_NAME + 32];
	struct stat folder, sheet;
	int cache, rc = 0;

	if ((cache = open_cache(sh)) == -1)
		return errbuf_set(err, errlen, "%s/%s: %s",
		    library_directory(sh->lib),
		    SHEETS_CACHE, strerror(errno));
	pthread_mutex_lock(&sh->lock);
	if (fstat(cfd, &folder) == -1 ||
	    fstatat(cache, file, &sheet, AT_SYMLINK_NOFOLLOW) == -1 ||
	    sheet.st_mtim.tv_sec < folder.st_mtim.tv_sec ||
	    (sheet.st_mtim.tv_sec == folder.st_mtim.tv_sec &&
	    sheet.st_mtim.tv_nsec <= folder.st_mtim.tv_nsec)) {
		snprintf(in, sizeof in, "/proc/self/fd/%d", cfd);
		snprintf(out, sizeof out, "/proc/self/fd/%d/%s", cache, file);
		if (contactsheet_make(in, out, columns, width, err, errlen) ==
		    -1)
			rc = -1;
	}
	pthread_mutex_unlock(&sh->lock);
	if (rc == 0 && dirs_open_file(cache, file, fd, size) == -1)
		rc = errbuf_set(err, errlen, "%s: %s", file, strerror(errno));
	close(cache);
	return rc;
}

int
sheets_open_contact(struct sheets *sh, const char *name,
    const char *camera, int *fd, off_t *size, char *err, size_t errlen)
{
	char file[2 * STATUS_NAME + 32];
	int cfd, rc;

	if ((cfd = library_open_camera(sh->lib, name, camera)) == -1)
		return errbuf_set(err, errlen, "no sequence %s with camera %s",
		    name, camera != NULL ? camera : "");
	if (camera != NULL && *camera != '\0')
		snprintf(file, sizeof file, "%s-%s-contact.jpeg", name, camera);
	else
		snprintf(file, sizeof file, "%s-contact.jpeg", name);
	rc = cached_sheet(sh, cfd, file, CONTACTSHEET_COLUMNS,
	    CONTACTSHEET_THUMB_WIDTH, fd, size, err, errlen);
	close(cfd);
	return rc;
}

int
sheets_open_thumb(struct sheets *sh, const char *name, int *fd,
    off_t *size, char *err, size_t errlen)
{
	char file[STATUS_NAME + 32];
	int cfd, rc;

	if ((cfd = library_open_camera(sh->lib, name, NULL)) == -1)
		return errbuf_set(err, errlen, "no sequence %s", name);
	snprintf(file, sizeof file, "%s-thumb.jpeg", name);
	rc = cached_sheet(sh, cfd, file, THUMB_COLUMNS, THUMB_WIDTH, fd, size,
	    err, errlen);
	close(cfd);
	return rc;
}

void
sheets_forget(struct sheets *sh, const char *name)
{
	size_t len = strlen(name);
	struct dirent *e;
	int cache;
	DIR *d;

	if ((cache = open_cache(sh)) == -1)
		return;
	if ((d = dirs_entries(cache)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strncmp(e->d_name, name, len) == 0 &&
			    e->d_name[len] == '-')
				(void)unlinkat(cache, e->d_name, 0);
		closedir(d);
	}
	close(cache);
}
