/*
 * render_options.h: the [render] section (of capture-agent.conf, and of a
 * gcode-lapse profile for the preview's video), the frame rate arithmetic
 * and the names of the video files.
 *
 * Plain values the daemon's configuration parser fills key by key, and the
 * tables that say which codec goes in which container and which ffmpeg
 * encoder does it in software or hardware.
 */
#ifndef RENDER_OPTIONS_H
#define RENDER_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum render_hwaccel {
	RENDER_HW_AUTO,		/* hardware encoder when present, else
				   software */
	RENDER_HW_NONE,
	RENDER_HW_NVENC,
	RENDER_HW_V4L2M2M,
};

/*
 * The [render] section of capture-agent.conf.  Plain values: initialise
 * with render_options_init, set with render_options_set, check the whole
 * with render_options_check.  Strings are owned by the struct.
 */
struct render_options {
	bool	auto_render;		/* auto: render on gLapseFinish */
	double	fps;			/* 0: not set (25 unless length_s) */
	double	length_s;		/* 0: not set; length without rolls */
	double	min_fps, max_fps;	/* clamp for length_s */
	double	preroll_s, postroll_s;	/* first / last frame held */
	char	container[8];		/* mp4 mkv webm gif mov */
	char	codec[8];		/* h264 h265 vp9 gif; "": container's */
	int	crf;			/* -1: not set */
	long	bitrate;		/* bit/s; 0: not set */
	enum render_hwaccel hwaccel;
	char	output[512];		/* "": next to the sequence */
	int	nice;			/* niceness of ffmpeg, 0..19 */
};

/* Defaults: auto no, fps 25, min_fps 5, max_fps 60, rolls 0, mp4/h264,
 * crf 23 (codec default), hwaccel auto, output "", nice 10. */
void render_options_init(struct render_options *);

/*
 * One key of the [render] section.  Keys: auto, fps, length_s, min_fps,
 * max_fps, preroll_s, postroll_s, container, codec, crf, bitrate, hwaccel,
 * output, nice.  Returns 0, or -1 with a message naming the allowed values.
 */
int render_options_set(struct render_options *, const char *key,
    const char *value, char *err, size_t errlen);

/*
 * Checks across keys, once the section is read: fps and length_s not both,
 * crf and bitrate not both, min_fps <= max_fps, codec fits the container.
 * Returns 0, or -1 with a message.
 */
int render_options_check(const struct render_options *, char *err,
    size_t errlen);

/* The allowed keys, NULL-terminated (for --help and the CLI). */
extern const char *const render_option_keys[];

/* Frames per second for a video of frames frames. */
double render_fps(const struct render_options *, size_t frames);

/* Frames added for the pre-roll / post-roll at that frame rate. */
long render_roll_frames(double seconds, double fps);

/*
 * The video file for a sequence and camera (camera NULL or "" for a single
 * camera).  out is a file name, a pattern or a directory (NULL: the
 * output option, "" for next to the sequence).  Patterns may use
 * {sequence} (base name of the sequence folder), {camera} and {ext}.
 * Without {camera}, a camera's name is added as "-CAM" before the
 * extension.  A directory (existing, or ending in '/') gets
 * "{sequence}[-{camera}].{ext}".  Returns 0, or -1 with a message.
 */
int render_output_path(const struct render_options *, const char *out,
    const char *sequence_dir, const char *camera, char *path, size_t pathlen,
    char *err, size_t errlen);

/* A container and the codecs it takes. */
struct render_container {
	const char	*name;		/* "mp4" */
	const char	*format;	/* ffmpeg -f: "mp4", "matroska" */
	const char	*default_codec;
	const char	*codecs;	/* allowed, space separated */
};

/* A codec and its ffmpeg encoders. */
struct render_codec {
	const char	*name;		/* "h264" */
	const char	*software;	/* "libx264" */
	const char	*nvenc;		/* NULL: none */
	const char	*v4l2m2m;	/* NULL: none */
	int		 crf_max;	/* 0: no constant quality (gif) */
	int		 crf_default;
};

/* The container and codec of options (NULL when unknown). */
const struct render_container *render_options_container(
    const struct render_options *);
const struct render_codec *render_options_codec(const struct render_options *);

/* "auto", "none", "nvenc", "v4l2m2m" */
const char *render_hwaccel_name(enum render_hwaccel);

#endif
