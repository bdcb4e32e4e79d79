/*
 * test_web_request.c: the page's request grammar (routes, names, frames,
 * cameras, Range) and the [web] options: what is served, and every kind
 * of path that must not reach the file system.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>
#include <string.h>

#include "t.h"
#include "web/request.h"
#include "web/web_options.h"

#define SEQ "2026-11-23-17-33-29.166727"

static int
route(const char *method, const char *path, struct request *r)
{
	return request_parse(method, path, r);
}

static void
test_routes(void)
{
	struct request r;

	T_EQ_INT(route("GET", "/", &r), 200, "GET / is served");
	T_EQ_INT(r.route, ROUTE_INDEX, "GET / is the page");
	T_EQ_INT(route("HEAD", "/index.html", &r), 200, "HEAD /index.html");
	T_EQ_INT(route("GET", "/app.js", &r), 200, "the script");
	T_EQ_STR(r.name, "app.js", "the page file is named");
	T_EQ_INT(route("GET", "/style.css", &r), 200, "the style sheet");
	T_EQ_INT(route("GET", "/index.css", &r), 404, "no other page file");
	T_EQ_INT(route("GET", "/api/status", &r), 200, "status");
	T_EQ_INT(r.route, ROUTE_STATUS, "status route");
	T_EQ_INT(route("GET", "/api/events", &r), 200, "events");
	T_EQ_INT(route("GET", "/api/sequences", &r), 200, "sequences");
	T_EQ_INT(route("GET", "/api/sequences/", &r), 200,
	    "sequences, trailing slash");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ, &r), 200, "a sequence");
	T_EQ_INT(r.route, ROUTE_SEQUENCE, "a sequence's route");
	T_EQ_STR(r.name, SEQ, "its name");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ "/frames/7.jpeg", &r),
	    200, "a frame");
	T_EQ_INT(r.route, ROUTE_FRAME, "a frame's route");
	T_EQ_INT(r.frame, 7, "frame 7");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ "/frames/000007.jpeg",
	    &r), 200, "a frame with zeros");
	T_EQ_INT(r.frame, 7, "still frame 7");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ "/frames/999999999.jpeg",
	    &r), 200, "the last frame number");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ "/frames/1000000000.jpeg",
	    &r), 404, "ten digits is no frame");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ "/frames/0.jpeg", &r), 404,
	    "frame 0 is none");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ "/frames/.jpeg", &r), 404,
	    "no digits");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ "/frames/7.jpg", &r), 404,
	    ".jpg is not what the agent writes");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ "/thumb.jpeg", &r), 200,
	    "thumbnail");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ "/contact.jpeg", &r), 200,
	    "contact sheet");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ "/video", &r), 200,
	    "video");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ "/frames.tar", &r), 200,
	    "tar");
	T_EQ_INT(r.route, ROUTE_TAR, "tar route");
	T_EQ_INT(route("POST", "/api/sequences/" SEQ "/render", &r), 200,
	    "render is a POST");
	T_OK(r.post, "render takes POST");
	T_EQ_INT(route("GET", "/api/sequences/" SEQ "/render", &r), 405,
	    "GET render: 405");
	T_EQ_INT(route("POST", "/api/sequences/" SEQ "/delete", &r), 200,
	    "delete is a POST");
	T_EQ_INT(route("POST", "/api/status", &r), 405, "POST status: 405");
	T_EQ_INT(route("DELETE", "/api/sequences/" SEQ, &r), 405,
	    "DELETE: 405");
	T_EQ_INT(route("PUT", "/", &r), 405, "PUT: 405");
}

static void
test_refused(void)
{
	static const char *const bad[] = {
		"/api/sequences/..",
		"/api/sequences/../etc/passwd",
		"/api/sequences/" SEQ "/../../etc/passwd",
		"/api/sequences/" SEQ "/frames/../../x.jpeg",
		"/api/sequences/%2e%2e/etc",
		"/api/sequences/" SEQ "%2f..%2f",
		"/api/sequences/" SEQ "/frames/%37.jpeg",
		"/api/sequences/2026-11-23-17-33-29.16672",
		"/api/sequences/2026-11-23-17-33-29.1667270",
		"/api/sequences/2026-11-23-17-33-29x166727",
		"/api/sequences/.deleting-" SEQ,
		"/api/sequences/" SEQ "/frames/7.jpeg/",
		"/api/sequences/" SEQ "/frames/7.jpeg/x",
		"/api/sequences/" SEQ "/thumb.jpeg/",
		"/api/sequences/" SEQ "//frames/7.jpeg",
		"/api/sequences//" SEQ,
		"/api/sequences/" SEQ "\\..\\",
		"/api/sequences/" SEQ " ",
		"/api/sequences/" SEQ "\x7f",
		"/api/sequences/" SEQ "\xc3\xa9",
		"/api/status/",
		"/api//status",
		"/api",
		"/api/",
		"//api/status",
		"/etc/passwd",
		"/app.js/",
		"/./app.js",
	};
	struct request r;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		T_EQ_INT(route("GET", bad[i], &r), 404, "refused: %s", bad[i]);
	T_EQ_INT(route("GET", "/etc/../api/status", &r), 404,
	    "dot segments are not resolved");
	T_EQ_INT(route("GET", "api/status", &r), 400, "no leading slash: 400");
	T_EQ_INT(route("GET", "", &r), 400, "empty: 400");
	T_EQ_INT(route("GET", "/etc/passwd", &r), 404, "an absolute path");
	T_EQ_INT(r.route, ROUTE_NONE, "a refused path leaves no route");
	T_EQ_STR(r.name, "", "and no name");
}

static void
test_cameras(void)
{
	T_OK(request_camera_name("top"), "camera top");
	T_OK(request_camera_name("cam-1_a.b"), "letters, digits, - _ .");
	T_OK(!request_camera_name(""), "no empty camera");
	T_OK(!request_camera_name(".."), "no ..");
	T_OK(!request_camera_name(".hidden"), "no leading dot");
	T_OK(!request_camera_name("a/b"), "no slash");
	T_OK(!request_camera_name("a%2fb"), "no escape");
	T_OK(!request_camera_name("a b"), "no blank");
	T_OK(!request_camera_name(
	    "0123456789012345678901234567890123456789012345678901234567890123"),
	    "64 bytes is too long");
}

static void
test_range(void)
{
	off_t a = -1, n = -1;

	T_EQ_INT(request_range(NULL, 100, &a, &n), 0, "no Range: whole");
	T_EQ_INT(request_range("bytes=0-", 100, &a, &n), 1, "bytes=0-");
	T_OK(a == 0 && n == 100, "  the whole as a part (%lld+%lld)",
	    (long long)a, (long long)n);
	T_EQ_INT(request_range("bytes=10-19", 100, &a, &n), 1, "bytes=10-19");
	T_OK(a == 10 && n == 10, "  10 bytes from 10");
	T_EQ_INT(request_range("bytes=90-500", 100, &a, &n), 1,
	    "a range past the end is cut");
	T_OK(a == 90 && n == 10, "  to the last byte");
	T_EQ_INT(request_range("bytes=-30", 100, &a, &n), 1, "the last 30");
	T_OK(a == 70 && n == 30, "  from 70");
	T_EQ_INT(request_range("bytes=-300", 100, &a, &n), 1,
	    "a suffix longer than the file");
	T_OK(a == 0 && n == 100, "  is the whole file");
	T_EQ_INT(request_range("bytes=100-", 100, &a, &n), -1,
	    "past the end: 416");
	T_EQ_INT(request_range("bytes=-5", 0, &a, &n), -1,
	    "empty file, suffix: 416");
	T_EQ_INT(request_range("bytes=5-1", 100, &a, &n), 0,
	    "backwards: ignored");
	T_EQ_INT(request_range("bytes=0-1,5-6", 100, &a, &n), 0,
	    "several ranges: the whole");
	T_EQ_INT(request_range("items=0-1", 100, &a, &n), 0, "not bytes");
	T_EQ_INT(request_range("bytes=x-1", 100, &a, &n), 0, "not a number");
	T_EQ_INT(request_range("bytes=99999999999999999999-", 100, &a, &n), 0,
	    "an overflowing number");
	T_EQ_INT(request_range("bytes=-0", 100, &a, &n), 0, "bytes=-0");
}

static void
test_options(void)
{
	struct web_options o;
	struct sockaddr_storage ss;
	socklen_t len;
	char err[256];

	web_options_init(&o);
	T_EQ_STR(o.listen, "127.0.0.1:8085", "default listen");
	T_OK(!o.actions, "no actions by default");
	T_EQ_INT(web_options_check(&o, err, sizeof err), 0,
	    "loopback without a password is fine");
	T_EQ_INT(web_options_set(&o, "listen", "0.0.0.0:8085", err,
	    sizeof err), 0, "listen 0.0.0.0");
	T_EQ_INT(web_options_check(&o, err, sizeof err), -1,
	    "every interface without a password is refused");
	T_OK(strstr(err, "password") != NULL, "  saying so: %s", err);
	T_EQ_INT(web_options_set(&o, "password", "s3cret", err, sizeof err), 0,
	    "a password");
	T_EQ_INT(web_options_check(&o, err, sizeof err), 0,
	    "every interface with a password");
	T_EQ_INT(web_options_set(&o, "listen", "", err, sizeof err), 0,
	    "empty listen");
	T_EQ_INT(web_options_check(&o, err, sizeof err), 0, "no page is fine");
	T_EQ_INT(web_options_set(&o, "listen", "[::1]:80", err, sizeof err), 0,
	    "IPv6 loopback");
	T_EQ_INT(web_options_address("[::1]:80", &ss, &len, err, sizeof err), 0,
	    "[::1]:80 parses");
	T_OK(ss.ss_family == AF_INET6 && web_options_loopback(&ss),
	    "  as IPv6 loopback");
	T_EQ_INT(web_options_address("localhost:0", &ss, &len, err,
	    sizeof err), 0, "localhost:0");
	T_OK(web_options_loopback(&ss), "  is loopback");
	T_EQ_INT(web_options_address("127.1.2.3:9", &ss, &len, err,
	    sizeof err), 0, "127.1.2.3");
	T_OK(web_options_loopback(&ss), "  is loopback too");
	T_EQ_INT(web_options_address("192.168.1.5:8085", &ss, &len, err,
	    sizeof err), 0, "a LAN address");
	T_OK(!web_options_loopback(&ss), "  is not loopback");
	T_EQ_INT(web_options_address("[::ffff:127.0.0.1]:1", &ss, &len, err,
	    sizeof err), 0, "IPv4-mapped loopback");
	T_OK(web_options_loopback(&ss), "  is loopback");
	T_EQ_INT(web_options_set(&o, "listen", "printer.local:8085", err,
	    sizeof err), -1, "a host name is refused");
	T_EQ_INT(web_options_set(&o, "listen", "127.0.0.1", err, sizeof err),
	    -1, "no port");
	T_EQ_INT(web_options_set(&o, "listen", "127.0.0.1:65536", err,
	    sizeof err), -1, "port 65536");
	T_EQ_INT(web_options_set(&o, "listen", "127.0.0.1:-1", err,
	    sizeof err), -1, "port -1");
	T_EQ_INT(web_options_set(&o, "listen", "::1:80", err, sizeof err), -1,
	    "IPv6 without brackets");
	T_EQ_INT(web_options_set(&o, "actions", "maybe", err, sizeof err), -1,
	    "actions = maybe");
	T_EQ_INT(web_options_set(&o, "actions", "yes", err, sizeof err), 0,
	    "actions = yes");
	T_OK(o.actions, "  allows actions");
	T_EQ_INT(web_options_set(&o, "colour", "red", err, sizeof err), -1,
	    "an unknown key");
	T_EQ_INT(web_options_set(&o, "password", "x", err, sizeof err), 0,
	    "a new password");
	T_EQ_INT(web_options_set(&o, "password",
	    "toolong-toolong-toolong-toolong-toolong-toolong-toolong-toolong-"
	    "toolong-toolong-toolong-toolong-toolong-toolong-toolong-toolong-",
	    err, sizeof err), -1, "a password too long");
	T_OK(strstr(err, "toolong") == NULL,
	    "  the message does not show it: %s", err);
}

int
main(void)
{
	test_routes();
	test_refused();
	test_cameras();
	test_range();
	test_options();
	return t_done();
}
