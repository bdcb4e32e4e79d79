/*
 * fuzz_request.c: libFuzzer target for the web page's parsers: the request
 * path (request_parse), camera names, the Range header and the [web]
 * listen address.  The input is split at NUL bytes: method, path,
 * camera, range, listen.  Whatever the bytes, a parser must answer within
 * its grammar: a route with a sequence name sequence_is_name takes and no
 * "/" or ".." in any name, a range inside the file; never a crash.
 */
#include <sys/socket.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frames/sequence.h"
#include "web/request.h"
#include "web/web_options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Field i of the NUL-separated input, copied (empty when missing). */
static void
field(const uint8_t *data, size_t size, int i, char *out, size_t outlen)
{
	size_t start = 0, end, n;

	while (i-- > 0) {
		while (start < size && data[start] != 0)
			start++;
		if (start < size)
			start++;
	}
	for (end = start; end < size && data[end] != 0; end++)
		;
	n = end - start < outlen - 1 ? end - start : outlen - 1;
	memcpy(out, data + start, n);
	out[n] = '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char method[16], path[4096], camera[128], range[256], listen[128];
	char err[256];
	struct sockaddr_storage ss;
	struct request r;
	socklen_t len;
	off_t start, n, fsize = 12345;
	int status;

	field(data, size, 0, method, sizeof method);
	field(data, size, 1, path, sizeof path);
	field(data, size, 2, camera, sizeof camera);
	field(data, size, 3, range, sizeof range);
	field(data, size, 4, listen, sizeof listen);

	status = request_parse(method, path, &r);
	if (status == 200) {
		if (strstr(r.name, "/") != NULL || strstr(r.name, "..") != NULL)
			abort();
		if (r.route >= ROUTE_SEQUENCE && !sequence_is_name(r.name))
			abort();
		if (r.route == ROUTE_FRAME &&
		    (r.frame == 0 || r.frame > 999999999UL))
			abort();
	} else if (status != 400 && status != 404 && status != 405)
		abort();
	if (request_camera_name(camera) &&
	    (strchr(camera, '/') != NULL || camera[0] == '.'))
		abort();
	if (request_range(range, fsize, &start, &n) == 1 &&
	    (start < 0 || n <= 0 || start + n > fsize))
		abort();
	(void)web_options_address(listen, &ss, &len, err, sizeof err);
	return 0;
}
