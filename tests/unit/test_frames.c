/*
 * test_frames.c: the one grammar of frame file names: what the agent
 * writes, what it reads back when resuming, what a render takes, and the
 * names that are no frame at all.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_render_frames.h"
#include "t.h"
#include "frames/frames.h"

static void
test_names(void)
{
	static const char *const not_frames[] = {
		"", "12345.jpeg", "1234567890.jpeg", "000001", "000001.",
		"000001.jpe", "000001.jpeg.tmp", ".000001.jpeg.gl-Ab12Cd",
		"000001.jpeg.part", "00000a.jpeg", "+00001.jpeg", "-00001.jpeg",
		" 000001.jpeg", "000001 .jpeg", "000001.png",
		"frame000001.jpeg", "000001.jpegx", NULL,
	};
	static const unsigned some[] = {
		1, 9, 10, 99999, 100000, 999999, 1000000, 1234567, 99999999,
		100000000, FRAMES_MAX,
	};
	char path[64];
	size_t i;

	T_EQ_INT(frames_path(path, sizeof path, "d", NULL, 7), 0, "path");
	T_EQ_STR(path, "d/000007.jpeg", "one camera: d/000007.jpeg");
	T_EQ_INT(frames_path(path, sizeof path, "d", "top", 7), 0,
	    "path of a camera's frame");
	T_EQ_STR(path, "d/top/000007.jpeg", "several: d/NAME/000007.jpeg");
	frames_path(path, sizeof path, "d", NULL, 999999);
	T_EQ_STR(path, "d/999999.jpeg", "six digits up to 999999");
	frames_path(path, sizeof path, "d", NULL, 1000000);
	T_EQ_STR(path, "d/1000000.jpeg", "seven from 1000000 on");
	frames_path(path, sizeof path, "d", NULL, FRAMES_MAX);
	T_EQ_STR(path, "d/999999999.jpeg", "nine at FRAMES_MAX");
	T_EQ_INT(frames_path(path, 12, "d", NULL, 7), -1,
	    "a path that does not fit is refused");

	T_EQ_INT(frames_own_number("000007.jpeg"), 7, "own: 000007.jpeg");
	T_EQ_INT(frames_own_number("999999.jpeg"), 999999, "own: 999999");
	T_EQ_INT(frames_own_number("1000000.jpeg"), 1000000, "own: 1000000");
	T_EQ_INT(frames_own_number("999999999.jpeg"), 999999999,
	    "own: FRAMES_MAX");
	T_EQ_INT(frames_own_number("000000.jpeg"), -1, "own: no frame 0");
	T_EQ_INT(frames_own_number("0000007.jpeg"), -1,
	    "own: 0000007.jpeg is not what the agent writes");
	T_EQ_INT(frames_own_number("0999999.jpeg"), -1,
	    "own: no leading zero past six digits");
	T_EQ_INT(frames_own_number("000007.jpg"), -1, "own: not .jpg");
	T_EQ_INT(frames_own_number("000007.JPEG"), -1, "own: not .JPEG");

	T_EQ_INT(frames_any_number("000007.jpeg"), 7, "any: 000007.jpeg");
	T_EQ_INT(frames_any_number("000007.jpg"), 7, "any: .jpg");
	T_EQ_INT(frames_any_number("000007.JPG"), 7, "any: .JPG");
	T_EQ_INT(frames_any_number("000007.JpEg"), 7, "any: any case");
	T_EQ_INT(frames_any_number("0000007.jpeg"), 7,
	    "any: leading zeros past six digits");
	T_EQ_INT(frames_any_number("1000000.jpeg"), 1000000, "any: 1000000");
	T_EQ_INT(frames_any_number("999999999.jpg"), 999999999,
	    "any: nine digits");
	for (i = 0; not_frames[i] != NULL; i++)
		T_OK(frames_own_number(not_frames[i]) == -1 &&
		    frames_any_number(not_frames[i]) == -1,
		    "not a frame: \"%s\"", not_frames[i]);
	/* every name the agent writes, the render reads too */
	for (i = 0; i < sizeof some / sizeof some[0]; i++) {
		snprintf(path, sizeof path, "%06u.jpeg", some[i]);
		T_OK(frames_own_number(path) == (long)some[i] &&
		    frames_any_number(path) == (long)some[i],
		    "own and any agree on %s", path);
	}
}

