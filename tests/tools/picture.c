/*
 * picture.c: what the tests need to know about a rendered frame, read
 * from its JPEG with TurboJPEG (Python's standard library cannot decode
 * one).
 *
 *   picture FILE.jpeg...
 *	one line per file:
 *	FILE WIDTH HEIGHT head N X0 Y0 X1 Y1 filament N X0 Y0 X1 Y1
 *	N pixels of the head's colour (magenta: red about blue, no green),
 *	of the filament's (orange), each with its bounding box (inclusive;
 *	-1 -1 -1 -1 when there is none)
 *   picture --ppm OUT.ppm FILE.jpeg
 *	the pixels as a PPM, to look at
 *
 * The colours are classes, not exact values: shading scales a colour and
 * JPEG blurs it, so a class is a hue with some saturation.  Exit status 0,
 * 1 when a file cannot be read or decoded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <turbojpeg.h>

struct box {
	long n;
	int x0, y0, x1, y1;
};

static int
is_head(int r, int g, int b)
{
	int lo = r < b ? r : b, hi = r > b ? r : b;

	return lo > 50 && g * 3 < lo && (hi - lo) * 4 < hi;
}

static int
is_filament(int r, int g, int b)
{
	return r > 50 && g * 100 > r * 35 && g * 100 < r * 72 &&
	    b * 100 < r * 32;
}

static void
add(struct box *bx, int x, int y)
{
	if (bx->n++ == 0) {
		bx->x0 = bx->x1 = x;
		bx->y0 = bx->y1 = y;
		return;
	}
	if (x < bx->x0)
		bx->x0 = x;
	if (x > bx->x1)
		bx->x1 = x;
	if (y < bx->y0)
		bx->y0 = y;
	if (y > bx->y1)
		bx->y1 = y;
}

static unsigned char *
load(const char *path, int *w, int *h)
{
	unsigned char *buf = NULL, *rgb = NULL;
	long len;
	FILE *f;
	tjhandle tj = NULL;
	int sub, cs;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (len = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)len)) == NULL ||
	    fread(buf, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "picture: %s: cannot read\n", path);
		goto out;
	}
	if ((tj = tjInitDecompress()) == NULL ||
	    tjDecompressHeader3(tj, buf, (unsigned long)len, w, h, &sub,
	    &cs) != 0 || *w <= 0 || *h <= 0 ||
	    (rgb = malloc((size_t)*w * *h * 3)) == NULL ||
	    tjDecompress2(tj, buf, (unsigned long)len, rgb, *w, *w * 3, *h,
	    TJPF_RGB, 0) != 0) {
		fprintf(stderr, "picture: %s: not a JPEG TurboJPEG decodes\n",
		    path);
		free(rgb);
		rgb = NULL;
	}
out:
	if (tj != NULL)
		tjDestroy(tj);
	if (f != NULL)
		fclose(f);
	free(buf);
	return rgb;
}

int
main(int argc, char *argv[])
{
	unsigned char *rgb;
	int w, h, status = 0;

	if (argc == 4 && strcmp(argv[1], "--ppm") == 0) {
		FILE *out;

		if ((rgb = load(argv[3], &w, &h)) == NULL ||
		    (out = fopen(argv[2], "wb")) == NULL)
			return 1;
		fprintf(out, "P6\n%d %d\n255\n", w, h);
		fwrite(rgb, 3, (size_t)w * h, out);
		free(rgb);
		return fclose(out) == 0 ? 0 : 1;
	}
	for (int i = 1; i < argc; i++) {
		struct box head = { 0, -1, -1, -1, -1 };
		struct box fil = { 0, -1, -1, -1, -1 };

		if ((rgb = load(argv[i], &w, &h)) == NULL) {
			status = 1;
			continue;
		}
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				const unsigned char *p = rgb + ((size_t)y * w +
				    x) * 3;

				if (is_head(p[0], p[1], p[2]))
					add(&head, x, y);
				else if (is_filament(p[0], p[1], p[2]))
					add(&fil, x, y);
			}
		printf("%s %d %d head %ld %d %d %d %d filament %ld %d %d %d "
		    "%d\n", argv[i], w, h, head.n, head.x0, head.y0, head.x1,
		    head.y1, fil.n, fil.x0, fil.y0, fil.x1, fil.y1);
		free(rgb);
	}
	return status;
}
