/*
 * page.c: see page.h.
 */
#include <string.h>

#include "web/page.h"

const struct page_file *
page_find(const char *name)
{
	const struct page_file *f;

	for (f = page_files; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

const char *
page_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".jpeg", "image/jpeg" },
		{ ".mp4", "video/mp4" },
		{ ".webm", "video/webm" },
		{ ".mkv", "video/x-matroska" },
		{ ".mov", "video/quicktime" },
		{ ".gif", "image/gif" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot != NULL && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}
