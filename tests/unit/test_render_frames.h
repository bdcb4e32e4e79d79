/*
 * test_render_frames.h: frames for the render and contact sheet tests,
 * made with TurboJPEG (a gradient with a frame-dependent colour), plus the
 * broken files a sequence folder can hold.
 */
#ifndef TEST_RENDER_FRAMES_H
#define TEST_RENDER_FRAMES_H

#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <turbojpeg.h>

/* Write a w x h JPEG to path; bytes < 0 writes all of it, else the first
 * bytes only (a truncated frame).  Returns 0 or -1. */
static inline int
tf_write_jpeg(const char *path, int w, int h, int seed, long bytes)
{
	unsigned char *rgb, *jpeg = NULL;
	unsigned long len = 0;
	tjhandle tj;
	FILE *fp;
	int x, y, rc = -1;

	if ((rgb = malloc((size_t)w * h * 3)) == NULL)
		return -1;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			rgb[(y * w + x) * 3] = (unsigned char)(x * 255 / w);
			rgb[(y * w + x) * 3 + 1] = (unsigned char)(y * 255 / h);
			rgb[(y * w + x) * 3 + 2] = (unsigned char)(seed * 40);
		}
	if ((tj = tjInitCompress()) != NULL &&
	    tjCompress2(tj, rgb, w, 0, h, TJPF_RGB, &jpeg, &len, TJSAMP_420,
	    90, 0) == 0 && (fp = fopen(path, "wb")) != NULL) {
		if (bytes >= 0 && (unsigned long)bytes < len)
			len = (unsigned long)bytes;
		rc = fwrite(jpeg, 1, len, fp) == len ? 0 : -1;
		if (fclose(fp) != 0)
			rc = -1;
	}
	tjFree(jpeg);
	if (tj != NULL)
		tjDestroy(tj);
	free(rgb);
	return rc;
}

static inline int
tf_write_text(const char *path, const char *text)
{
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL)
		return -1;
	fputs(text, fp);
	return fclose(fp);
}

/* mkdtemp under TMPDIR; dir must hold 256 bytes. */
static inline int
tf_tempdir(char *dir, size_t len, const char *what)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, len, "%s/gl-%s.XXXXXX", t && *t ? t : "/tmp", what);
	return mkdtemp(dir) != NULL ? 0 : -1;
}

/* rm -r of a test folder, two levels deep. */
static inline void
tf_rmtree(const char *dir)
{
	struct dirent *de;
	struct stat st;
	char path[PATH_MAX + 256];
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
		    (int)sizeof(path))
			continue;
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			tf_rmtree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

/* Number of entries of dir whose name contains part (".part" files). */
static inline int
tf_count_names(const char *dir, const char *part)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, part) != NULL)
			n++;
	closedir(d);
	return n;
}

static inline int
tf_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && st.st_size > 0;
}

#endif
