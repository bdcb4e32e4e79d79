/*
 * contactsheet.c: thumbnails of evenly spread frames in a grid, one JPEG.
 *
 * Each frame is checked for its SOI/EOI markers and decoded at the smallest
 * scaling factor still at least as wide as the thumbnail (jpeg.h), then
 * box-filtered down to the thumbnail and pasted into the sheet in place.
 * Only the sheet and one frame are in memory at a time.  Skipped frames do
 * not leave holes: the next good thumbnail takes the cell, and the sheet is
 * cropped to the cells used (the encoder's row pitch makes that free).  The
 * cell height follows the first good frame's aspect ratio; other shapes are
 * fitted inside.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "replace.h"
#include "frames/frames.h"
#include "frames/jpeg.h"
#include "render/contactsheet.h"

#define GAP		4	/* pixels around and between cells */
#define BACKGROUND	24	/* grey of the sheet */
#define QUALITY		85
#define SHEET_WIDTH_MAX	8192

struct sheet {
	unsigned char	*rgb;
	int		 width, height;	/* allocated */
	int		 pitch;
	int		 cell_w, cell_h;
	int		 columns;
};

/* 3x5 digits, one row per 3 bits, top row first. */
static const unsigned char font[10][5] = {
	{ 7, 5, 5, 5, 7 }, { 2, 6, 2, 2, 7 }, { 7, 1, 7, 4, 7 },
	{ 7, 1, 7, 1, 7 }, { 5, 5, 7, 1, 1 }, { 7, 4, 7, 1, 7 },
	{ 7, 4, 7, 5, 7 }, { 7, 1, 1, 1, 1 }, { 7, 5, 7, 5, 7 },
	{ 7, 5, 7, 1, 7 },
};

size_t
contactsheet_pick(size_t i, size_t cells, size_t frames)
{
	if (cells <= 1 || frames <= 1)
		return 0;
	/* round(i * (frames - 1) / (cells - 1)) in integers */
	return (i * (frames - 1) * 2 + (cells - 1)) / ((cells - 1) * 2);
}

static void
fill(struct sheet *s, int x, int y, int w, int h, unsigned char v)
{
	int row;

	for (row = y; row < y + h; row++)
		if (row >= 0 && row < s->height && x >= 0 && x + w <= s->width)
			memset(s->rgb + (size_t)row * s->pitch + x * 3, v,
			    (size_t)w * 3);
}

/* The frame number in white on black at the bottom left of a cell. */
static void
label(struct sheet *s, int x, int y, long number)
{
	char digits[24];
	int scale, n, i, r, c, w, h;

	n = snprintf(digits, sizeof digits, "%ld", number);
	scale = s->cell_w >= 160 ? 2 : 1;
	w = (n * 4 + 1) * scale;
	h = 7 * scale;
	if (w > s->cell_w || h > s->cell_h)
		return;
	y += s->cell_h - h;
	fill(s, x, y, w, h, 0);
	for (i = 0; i < n; i++)
		for (r = 0; r < 5; r++)
			for (c = 0; c < 3; c++)
				if (font[digits[i] - '0'][r] & (4 >> c))
					fill(s, x + (1 + i * 4 + c) * scale,
					    y + (1 + r) * scale, scale, scale,
					    255);
}

/* Box filter src (sw x sh RGB) into the sheet at x, y as tw x th. */
static void
paste(struct sheet *s, const unsigned char *src, int sw, int sh, int x,
    int y, int tw, int th)
{
	unsigned long sum[3], count;
	unsigned char *dst;
	int ox, oy, x0, x1, y0, y1, sx, sy, k;

	for (oy = 0; oy < th; oy++) {
		y0 = (int)((long)oy * sh / th);
		y1 = (int)((long)(oy + 1) * sh / th);
		if (y1 <= y0)
			y1 = y0 + 1;
		dst = s->rgb + (size_t)(y + oy) * s->pitch + (size_t)x * 3;
		for (ox = 0; ox < tw; ox++) {
			x0 = (int)((long)ox * sw / tw);
			x1 = (int)((long)(ox + 1) * sw / tw);
			if (x1 <= x0)
				x1 = x0 + 1;
			sum[0] = sum[1] = sum[2] = 0;
			for (sy = y0; sy < y1; sy++)
				for (sx = x0; sx < x1; sx++)
					for (k = 0; k < 3; k++)
						sum[k] += src[((size_t)sy * sw +
						    sx) * 3 + k];
			count = (unsigned long)(y1 - y0) * (x1 - x0);
			for (k = 0; k < 3; k++)
				*dst++ = (unsigned char)((sum[k] + count / 2) /
				    count);
		}
	}
}

/* Allocate the sheet for cells cells, cell height from the first frame. */
static int
sheet_alloc(struct sheet *s, int columns, int cells, int thumb_width,
    int fw, int fh)
{
	int rows, cw;

	cw = thumb_width < fw ? thumb_width : fw;
	s->cell_w = cw;
	s->cell_h = (int)(((long)fh * cw + fw / 2) / fw);
	if (s->cell_h < 1)
		s->cell_h = 1;
	if (s->cell_h > 2 * cw)
		s->cell_h = 2 * cw;
	s->columns = columns < cells ? columns : cells;
	rows = (cells + columns - 1) / columns;
	s->width = s->columns * (cw + GAP) + GAP;
	s->height = rows * (s->cell_h + GAP) + GAP;
	s->pitch = s->width * 3;
	if ((s->rgb = malloc((size_t)s->pitch * s->height)) == NULL)
		return -1;
	memset(s->rgb, BACKGROUND, (size_t)s->pitch * s->height);
	return 0;
}

