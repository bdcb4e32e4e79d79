/*
 * test_contactsheet.c: a contact sheet of frames made here with TurboJPEG,
 * among them a truncated frame and a text file named like a frame; the
 * sheet is decoded again and its size and cells checked.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <turbojpeg.h>

#include "test_render_frames.h"
#include "t.h"
#include "render/contactsheet.h"

/* Decode path to RGB; returns the buffer (free it) or NULL. */
static unsigned char *
decode_file(const char *path, int *w, int *h)
{
	unsigned char *jpeg, *rgb = NULL;
	tjhandle tj;
	FILE *fp;
	long len;
	int sub, cs;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	jpeg = malloc(len > 0 ? len : 1);
	if (jpeg == NULL || fread(jpeg, 1, len, fp) != (size_t)len) {
		fclose(fp);
		free(jpeg);
		return NULL;
	}
	fclose(fp);
	if ((tj = tjInitDecompress()) != NULL &&
	    tjDecompressHeader3(tj, jpeg, len, w, h, &sub, &cs) == 0 &&
	    (rgb = malloc((size_t)*w * *h * 3)) != NULL &&
	    tjDecompress2(tj, jpeg, len, rgb, *w, 0, *h, TJPF_RGB, 0) != 0) {
		free(rgb);
		rgb = NULL;
	}
	if (tj != NULL)
		tjDestroy(tj);
	free(jpeg);
	return rgb;
}

static void
test_pick(void)
{
	T_EQ_INT(contactsheet_pick(0, 5, 100), 0, "first cell: first frame");
	T_EQ_INT(contactsheet_pick(4, 5, 100), 99, "last cell: last frame");
	T_EQ_INT(contactsheet_pick(2, 5, 101), 50, "middle cell: middle");
	T_EQ_INT(contactsheet_pick(1, 3, 4), 2, "1 of 3 over 4 rounds to 2");
	T_EQ_INT(contactsheet_pick(0, 1, 10), 0, "one cell: first frame");
	T_EQ_INT(contactsheet_pick(3, 4, 4), 3, "as many cells as frames");
}

static void
test_sheet(const char *top)
{
	char seq[512], path[600], out[600], err[1024];
	unsigned char *rgb, *px;
	int i, w, h, rc;

	snprintf(seq, sizeof(seq), "%s/seq", top);
	mkdir(seq, 0755);
	/* frames 1..10 without 5; 3 truncated; 7 is text */
	for (i = 1; i <= 10; i++) {
		if (i == 5)
			continue;
		snprintf(path, sizeof(path), "%s/%06d.jpeg", seq, i);
		if (i == 7)
			tf_write_text(path, "not a JPEG at all\n");
		else
			tf_write_jpeg(path, 320, 240, i, i == 3 ? 2000 : -1);
	}
	snprintf(path, sizeof(path), "%s/README", seq);
	tf_write_text(path, "stray file\n");

	snprintf(out, sizeof(out), "%s/sheet.jpeg", top);
	rc = contactsheet_make(seq, out, 3, 100, err, sizeof(err));
	T_EQ_INT(rc, 2, "sheet made, 2 frames skipped");
	T_OK(strstr(err, "000003.jpeg") != NULL, "note names the first bad "
	    "frame: %s", err);
	T_EQ_INT(tf_count_names(top, ".part"), 0, "no temporary file left");
	T_EQ_INT(tf_count_names(top, ".gl-"), 0,
	    "no temporary file of replace.h left");
	rgb = decode_file(out, &w, &h);
	T_OK(rgb != NULL, "sheet decodes");
	if (rgb == NULL)
		return;
	/* 9 frames, 3x3 cells picked, 2 skipped: 7 thumbs of 100x75 */
	T_EQ_INT(w, 3 * (100 + 4) + 4, "sheet width: 3 columns");
	T_EQ_INT(h, 3 * (75 + 4) + 4, "sheet height: 3 rows");
	/* centre of cell 0: the gradient at half width is red ~128 */
	px = rgb + ((size_t)(4 + 37) * w + 4 + 50) * 3;
	T_OK(px[0] > 100 && px[0] < 160 && px[1] > 100 && px[1] < 160,
	    "cell 0 holds the frame (%d,%d,%d)", px[0], px[1], px[2]);
	/* blue of frame 1 is 40, of frame 10 is 400 & 255 = 144 */
	T_OK(abs(px[2] - 40) < 20, "cell 0 is frame 1 (blue %d)", px[2]);
	/* cell 8 (third row, third column) is empty: background */
	px = rgb + ((size_t)(4 + 2 * 79 + 37) * w + 4 + 2 * 104 + 50) * 3;
	T_OK(px[0] < 40 && px[1] < 40 && px[2] < 40,
	    "unused cell is background (%d,%d,%d)", px[0], px[1], px[2]);
	/* cell 6 (third row, first column) is the last frame, 10 */
	px = rgb + ((size_t)(4 + 2 * 79 + 37) * w + 4 + 50) * 3;
	T_OK(abs(px[2] - 144) < 20, "cell 6 is frame 10 (blue %d)", px[2]);
	/* the label: white pixels in the bottom-left corner of cell 0 */
	px = rgb + ((size_t)(4 + 75 - 4) * w + 4 + 1) * 3;
	T_OK(px[0] > 150 || rgb[((size_t)(4 + 75 - 5) * w + 4 + 1) * 3] > 150
	    || rgb[((size_t)(4 + 75 - 3) * w + 4 + 1) * 3] > 150,
	    "label drawn in cell 0");
	free(rgb);

	rc = contactsheet_make(seq, out, 1, 64, err, sizeof(err));
	T_OK(rc >= 0, "one column works (%s)", rc < 0 ? err : "");
	rgb = decode_file(out, &w, &h);
	T_OK(rgb != NULL && w == 64 + 8 && h == 48 + 8,
	    "one cell: %dx%d", w, h);
	free(rgb);

	T_EQ_INT(contactsheet_make(seq, out, 0, 100, err, sizeof(err)), -1,
	    "0 columns refused");
	T_EQ_INT(contactsheet_make(seq, out, 4, 8, err, sizeof(err)), -1,
	    "8 pixel thumbnails refused");
	T_EQ_INT(contactsheet_make(seq, out, 32, 1024, err, sizeof(err)), -1,
	    "a sheet too wide refused");
}