static void
touch(const char *dir, const char *name)
{
	char p[PATH_MAX];
	int fd;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	if ((fd = open(p, O_WRONLY | O_CREAT, 0644)) != -1)
		close(fd);
}

static void
test_highest(const char *top)
{
	char seq[512], cam[600];

	snprintf(seq, sizeof seq, "%s/seq", top);
	mkdir(seq, 0755);
	T_EQ_INT(frames_highest(seq), 0, "empty folder: 0");
	T_EQ_INT(frames_highest("/nonexistent"), 0, "missing folder: 0");
	touch(seq, "000003.jpeg");
	touch(seq, "000050.JPG");		/* another tool's */
	touch(seq, "0000070.jpeg");		/* not as the agent writes */
	touch(seq, ".000090.jpeg.gl-x1y2z3");	/* being written */
	touch(seq, "000080.jpeg.part");
	T_EQ_INT(frames_highest(seq), 3, "only own names count");
	snprintf(cam, sizeof cam, "%s/left", seq);
	mkdir(cam, 0755);
	touch(cam, "000009.jpeg");
	snprintf(cam, sizeof cam, "%s/left/deeper", seq);
	mkdir(cam, 0755);
	touch(cam, "000099.jpeg");
	T_EQ_INT(frames_highest(seq), 9, "camera folders counted, one level");
	touch(seq, "1000000.jpeg");
	T_EQ_INT(frames_highest(seq), 1000000, "past six digits");

	T_OK(frames_exist(seq), "frames_exist: frames here");
	snprintf(cam, sizeof cam, "%s/empty", seq);
	mkdir(cam, 0755);
	touch(cam, "notes.txt");
	T_OK(!frames_exist(cam), "frames_exist: none in a folder of notes");
}

/* Store: temporary name, then the final one, nothing left over, and no
 * link planted in the folder redirects the write. */
static void
test_store(const char *top)
{
	static const unsigned char jpg[] = { 0xff, 0xd8, 'x', 0xff, 0xd9 };
	char dir[512], path[600], link[600], victim[600], err[256];
	struct stat st;

	snprintf(dir, sizeof dir, "%s/store", top);
	mkdir(dir, 0755);
	snprintf(path, sizeof path, "%s/000001.jpeg", dir);
	T_EQ_INT(frames_store(path, jpg, sizeof jpg, err, sizeof err), 0,
	    "store");
	T_OK(stat(path, &st) == 0 && (size_t)st.st_size == sizeof jpg,
	    "stored whole");
	T_OK((st.st_mode & 07777) == FRAMES_MODE, "mode %o",
	    (unsigned)(st.st_mode & 07777));
	T_EQ_INT(tf_count_names(dir, ""), 3, "no temporary left (only . .. "
	    "and the frame)");
	snprintf(path, sizeof path, "%s/missing/000001.jpeg", dir);
	T_EQ_INT(frames_store(path, jpg, sizeof jpg, err, sizeof err), -1,
	    "store into a missing folder fails");
	T_OK(strstr(err, "No such file") != NULL, "with errno's text: %s",
	    err);

	/* links at the names an older agent wrote through, and at the
	 * frame's own name: the victim is never written */
	snprintf(victim, sizeof victim, "%s/victim", top);
	tf_write_text(victim, "keep me");
	snprintf(link, sizeof link, "%s/000002.jpeg.tmp", dir);
	T_OK(symlink(victim, link) == 0, "link planted at 000002.jpeg.tmp");
	snprintf(link, sizeof link, "%s/000002.jpeg", dir);
	T_OK(symlink(victim, link) == 0, "link planted at 000002.jpeg");
	T_EQ_INT(frames_store(link, jpg, sizeof jpg, err, sizeof err), 0,
	    "store over the links");
	T_OK(lstat(link, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size == sizeof jpg, "the frame replaced the link");
	T_OK(stat(victim, &st) == 0 && st.st_size == 7,
	    "the file the links pointed at is untouched");
}

int
main(void)
{
	char top[256];

	if (tf_tempdir(top, sizeof top, "frames") == -1) {
		printf("not ok - mkdtemp\n");
		return 1;
	}
	test_names();
	test_highest(top);
	test_store(top);
	tf_rmtree(top);
	return t_done();
}