/* Frame (rgb fw x fh) into cell k, fitted and centered, labelled. */
static void
place(struct sheet *s, int k, const unsigned char *rgb, int fw, int fh,
    long number)
{
	int x, y, tw, th;

	x = GAP + (k % s->columns) * (s->cell_w + GAP);
	y = GAP + (k / s->columns) * (s->cell_h + GAP);
	tw = s->cell_w < fw ? s->cell_w : fw;
	th = (int)(((long)fh * tw + fw / 2) / fw);
	if (th > s->cell_h) {
		th = s->cell_h;
		tw = (int)(((long)fw * th + fh / 2) / fh);
	}
	if (tw < 1)
		tw = 1;
	if (th < 1)
		th = 1;
	paste(s, rgb, fw, fh, x + (s->cell_w - tw) / 2,
	    y + (s->cell_h - th) / 2, tw, th);
	label(s, x, y, number);
}

/* Encode the first used cells of the sheet and replace out with it. */
static int
write_sheet(const struct sheet *s, int used, const char *out, char *err,
    size_t errlen)
{
	unsigned char *jpeg = NULL;
	size_t jlen = 0;
	char e[256];
	int w, h, rc;

	w = (used < s->columns ? used : s->columns) * (s->cell_w + GAP) + GAP;
	h = ((used + s->columns - 1) / s->columns) * (s->cell_h + GAP) + GAP;
	if (jpeg_encode(s->rgb, w, h, (size_t)s->pitch, JPEG_PIX_RGB, QUALITY,
	    &jpeg, &jlen, e, sizeof e) == -1)
		return errbuf_set(err, errlen, "%s: %s", out, e);
	rc = replace_write(out, jpeg, jlen, 0644, err, errlen);
	jpeg_free(jpeg);
	return rc;
}

int
contactsheet_make(const char *sequence_dir, const char *out_jpeg,
    int columns, int thumb_width, char *err, size_t errlen)
{
	struct frames *fl = NULL;
	struct sheet s = { 0 };
	unsigned char *buf, *rgb;
	char why[256], first[512] = "";
	const char *path;
	size_t len, n, cells, i;
	int fw, fh, used = 0, skipped = 0, rc = -1;

	if (columns < 1 || columns > CONTACTSHEET_COLUMNS_MAX ||
	    thumb_width < CONTACTSHEET_THUMB_MIN ||
	    thumb_width > CONTACTSHEET_THUMB_MAX ||
	    (long)columns * (thumb_width + GAP) > SHEET_WIDTH_MAX)
		return errbuf_set(err, errlen, "contact sheet of %d columns of "
		    "%d pixels: want 1 to %d columns of %d to %d pixels, at "
		    "most %d pixels wide", columns, thumb_width,
		    CONTACTSHEET_COLUMNS_MAX, CONTACTSHEET_THUMB_MIN,
		    CONTACTSHEET_THUMB_MAX, SHEET_WIDTH_MAX);
	if (frames_read(sequence_dir, &fl, err, errlen) == -1)
		return -1;
	if ((n = frames_count(fl)) == 0) {
		errbuf_set(err, errlen, "%s: no frames (NNNNNN.jpeg)",
		    sequence_dir);
		goto out;
	}
	cells = (size_t)columns * columns;
	if (cells > n)
		cells = n;
	for (i = 0; i < cells; i++) {
		path = frames_file(fl, contactsheet_pick(i, cells, n));
		if (frames_load(path, &buf, &len, why, sizeof why) == -1)
			rgb = NULL;
		else {
			if (jpeg_decode_scaled(buf, len, thumb_width, &rgb,
			    &fw, &fh, why, sizeof why) == -1)
				rgb = NULL;
			free(buf);
		}
		if (rgb != NULL && s.rgb == NULL && sheet_alloc(&s, columns,
		    (int)(cells - i), thumb_width, fw, fh) == -1) {
			free(rgb);
			errbuf_set(err, errlen, "%s: out of memory", out_jpeg);
			goto out;
		}
		if (rgb == NULL) {
			if (skipped++ == 0)
				snprintf(first, sizeof first, "%s: %s", path,
				    why);
			continue;
		}
		place(&s, used++, rgb, fw, fh,
		    frames_number(fl, contactsheet_pick(i, cells, n)));
		free(rgb);
	}
	if (used == 0) {
		errbuf_set(err, errlen, "%s: no frame could be decoded (%s)",
		    sequence_dir, first);
		goto out;
	}
	if (write_sheet(&s, used, out_jpeg, err, errlen) == -1)
		goto out;
	rc = skipped;
	if (skipped > 0)
		errbuf_set(err, errlen, "%d frame%s skipped (%s)", skipped,
		    skipped > 1 ? "s" : "", first);
out:
	free(s.rgb);
	frames_free(fl);
	return rc;
}
