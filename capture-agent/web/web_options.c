/*
 * web_options.c: see web_options.h.  The address is read by hand, numeric
 * only (inet_pton), so that a listen line never waits on a name server.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>
#include <string.h>

#include "errbuf.h"
#include "num.h"
#include "web/web_options.h"

void
web_options_init(struct web_options *o)
{
	memset(o, 0, sizeof *o);
	snprintf(o->listen, sizeof o->listen, "%s", WEB_LISTEN_DEFAULT);
}

int
web_options_set(struct web_options *o, const char *key, const char *value,
    char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	socklen_t len;

	if (strcmp(key, "listen") == 0) {
		if (strlen(value) >= sizeof o->listen)
			return errbuf_set(err, errlen, "listen: longer than "
			    "%zu bytes", sizeof o->listen - 1);
		if (*value != '\0' && web_options_address(value, &ss, &len,
		    err, errlen) == -1)
			return -1;
		snprintf(o->listen, sizeof o->listen, "%s", value);
		return 0;
	}
	if (strcmp(key, "password") == 0) {
		if (strlen(value) >= sizeof o->password)
			return errbuf_set(err, errlen, "password: longer than "
			    "%zu bytes", sizeof o->password - 1);
		snprintf(o->password, sizeof o->password, "%s", value);
		return 0;
	}
	if (strcmp(key, "actions") == 0)
		return num_key_bool(key, value, &o->actions, err, errlen);
	return errbuf_set(err, errlen, "unknown key \"%s\" in [web] (keys: "
	    "listen, password, actions)", key);
}

int
web_options_check(const struct web_options *o, char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	socklen_t len;

	if (o->listen[0] == '\0')
		return 0;
	if (web_options_address(o->listen, &ss, &len, err, errlen) == -1)
		return -1;
	if (o->password[0] == '\0' && !web_options_loopback(&ss))
		return errbuf_set(err, errlen, "listen = %s is not a loopback "
		    "address: set a password (or listen on 127.0.0.1)",
		    o->listen);
	return 0;
}

int
web_options_address(const char *listen, struct sockaddr_storage *ss,
    socklen_t *sslen, char *err, size_t errlen)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	char host[64];
	const char *colon, *port;
	size_t hlen;
	long p;

	memset(ss, 0, sizeof *ss);
	if (listen[0] == '[') {
		if ((colon = strstr(listen, "]:")) == NULL)
			goto bad;
		hlen = (size_t)(colon - listen) - 1;
		port = colon + 2;
		if (hlen == 0 || hlen >= sizeof host)
			goto bad;
		memcpy(host, listen + 1, hlen);
		host[hlen] = '\0';
		if (inet_pton(AF_INET6, host, &in6->sin6_addr) != 1)
			goto bad;
		in6->sin6_family = AF_INET6;
		*sslen = sizeof *in6;
	} else {
		if ((colon = strrchr(listen, ':')) == NULL)
			goto bad;
		hlen = (size_t)(colon - listen);
		port = colon + 1;
		if (hlen == 0 || hlen >= sizeof host)
			goto bad;
		memcpy(host, listen, hlen);
		host[hlen] = '\0';
		if (strcmp(host, "localhost") == 0)
			snprintf(host, sizeof host, "127.0.0.1");
		if (inet_pton(AF_INET, host, &in4->sin_addr) != 1)
			goto bad;
		in4->sin_family = AF_INET;
		*sslen = sizeof *in4;
	}
	if (*port < '0' || *port > '9' ||
	    num_config_long(port, 0, 65535, &p) != NUM_OK)
		goto bad;
	if (ss->ss_family == AF_INET)
		in4->sin_port = htons((unsigned short)p);
	else
		in6->sin6_port = htons((unsigned short)p);
	return 0;
bad:
	return errbuf_set(err, errlen, "listen: %s: expected ADDRESS:PORT "
	    "(127.0.0.1:8085, 0.0.0.0:8085, [::1]:8085; empty for no page)",
	    listen);
}

bool
web_options_loopback(const struct sockaddr_storage *ss)
{
	const struct sockaddr_in *in4 = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;

	if (ss->ss_family == AF_INET)
		return (ntohl(in4->sin_addr.s_addr) >> 24) == 127;
	if (ss->ss_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr))
		return in6->sin6_addr.s6_addr[12] == 127;
	if (ss->ss_family == AF_INET6)
		return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	return false;
}

bool
web_options_equal(const struct web_options *a, const struct web_options *b)
{
	return strcmp(a->listen, b->listen) == 0 &&
	    strcmp(a->password, b->password) == 0 && a->actions == b->actions;
}
