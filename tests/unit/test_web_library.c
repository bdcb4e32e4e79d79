/*
 * test_web_library.c: the captures directory as the page reads it: the
 * sequences listed, a symlinked sequence or frame never followed, the tar
 * stream (checked by tar(1)), a sequence set aside and removed, the status
 * board and the action box between two threads.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "frames/sequence.h"
#include "web/action.h"
#include "web/archive.h"
#include "web/library.h"
#include "web/status.h"
#include "web/tar.h"

#define S1 "2026-11-23-17-33-29.166727"
#define S2 "2026-11-24-08-00-00.000001"
#define S3 "2026-11-25-08-00-00.000001"

static char root[64], outside[64];

static void
put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
}

static void
setup(void)
{
	char p[512];
	int i;

	snprintf(p, sizeof p, "%s/%s", root, S1);
	mkdir(p, 0755);
	for (i = 1; i <= 3; i++) {
		snprintf(p, sizeof p, "%s/%s/%06d.jpeg", root, S1, i);
		put(p, "frame data");
	}
	snprintf(p, sizeof p, "%s/%s/.000004.jpeg.gl-abc", root, S1);
	put(p, "a frame being written");
	snprintf(p, sizeof p, "%s/%s/notes.txt", root, S1);
	put(p, "not a frame");
	/* what a render reads, but not a name the agent writes */
	snprintf(p, sizeof p, "%s/%s/0000004.jpeg", root, S1);
	put(p, "another tool's frame");
	snprintf(p, sizeof p, "%s/%s/000005.JPG", root, S1);
	put(p, "another tool's frame");
	snprintf(p, sizeof p, "%s/%s/.finished", root, S1);
	put(p, "");
	/* two cameras */
	snprintf(p, sizeof p, "%s/%s", root, S2);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/%s/top", root, S2);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/%s/front", root, S2);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/%s/front/000001.jpeg", root, S2);
	put(p, "f1");
	snprintf(p, sizeof p, "%s/%s/front/000002.jpeg", root, S2);
	put(p, "f2");
	snprintf(p, sizeof p, "%s/%s/top/000001.jpeg", root, S2);
	put(p, "t1");
	/* a frame that is a link to a file outside */
	snprintf(p, sizeof p, "%s/secret", outside);
	put(p, "secret");
	snprintf(p, sizeof p, "%s/%s/top/000002.jpeg", root, S2);
	symlink("../../../outside-secret", p);
	snprintf(p, sizeof p, "%s/outside-secret", root);
	(void)p;
	/* a sequence that is a link to a folder outside, holding a frame */
	snprintf(p, sizeof p, "%s/000001.jpeg", outside);
	put(p, "outside frame");
	snprintf(p, sizeof p, "%s/%s", root, S3);
	symlink(outside, p);
	/* a video beside S1, where the render puts it by default */
	snprintf(p, sizeof p, "%s/%s.mp4", root, S1);
	put(p, "not really a video");
}

