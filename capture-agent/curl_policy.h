/*
 * curl_policy.h: what every libcurl handle of the agent is held to, the
 * printer's (printer/http.c) and an http camera's (camera/camera_http.c):
 * http and https only, for redirects too (never ftp:// or file://), and
 * close-on-exec sockets, so that no command an exec camera runs inherits
 * a connection.  Set again after each curl_easy_reset().
 */
#ifndef CURL_POLICY_H
#define CURL_POLICY_H

#include <curl/curl.h>

void	curl_policy_apply(CURL *);

#endif
