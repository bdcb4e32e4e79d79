/*
 * test_render.c: the [render] options one key at a time and together, the
 * frame rate of a fixed length, the names of the video files, and the
 * frames of a sequence with gaps, stray files and camera sub-folders.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_render_frames.h"
#include "t.h"
#include "frames/frames.h"
#include "render/render.h"

static int
set(struct render_options *o, const char *key, const char *value, char *err,
    size_t errlen)
{
	err[0] = '\0';
	return render_options_set(o, key, value, err, errlen);
}

static void
test_options(void)
{
	struct render_options o;
	char err[512];

	render_options_init(&o);
	T_EQ_INT(o.auto_render, 0, "auto defaults to no");
	T_EQ_INT(o.nice, 10, "nice defaults to 10");
	T_EQ_STR(o.container, "mp4", "container defaults to mp4");
	T_EQ_INT(o.hwaccel, RENDER_HW_AUTO, "hwaccel defaults to auto");
	T_EQ_INT(render_options_check(&o, err, sizeof(err)), 0,
	    "defaults pass the check");

	T_EQ_INT(set(&o, "auto", "yes", err, sizeof(err)), 0, "auto = yes");
	T_EQ_INT(o.auto_render, 1, "auto is on");
	T_EQ_INT(set(&o, "auto", "no", err, sizeof(err)), 0, "auto = no");
	T_EQ_INT(o.auto_render, 0, "auto is off");
	T_EQ_INT(set(&o, "auto", "maybe", err, sizeof(err)), -1,
	    "auto = maybe refused");
	T_OK(strstr(err, "yes or no") != NULL, "auto message names yes or "
	    "no: %s", err);

	T_EQ_INT(set(&o, "fps", "30", err, sizeof(err)), 0, "fps = 30");
	T_EQ_DBL(o.fps, 30, 0, "fps stored");
	T_EQ_INT(set(&o, "fps", "0", err, sizeof(err)), -1, "fps = 0 refused");
	T_EQ_INT(set(&o, "fps", "nan", err, sizeof(err)), -1,
	    "fps = nan refused");
	T_EQ_INT(set(&o, "fps", "12abc", err, sizeof(err)), -1,
	    "fps = 12abc refused");
	T_OK(strstr(err, "fps: '12abc'") != NULL, "message names key and "
	    "value: %s", err);
	T_EQ_INT(set(&o, "length_s", "-3", err, sizeof(err)), -1,
	    "negative length refused");
	T_EQ_INT(set(&o, "preroll_s", "1.5", err, sizeof(err)), 0,
	    "preroll_s = 1.5");
	T_EQ_DBL(o.preroll_s, 1.5, 0, "preroll stored");
	T_EQ_INT(set(&o, "postroll_s", "x", err, sizeof(err)), -1,
	    "postroll_s = x refused");

	T_EQ_INT(set(&o, "container", "avi", err, sizeof(err)), -1,
	    "container avi refused");
	T_OK(strstr(err, "mp4, mkv, webm, gif, mov") != NULL,
	    "container message lists the allowed ones: %s", err);
	T_EQ_INT(set(&o, "container", "webm", err, sizeof(err)), 0,
	    "container webm");
	T_EQ_INT(set(&o, "codec", "mpeg2", err, sizeof(err)), -1,
	    "codec mpeg2 refused");
	T_OK(strstr(err, "h264, h265, vp9, gif") != NULL,
	    "codec message lists the allowed ones: %s", err);

	T_EQ_INT(set(&o, "crf", "64", err, sizeof(err)), -1, "crf 64 refused");
	T_EQ_INT(set(&o, "crf", "20", err, sizeof(err)), 0, "crf 20");
	T_EQ_INT(o.crf, 20, "crf stored");
	T_EQ_INT(set(&o, "bitrate", "4M", err, sizeof(err)), 0, "bitrate 4M");
	T_EQ_INT(o.bitrate, 4000000, "4M is 4000000 bit/s");
	T_EQ_INT(set(&o, "bitrate", "2500k", err, sizeof(err)), 0,
	    "bitrate 2500k");
	T_EQ_INT(o.bitrate, 2500000, "2500k is 2500000 bit/s");
	T_EQ_INT(set(&o, "bitrate", "5", err, sizeof(err)), -1,
	    "bitrate 5 refused");
	T_EQ_INT(set(&o, "bitrate", "M", err, sizeof(err)), -1,
	    "bitrate M refused");

	T_EQ_INT(set(&o, "hwaccel", "cuda", err, sizeof(err)), -1,
	    "hwaccel cuda refused");
	T_OK(strstr(err, "auto, none, nvenc, v4l2m2m") != NULL,
	    "hwaccel message lists the values: %s", err);
	T_EQ_INT(set(&o, "hwaccel", "v4l2m2m", err, sizeof(err)), 0,
	    "hwaccel v4l2m2m");
	T_EQ_INT(o.hwaccel, RENDER_HW_V4L2M2M, "hwaccel stored");
	T_EQ_INT(set(&o, "nice", "20", err, sizeof(err)), -1,
	    "nice 20 refused");
	T_EQ_INT(set(&o, "nice", "19", err, sizeof(err)), 0, "nice 19");
	T_EQ_INT(set(&o, "output", "/srv/{sequence}.{ext}", err,
	    sizeof(err)), 0, "output pattern");

	T_EQ_INT(set(&o, "framerate", "25", err, sizeof(err)), -1,
	    "unknown key refused");
	T_OK(strstr(err, "framerate") != NULL && strstr(err, "length_s") !=
	    NULL, "unknown key named with the known ones: %s", err);
}

static void
test_check(void)
{
	struct render_options o;
	char err[512];

	render_options_init(&o);
	set(&o, "fps", "10", err, sizeof(err));
	set(&o, "length_s", "30", err, sizeof(err));
	T_EQ_INT(render_options_check(&o, err, sizeof(err)), -1,
	    "fps and length_s together refused");

	render_options_init(&o);
	set(&o, "crf", "20", err, sizeof(err));
	set(&o, "bitrate", "1M", err, sizeof(err));
	T_EQ_INT(render_options_check(&o, err, sizeof(err)), -1,
	    "crf and bitrate together refused");

	render_options_init(&o);
	set(&o, "min_fps", "30", err, sizeof(err));
	set(&o, "max_fps", "10", err, sizeof(err));
	T_EQ_INT(render_options_check(&o, err, sizeof(err)), -1,
	    "min_fps above max_fps refused");

	render_options_init(&o);
	set(&o, "container", "webm", err, sizeof(err));
	set(&o, "codec", "h264", err, sizeof(err));
	T_EQ_INT(render_options_check(&o, err, sizeof(err)), -1,
	    "h264 in webm refused");
	T_OK(strstr(err, "webm wants vp9") != NULL, "says what fits: %s",
	    err);
	set(&o, "codec", "vp9", err, sizeof(err));
	T_EQ_INT(render_options_check(&o, err, sizeof(err)), 0, "vp9 in webm");
	T_EQ_STR(render_options_codec(&o)->software, "libvpx-vp9",
	    "vp9 encodes with libvpx-vp9");

	render_options_init(&o);
	set(&o, "container", "gif", err, sizeof(err));
	T_EQ_INT(render_options_check(&o, err, sizeof(err)), 0,
	    "gif takes its default codec");
	T_EQ_STR(render_options_codec(&o)->name, "gif", "gif codec for gif");
	set(&o, "crf", "20", err, sizeof(err));
	T_EQ_INT(render_options_check(&o, err, sizeof(err)), -1,
	    "crf with gif refused");

	render_options_init(&o);
	set(&o, "codec", "vp9", err, sizeof(err));
	set(&o, "crf", "60", err, sizeof(err));
	set(&o, "container", "mkv", err, sizeof(err));
	T_EQ_INT(render_options_check(&o, err, sizeof(err)), 0,
	    "crf 60 fine for vp9");
	set(&o, "codec", "h264", err, sizeof(err));
	T_EQ_INT(render_options_check(&o, err, sizeof(err)), -1,
	    "crf 60 too high for h264");
}

static void
test_fps(void)
{
	struct render_options o;
	char err[256];

	render_options_init(&o);
	T_EQ_DBL(render_fps(&o, 100), 25, 0, "default 25 fps");
	set(&o, "fps", "12.5", err, sizeof(err));
	T_EQ_DBL(render_fps(&o, 100), 12.5, 0, "fixed fps ignores frames");

	render_options_init(&o);
	set(&o, "length_s", "10", err, sizeof(err));
	T_EQ_DBL(render_fps(&o, 300), 30, 1e-9, "300 frames in 10 s: 30 fps");
	T_EQ_DBL(render_fps(&o, 2000), 60, 0, "clamped to max_fps 60");
	T_EQ_DBL(render_fps(&o, 12), 5, 0, "clamped to min_fps 5");
	set(&o, "min_fps", "1", err, sizeof(err));
	T_EQ_DBL(render_fps(&o, 12), 1.2, 1e-9, "12 frames in 10 s: 1.2 fps");

	T_EQ_INT(render_roll_frames(2, 25), 50, "2 s at 25 fps: 50 frames");
	T_EQ_INT(render_roll_frames(0.5, 5), 3, "0.5 s at 5 fps rounds to 3");
	T_EQ_INT(render_roll_frames(0, 25), 0, "no roll");
}

static void
test_output(const char *top)
{
	struct render_options o;
	char seq[PATH_MAX], path[PATH_MAX], want[PATH_MAX + 64], err[512];
	char real[PATH_MAX];

	render_options_init(&o);
	snprintf(seq, sizeof(seq), "%s/2026-11-23T10-00-00", top);
	mkdir(seq, 0755);
	if (realpath(top, real) == NULL)
		snprintf(real, sizeof(real), "%s", top);

	T_EQ_INT(render_output_path(&o, NULL, seq, NULL, path, sizeof(path),
	    err, sizeof(err)), 0, "default output");
	snprintf(want, sizeof(want), "%s/2026-11-23T10-00-00.mp4", real);
	T_EQ_STR(path, want, "default: next to the sequence");

	T_EQ_INT(render_output_path(&o, NULL, seq, "top", path, sizeof(path),
	    err, sizeof(err)), 0, "default output, camera");
	snprintf(want, sizeof(want), "%s/2026-11-23T10-00-00-top.mp4", real);
	T_EQ_STR(path, want, "camera added before the extension");

	T_EQ_INT(render_output_path(&o, "/srv/v/", seq, NULL, path,
	    sizeof(path), err, sizeof(err)), 0, "directory output");
	T_EQ_STR(path, "/srv/v/2026-11-23T10-00-00.mp4",
	    "a folder gets sequence.ext");
	T_EQ_INT(render_output_path(&o, top, seq, NULL, path, sizeof(path),
	    err, sizeof(err)), 0, "existing directory without slash");
	snprintf(want, sizeof(want), "%s/2026-11-23T10-00-00.mp4", top);
	T_EQ_STR(path, want, "an existing folder is a folder");

	T_EQ_INT(render_output_path(&o, "/v/{camera}/{sequence}.{ext}", seq,
	    "side", path, sizeof(path), err, sizeof(err)), 0, "pattern");
	T_EQ_STR(path, "/v/side/2026-11-23T10-00-00.mp4", "pattern expanded");
	T_EQ_INT(render_output_path(&o, "/v/out.gif", seq, "side", path,
	    sizeof(path), err, sizeof(err)), 0, "plain file, camera");
	T_EQ_STR(path, "/v/out-side.gif", "file name gets -camera");
	T_EQ_INT(render_output_path(&o, "/v.d/out", seq, "side", path,
	    sizeof(path), err, sizeof(err)), 0, "no extension");
	T_EQ_STR(path, "/v.d/out-side", "dot in folder is no extension");
	T_EQ_INT(render_output_path(&o, "/v/{date}.mp4", seq, NULL, path,
	    sizeof(path), err, sizeof(err)), -1, "unknown token refused");
	T_OK(strstr(err, "{sequence}") != NULL, "lists the tokens: %s", err);
	T_EQ_INT(render_output_path(&o, NULL, "/nonexistent/seq", NULL, path,
	    sizeof(path), err, sizeof(err)), -1, "missing sequence refused");
	T_EQ_INT(render_output_path(&o, "/v/x.mp4", seq, NULL, path, 8, err,
	    sizeof(err)), -1, "too long for the buffer refused");
}

static void
test_frames(const char *top)
{
	struct frames *fl;
	char seq[512], path[600], err[512], **cams;

	snprintf(seq, sizeof(seq), "%s/seq", top);
	mkdir(seq, 0755);
	snprintf(path, sizeof(path), "%s/000010.jpeg", seq);
	tf_write_jpeg(path, 64, 48, 1, -1);
	snprintf(path, sizeof(path), "%s/000002.jpeg", seq);
	tf_write_jpeg(path, 64, 48, 2, -1);
	snprintf(path, sizeof(path), "%s/000003.JPG", seq);
	tf_write_jpeg(path, 64, 48, 3, 100);		/* truncated */
	snprintf(path, sizeof(path), "%s/.000004.jpeg.tmp", seq);
	tf_write_text(path, "being written");
	snprintf(path, sizeof(path), "%s/12345.jpeg", seq);
	tf_write_text(path, "five digits");
	snprintf(path, sizeof(path), "%s/notes.txt", seq);
	tf_write_text(path, "hello");
	snprintf(path, sizeof(path), "%s/1000000.jpeg", seq);
	tf_write_jpeg(path, 64, 48, 4, -1);

	T_EQ_INT(frames_read(seq, &fl, err, sizeof(err)), 0, "read frames");
	T_EQ_INT(frames_count(fl), 4, "4 frames, other files ignored");
	T_EQ_INT(frames_number(fl, 0), 2, "sorted: 2 first");
	T_EQ_INT(frames_number(fl, 1), 3, "then 3 (.JPG)");
	T_EQ_INT(frames_number(fl, 2), 10, "then 10 (gap)");
	T_EQ_INT(frames_number(fl, 3), 1000000, "seven digits last");
	snprintf(path, sizeof(path), "%s/000002.jpeg", seq);
	T_EQ_STR(frames_file(fl, 0), path, "path of a frame");
	T_OK(frames_file(fl, 4) == NULL, "no path past the end");
	T_EQ_INT(frames_complete(frames_file(fl, 0), err,
	    sizeof(err)), 1, "whole frame complete");
	T_EQ_INT(frames_complete(frames_file(fl, 1), err,
	    sizeof(err)), 0, "truncated frame not complete");
	T_OK(strstr(err, "truncated") != NULL, "says truncated: %s", err);
	frames_free(fl);
	snprintf(path, sizeof(path), "%s/notes.txt", seq);
	T_EQ_INT(frames_complete(path, err, sizeof(err)), 0,
	    "text file not a JPEG");

	T_EQ_INT(frames_cameras(seq, &cams, err, sizeof(err)), 0,
	    "cameras of a flat sequence");
	T_OK(cams[0] == NULL, "no camera folders");
	frames_cameras_free(cams);

	snprintf(path, sizeof(path), "%s/side", seq);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/side/000001.jpeg", seq);
	tf_write_jpeg(path, 64, 48, 1, -1);
	snprintf(path, sizeof(path), "%s/empty", seq);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/front", seq);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/front/000007.jpeg", seq);
	tf_write_jpeg(path, 64, 48, 1, -1);
	T_EQ_INT(frames_cameras(seq, &cams, err, sizeof(err)), 0,
	    "cameras of a multi-camera sequence");
	T_OK(cams[0] && cams[1] && !cams[2], "two cameras, empty folder not");
	T_EQ_STR(cams[0], "front", "sorted: front");
	T_EQ_STR(cams[1], "side", "then side");
	frames_cameras_free(cams);

	T_EQ_INT(frames_read("/nonexistent", &fl, err, sizeof(err)), -1,
	    "missing folder is an error");
	T_OK(strstr(err, "/nonexistent") != NULL, "names the folder: %s", err);
}

int
main(void)
{
	char top[256];

	if (tf_tempdir(top, sizeof(top), "render") == -1) {
		printf("not ok - mkdtemp\n");
		return 1;
	}
	test_options();
	test_check();
	test_fps();
	test_output(top);
	test_frames(top);
	tf_rmtree(top);
	return t_done();
}