static void
test_list(struct library *l)
{
	struct library_sequence *v, s;
	struct library_frame *f;
	char err[256];
	size_t n;
	off_t size;
	int fd;

	T_EQ_INT(library_list(l, &v, &n, err, sizeof err), 0, "list");
	T_EQ_INT(n, 2, "two sequences (the symlinked one is not listed)");
	if (n == 2) {
		T_EQ_STR(v[0].name, S2, "newest first");
		T_EQ_INT(v[0].ncameras, 2, "  with two cameras");
		T_EQ_STR(v[0].cameras[0].name, "front", "  sorted: front");
		T_EQ_INT(v[0].cameras[0].frames, 2, "  front has 2 frames");
		T_EQ_INT(v[0].cameras[1].frames, 1,
		    "  top has 1 (the link is no frame)");
		T_EQ_INT(v[0].frames, 3, "  3 frames in all");
		T_OK(!v[0].finished, "  not finished");
		T_EQ_STR(v[1].name, S1, "then the older one");
		T_EQ_INT(v[1].frames, 3, "  3 frames: not the temporary one, "
		    "not names the agent does not write");
		T_EQ_INT(v[1].bytes, 30, "  30 bytes");
		T_OK(v[1].finished, "  finished");
		T_EQ_INT(v[1].ncameras, 1, "  one camera");
		T_EQ_STR(v[1].cameras[0].name, "", "  without a name");
		T_EQ_INT(v[1].cameras[0].video_bytes, 18, "  its video is found");
		T_EQ_STR(v[1].cameras[0].video_type, "video/mp4", "  an mp4");
		T_OK(v[1].started > 0, "  its start from its name");
	}
	free(v);
	T_EQ_INT(library_get(l, S3, &s, err, sizeof err), -1,
	    "the symlinked sequence is not there");
	T_EQ_INT(errno, ENOENT, "  ENOENT");
	T_EQ_INT(library_get(l, "..", &s, err, sizeof err), -1, "no ..");
	T_EQ_INT(library_open_frame(l, S3, NULL, 1, &fd, &size), -1,
	    "no frame through the symlinked sequence");
	T_EQ_INT(library_open_frame(l, S2, "top", 2, &fd, &size), -1,
	    "no frame that is a link");
	T_EQ_INT(library_open_frame(l, S2, "../" S1, 1, &fd, &size), -1,
	    "no camera that is a path");
	T_EQ_INT(library_open_frame(l, S2, "top", 1, &fd, &size), 0,
	    "a camera's frame");
	if (size == 2)
		close(fd);
	T_EQ_INT(library_open_frame(l, S2, NULL, 1, &fd, &size), 0,
	    "no camera given: the first");
	if (fd >= 0) {
		char buf[8] = "";

		T_EQ_INT(read(fd, buf, sizeof buf), 2, "  2 bytes");
		T_EQ_STR(buf, "f1", "  from front");
		close(fd);
	}
	T_EQ_INT(library_open_frame(l, S1, NULL, 4, &fd, &size), -1,
	    "no frame 4 (its temporary file, 0000004.jpeg: not the agent's)");
	T_EQ_INT(library_open_frame(l, S1, NULL, 5, &fd, &size), -1,
	    "no frame 5 (000005.JPG is not the agent's name)");
	T_EQ_INT(library_frames(l, S2, "front", &f, &n, err, sizeof err), 0,
	    "front's frames");
	T_EQ_INT(n, 2, "  two");
	if (n == 2)
		T_OK(f[0].number == 1 && f[1].number == 2 && f[1].size == 2,
		    "  1 and 2, sizes");
	free(f);
}

static void
test_tar(struct library *l)
{
	char err[256], path[256], cmd[600], buf[777];
	unsigned long long pos = 0;
	struct archive *a;
	FILE *fp, *p;
	ssize_t n;
	int lines = 0;

	a = archive_open(l, S2, err, sizeof err);
	T_OK(a != NULL, "a tar stream of %s", S2);
	if (a == NULL)
		return;
	T_EQ_INT(archive_size(a), 3 * (512 + 512) + 1024,
	    "its size: 3 headers, 3 padded files, the end");
	snprintf(path, sizeof path, "%s/out.tar", outside);
	fp = fopen(path, "w");
	while (fp != NULL && (n = archive_read(a, pos, buf, sizeof buf)) > 0) {
		fwrite(buf, 1, (size_t)n, fp);
		pos += (unsigned long long)n;
	}
	if (fp != NULL)
		fclose(fp);
	T_EQ_INT(pos, archive_size(a), "read in odd pieces, it is all there");
	archive_close(a);
	snprintf(cmd, sizeof cmd, "tar -tf %s 2>&1", path);
	if ((p = popen(cmd, "r")) != NULL) {
		while (fgets(buf, sizeof buf, p) != NULL) {
			buf[strcspn(buf, "\n")] = '\0';
			lines++;
			if (lines == 1)
				T_EQ_STR(buf, S2 "/front/000001.jpeg",
				    "tar(1) reads it: the first name");
		}
		T_EQ_INT(pclose(p), 0, "tar(1) takes it");
	}
	T_EQ_INT(lines, 3, "three files in it");
	snprintf(cmd, sizeof cmd, "tar -xOf %s %s/top/000001.jpeg", path, S2);
	if ((p = popen(cmd, "r")) != NULL) {
		buf[0] = '\0';
		if (fgets(buf, sizeof buf, p) == NULL)
			buf[0] = '\0';
		pclose(p);
		T_EQ_STR(buf, "t1", "a file's bytes come out as they are");
	}
}

static void
test_tar_header(void)
{
	unsigned char b[TAR_BLOCK];
	char longname[200];

	T_EQ_INT(tar_header(b, "a/000001.jpeg", 10, 0), 0, "a header");
	T_OK(memcmp(b + 257, "ustar", 6) == 0, "  ustar");
	T_EQ_INT(tar_padding(10), 502, "10 bytes pad to 512");
	T_EQ_INT(tar_padding(1024), 0, "1024 bytes need none");
	memset(longname, 'c', 150);
	memcpy(longname + 150, "/000001.jpeg", 13);
	T_EQ_INT(tar_header(b, longname, 1, 0), 0,
	    "a long path goes in the prefix");
	T_OK(memcmp(b, "000001.jpeg", 12) == 0 && b[345] == 'c',
	    "  the file in the name, the folders in the prefix");
	T_EQ_INT(tar_header(b, "x", 1ULL << 33, 0), -1, "8 GiB is too big");
}

