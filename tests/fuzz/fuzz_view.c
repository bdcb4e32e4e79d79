/*
 * fuzz_view.c: the view settings' parsers (X,Y,Z points, bed corners,
 * WIDTHxHEIGHT) on arbitrary bytes, and a view made of what they accept.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scene/view.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char s[256], err[160];
	double eye[3], at[3] = { 0, 0, 0 }, bed[4];
	struct view v;
	int w = 64, h = 48;

	if (len >= sizeof s)
		len = sizeof s - 1;
	memcpy(s, data, len);
	s[len] = '\0';
	(void)view_parse_size(s, &w, &h, err, sizeof err);
	(void)view_parse_numbers(s, bed, 4, "X0,Y0,X1,Y1", err, sizeof err);
	if (view_parse_point(s, eye, err, sizeof err) == 0 &&
	    view_init(&v, eye, at, 40, w, h, err, sizeof err) == 0) {
		double lo[3] = { -10, -10, 0 }, hi[3] = { 10, 10, 20 };

		(void)view_box_in_picture(&v, lo, hi);
	}
	return 0;
}
