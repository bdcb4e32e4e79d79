/*
 * curl_baseline.c: the smallest program that polls a URL with libcurl,
 * every 100 ms, as capture-agent does.  make bench measures its memory
 * beside the agent's: what linking Debian's libcurl costs by itself.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <time.h>

static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

int
main(int argc, char *argv[])
{
	struct timespec nap = { 0, 100 * 1000 * 1000 };
	CURL *c;

	if (argc != 2) {
		fprintf(stderr, "usage: curl_baseline URL\n");
		return 2;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((c = curl_easy_init()) == NULL)
		return 1;
	curl_easy_setopt(c, CURLOPT_URL, argv[1]);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	for (;;) {
		(void)curl_easy_perform(c);
		nanosleep(&nap, NULL);
	}
}
