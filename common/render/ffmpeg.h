/*
 * ffmpeg.h: running ffmpeg(1) as a child process, without a shell.
 *
 * The program is looked up in PATH by the caller's process before any fork,
 * so a missing ffmpeg is a clear error and not a failed exec.  A run reads
 * ffmpeg's "-progress pipe:1" reports and keeps the tail of its stderr for
 * the error message; nothing is printed.
 */
#ifndef FFMPEG_H
#define FFMPEG_H

#include <signal.h>
#include <stddef.h>

/*
 * Absolute path of program (e.g. "ffmpeg" or "ffprobe") found in PATH, or
 * of program itself when it contains a slash and is executable.  Returns 0,
 * or -1 with a message saying which Debian package provides it.
 */
int ffmpeg_find(const char *program, char *path, size_t pathlen, char *err,
    size_t errlen);

/*
 * Whether "ffmpeg -hide_banner -encoders" lists encoder (e.g.
 * "h264_nvenc"): 1 listed, 0 not, -1 with a message when ffmpeg did not run.
 * Listed means compiled in, not that the hardware is there.
 */
int ffmpeg_has_encoder(const char *ffmpeg_path, const char *encoder,
    char *err, size_t errlen);

/* Called after each progress report with the number of frames encoded. */
typedef void ffmpeg_progress_fn(void *arg, long frame);

/*
 * Run argv (argv[0] is the absolute path from ffmpeg_find) with stdin from
 * /dev/null, stdout read as "-progress pipe:1" reports, stderr kept.  The
 * child runs at the given niceness.  When *stop becomes non-zero (a signal
 * handler's flag; stop may be NULL) ffmpeg is sent SIGTERM.  Returns 0 when
 * ffmpeg exited with status 0, else -1 with the last line ffmpeg wrote to
 * stderr (or how it died) in err.
 */
int ffmpeg_run(char *const argv[], int niceness, ffmpeg_progress_fn *progress,
    void *arg, const volatile sig_atomic_t *stop, char *err, size_t errlen);

#endif