static void
test_bad(const char *top)
{
	char seq[512], path[600], out[600], err[1024];

	snprintf(seq, sizeof(seq), "%s/bad", top);
	mkdir(seq, 0755);
	snprintf(out, sizeof(out), "%s/bad.jpeg", top);
	T_EQ_INT(contactsheet_make(seq, out, 4, 100, err, sizeof(err)), -1,
	    "empty folder refused");
	T_OK(strstr(err, "no frames") != NULL, "says no frames: %s", err);

	snprintf(path, sizeof(path), "%s/000001.jpeg", seq);
	tf_write_jpeg(path, 320, 240, 1, 600);
	snprintf(path, sizeof(path), "%s/000002.jpeg", seq);
	tf_write_text(path, "");
	snprintf(path, sizeof(path), "%s/000003.jpeg", seq);
	/* SOI, garbage, EOI: passes the marker check, fails to decode */
	tf_write_text(path, "\xff\xd8\xff\xe0garbage garbage\xff\xd9");
	T_EQ_INT(contactsheet_make(seq, out, 4, 100, err, sizeof(err)), -1,
	    "only bad frames: no sheet");
	T_OK(strstr(err, "no frame could be decoded") != NULL,
	    "says why: %s", err);
	T_OK(!tf_exists(out), "no sheet file written");
	T_EQ_INT(tf_count_names(top, ".part"), 0, "no temporary file left");
	T_EQ_INT(tf_count_names(top, ".gl-"), 0,
	    "no temporary file of replace.h left");

	T_EQ_INT(contactsheet_make("/nonexistent", out, 4, 100, err,
	    sizeof(err)), -1, "missing folder refused");
	snprintf(path, sizeof(path), "%s/seq", top);
	T_EQ_INT(contactsheet_make(path, "/nonexistent/x.jpeg", 4, 100, err,
	    sizeof(err)), -1, "unwritable output refused");
	T_OK(strstr(err, "/nonexistent") != NULL, "names the path: %s", err);
}

int
main(void)
{
	char top[256];

	if (tf_tempdir(top, sizeof(top), "sheet") == -1) {
		printf("not ok - mkdtemp\n");
		return 1;
	}
	test_pick();
	test_sheet(top);
	test_bad(top);
	tf_rmtree(top);
	return t_done();
}
