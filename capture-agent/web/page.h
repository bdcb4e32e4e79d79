/*
 * page.h: the web page's files (capture-agent/web/page/), built into the
 * program by scripts/embed.sh, so the page needs nothing but the agent:
 * no CDN, no file to install, works offline.
 */
#ifndef PAGE_H
#define PAGE_H

#include <stddef.h>

struct page_file {
	const char		*name;		/* "app.js" */
	const unsigned char	*data;
	size_t			 len;
};

/* Every file, ended by a NULL name (generated). */
extern const struct page_file page_files[];

/* The file called name, or NULL. */
const struct page_file *page_find(const char *name);

/* A file's Content-Type, from its extension: the page's files, frames,
 * the videos a render writes. */
const char *page_type(const char *name);

#endif
