/*
 * curl_policy.c: see curl_policy.h.
 */
#include <fcntl.h>

#include "curl_policy.h"

/* libcurl's sockets are not close-on-exec by themselves. */
static int
cloexec(void *arg, curl_socket_t fd, curlsocktype purpose)
{
	(void)arg;
	(void)purpose;
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return CURL_SOCKOPT_OK;
}

void
curl_policy_apply(CURL *curl)
{
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_SOCKOPTFUNCTION, cloexec);
}