static void
test_remove(struct library *l)
{
	char p[512], err[256];
	struct sequence *s;
	struct stat st;

	s = sequence_new(root);
	T_EQ_INT(sequence_set_aside(s, S2, err, sizeof err), 0,
	    "a sequence set aside");
	snprintf(p, sizeof p, "%s/%s%s", root, SEQUENCE_ASIDE, S2);
	T_EQ_INT(stat(p, &st), 0, "  under its new name");
	T_EQ_INT(library_remove(l, S2, err, sizeof err), 0, "  removed");
	T_EQ_INT(lstat(p, &st), -1, "  gone");
	snprintf(p, sizeof p, "%s/secret", outside);
	T_EQ_INT(stat(p, &st), 0, "the link's target is still there");
	T_EQ_INT(sequence_set_aside(s, S3, err, sizeof err), 0,
	    "the symlinked sequence set aside");
	T_EQ_INT(library_remove(l, S3, err, sizeof err), 0, "  removed");
	snprintf(p, sizeof p, "%s/000001.jpeg", outside);
	T_EQ_INT(stat(p, &st), 0, "  the folder it pointed to is untouched");
	T_EQ_INT(sequence_set_aside(s, "../x", err, sizeof err), -1,
	    "no set aside of a path");
	sequence_free(s);
}

struct asker {
	struct action_box *box;
	enum action_result r;
	char msg[256];
};

static void *
ask(void *arg)
{
	struct asker *a = arg;
	struct action_request req = { ACTION_RENDER, S1 };

	a->r = action_ask(a->box, &req, 5000, a->msg, sizeof a->msg);
	return NULL;
}

static void
test_boards(void)
{
	struct status_board *b = status_board_new();
	struct action_box *box;
	struct action_request req;
	struct status s, got;
	struct asker a;
	pthread_t t;
	unsigned long g0, g1;
	char err[128];
	int i;

	memset(&s, 0, sizeof s);
	s.disk.free_bytes = s.disk.total_bytes = -1;
	g0 = status_read(b, &got);
	status_publish(b, &s);
	T_EQ_INT(status_read(b, &got), g0, "the same status: no new generation");
	s.sequence.frames = 5;
	status_publish(b, &s);
	g1 = status_read(b, &got);
	T_OK(g1 > g0 && got.sequence.frames == 5, "a change is published");
	T_EQ_INT(status_wait(b, g1, 50), g1, "nothing new: a timeout");
	status_close(b);
	T_EQ_INT(status_wait(b, g1, 5000), 0, "a closed board wakes waiters");
	status_board_free(b);

	box = action_box_new(err, sizeof err);
	T_OK(box != NULL, "an action box");
	a.box = box;
	pthread_create(&t, NULL, ask, &a);
	for (i = 0; i < 500 && !action_take(box, &req); i++)
		usleep(10000);
	T_OK(i < 500 && req.kind == ACTION_RENDER, "the loop takes it");
	action_answer(box, ACTION_REFUSED, "a render is running");
	pthread_join(t, NULL);
	T_EQ_INT(a.r, ACTION_REFUSED, "the asker gets the answer");
	T_EQ_STR(a.msg, "a render is running", "  and its message");
	req.kind = ACTION_DELETE;
	T_EQ_INT(action_ask(box, &req, 100, err, sizeof err), ACTION_BUSY,
	    "nobody takes it: busy");
	T_OK(!action_take(box, &req), "  and it was withdrawn");
	action_box_free(box);
}

int
main(void)
{
	struct render_options ro;
	struct library *l;
	char err[256], cmd[200];

	snprintf(root, sizeof root, "/tmp/test_web_lib.XXXXXX");
	snprintf(outside, sizeof outside, "/tmp/test_web_out.XXXXXX");
	if (mkdtemp(root) == NULL || mkdtemp(outside) == NULL)
		return 1;
	setup();
	render_options_init(&ro);
	l = library_new(root, &ro, err, sizeof err);
	test_list(l);
	test_tar(l);
	test_tar_header();
	test_remove(l);
	library_free(l);
	test_boards();
	snprintf(cmd, sizeof cmd, "rm -rf %s %s", root, outside);
	if (system(cmd) != 0)
		return 1;
	return t_done();
}
