/*
 * test_sequence.c: sequence folders, frame numbering, and resuming after
 * an agent restart (single- and multi-camera layouts).
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "frames/sequence.h"

static void
touch(const char *dir, const char *name)
{
	char p[2048];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	if ((fd = open(p, O_WRONLY | O_CREAT, 0644)) != -1)
		close(fd);
}

int
main(void)
{
	char root[] = "/tmp/test_sequence.XXXXXX", sub[1100], cmd[128];
	char first[1000];
	struct timespec t1 = { 1700000000, 123456789 }, t2 = { 1700000100, 0 };
	struct sequence *s;
	const char *dir;
	unsigned frame;
	char err[256];

	if (mkdtemp(root) == NULL)
		return 1;
	snprintf(sub, sizeof(sub), "%s/deeper/caps", root);
	s = sequence_new(sub);
	T_OK(sequence_dir(s) == NULL, "no sequence at first");
	T_EQ_INT(sequence_next(s, &t1, &dir, &frame, err, sizeof(err)), 0,
	    "a capture without initialize starts a sequence");
	T_EQ_INT(frame, 1, "first frame 1");
	T_OK(strlen(dir) == strlen(sub) + 27 && dir[strlen(dir) - 7] == '.' &&
	    strcmp(dir + strlen(dir) - 6, "123456") == 0,
	    "folder named YYYY-MM-DD-HH-MM-SS.ffffff (%s)", dir);
	snprintf(first, sizeof(first), "%s", dir);
	touch(dir, "000001.jpeg");
	sequence_stored(s, 1);
	sequence_next(s, &t1, &dir, &frame, err, sizeof(err));
	T_EQ_INT(frame, 2, "next frame 2");
	sequence_stored(s, 0);
	sequence_next(s, &t1, &dir, &frame, err, sizeof(err));
	T_EQ_INT(frame, 2, "nothing stored: 2 again");
	touch(dir, "000002.jpeg");
	sequence_stored(s, 1);
	sequence_free(s);

	/* agent restarted mid-print: same folder, after the last frame */
	s = sequence_new(sub);
	sequence_next(s, &t2, &dir, &frame, err, sizeof(err));
	T_EQ_STR(dir, first, "resumed the unfinished sequence");
	T_EQ_INT(frame, 3, "numbering after the last frame");
	/* multi-camera layout */
	snprintf(sub, sizeof(sub), "%s/left", first);
	mkdir(sub, 0755);
	touch(sub, "000009.jpeg");
	touch(sub, "notes.txt");
	sequence_free(s);
	snprintf(sub, sizeof(sub), "%s/deeper/caps", root);
	s = sequence_new(sub);
	sequence_next(s, &t2, &dir, &frame, err, sizeof(err));
	T_EQ_INT(frame, 10, "frames in camera sub-folders counted");
	sequence_free(s);

	/* restarted, then gLapseFinish with no capture in between */
	s = sequence_new(sub);
	T_OK(sequence_dir(s) == NULL, "no current sequence after a restart");
	dir = sequence_resume(s);
	T_OK(dir != NULL && strcmp(dir, first) == 0,
	    "sequence_resume: the unfinished sequence (%s)", dir ? dir : "NULL");
	T_EQ_INT(sequence_finish(s, err, sizeof(err)), 0, "finish");
	T_OK(sequence_dir(s) == NULL, "no sequence after finish");
	sequence_free(s);

	s = sequence_new(sub);
	sequence_next(s, &t2, &dir, &frame, err, sizeof(err));
	T_OK(strcmp(dir, first) != 0, "a finished sequence is not resumed");
	T_OK(sequence_resume(s) == dir, "sequence_resume: the current one");
	T_EQ_INT(frame, 1, "new sequence from 1");
	T_EQ_INT(sequence_start(s, &t1, err, sizeof(err)), -1,
	    "a folder that exists already is an error, not a crash");
	sequence_free(s);

	/* past six digits: what the agent wrote is what it resumes from */
	snprintf(sub, sizeof(sub), "%s/big", root);
	s = sequence_new(sub);
	sequence_next(s, &t1, &dir, &frame, err, sizeof(err));
	snprintf(first, sizeof(first), "%s", dir);
	touch(dir, "999999.jpeg");
	sequence_free(s);
	s = sequence_new(sub);
	T_EQ_INT(sequence_next(s, &t2, &dir, &frame, err, sizeof(err)), 0,
	    "resumed after frame 999999 (%s)", err);
	T_EQ_STR(dir, first, "... in the same sequence");
	T_EQ_INT(frame, 1000000, "... numbering on at 1000000");
	touch(dir, "1000000.jpeg");
	sequence_stored(s, 1);
	sequence_next(s, &t2, &dir, &frame, err, sizeof(err));
	T_EQ_INT(frame, 1000001, "then 1000001");
	sequence_free(s);
	s = sequence_new(sub);
	sequence_next(s, &t2, &dir, &frame, err, sizeof(err));
	T_EQ_STR(dir, first, "resumed after frame 1000000: same sequence");
	T_EQ_INT(frame, 1000001, "... numbering after 1000000.jpeg");
	sequence_free(s);
	/* another tool's names do not move the agent's numbering */
	touch(first, "2000000.JPG");
	touch(first, "02000000.jpeg");
	touch(first, ".3000000.jpeg.gl-abcdef");
	s = sequence_new(sub);
	sequence_next(s, &t2, &dir, &frame, err, sizeof(err));
	T_EQ_INT(frame, 1000001, "names the agent does not write are not "
	    "counted when resuming");
	sequence_free(s);

	/* issue 11: a link planted as the newest sequence is not resumed,
	 * nor a sequence of another job */
	snprintf(sub, sizeof(sub), "%s/own", root);
	s = sequence_new(sub);
	{
		struct sequence_job a = { "0:/gcodes/a.gcode", 1700000000 };
		struct sequence_job b = { "0:/gcodes/b.gcode", 1700000500 };
		struct sequence_job a2 = { "0:/gcodes/a.gcode", 1700000030 };
		struct sequence_job a3 = { "0:/gcodes/a.gcode", 1700009000 };
		char planted[1200], target[1200];
		struct timespec t3 = { 1700000300, 0 }, t4 = { 1700000400, 0 },
		    t5 = { 1700000500, 0 }, t6 = { 1700000600, 0 };

		sequence_set_job(s, &a);
		sequence_next(s, &t1, &dir, &frame, err, sizeof(err));
		snprintf(first, sizeof(first), "%s", dir);
		touch(dir, "000001.jpeg");
		sequence_free(s);
		s = sequence_new(sub);
		sequence_set_job(s, &a2);
		sequence_next(s, &t2, &dir, &frame, err, sizeof(err));
		T_OK(strcmp(dir, first) == 0 && frame == 2, "the same job "
		    "(start 30 s off): resumed at frame 2 (%s %u)", dir, frame);
		sequence_free(s);
		s = sequence_new(sub);
		sequence_set_job(s, &a3);
		sequence_next(s, &t3, &dir, &frame, err, sizeof(err));
		T_OK(strcmp(dir, first) != 0 && frame == 1, "the same file "
		    "printed again later: a new sequence");
		sequence_free(s);
		s = sequence_new(sub);
		sequence_set_job(s, &b);
		sequence_next(s, &t4, &dir, &frame, err, sizeof(err));
		T_OK(strcmp(dir, first) != 0 && frame == 1, "another job: a "
		    "new sequence, not a cancelled print's");
		sequence_free(s);

		snprintf(target, sizeof(target), "%s/elsewhere", root);
		mkdir(target, 0755);
		touch(target, "000007.jpeg");
		snprintf(planted, sizeof(planted), "%s/2099-01-01-00-00-00."
		    "000000", sub);
		T_EQ_INT(symlink(target, planted), 0, "a link planted as the "
		    "newest sequence");
		s = sequence_new(sub);
		T_EQ_INT(sequence_next(s, &t5, &dir, &frame, err, sizeof(err)),
		    0, "a capture with a link planted (%s)", err);
		T_OK(strcmp(dir, planted) != 0 && frame == 1, "... is not "
		    "resumed (%s %u)", dir, frame);
		T_EQ_INT(sequence_finish(s, err, sizeof(err)), 0, "finish");
		sequence_free(s);
		unlink(planted);
		/* a planted .finished link: no file made through it */
		s = sequence_new(sub);
		sequence_next(s, &t6, &dir, &frame, err, sizeof(err));
		snprintf(planted, sizeof(planted), "%s/.finished", dir);
		snprintf(target, sizeof(target), "%s/made-through-a-link",
		    root);
		T_EQ_INT(symlink(target, planted), 0, "a link planted as "
		    ".finished");
		sequence_finish(s, err, sizeof(err));
		T_OK(access(target, F_OK) != 0, "... creates nothing where it "
		    "points");
		sequence_free(s);
	}

	s = sequence_new("/proc/no/such/place");
	T_EQ_INT(sequence_next(s, &t1, &dir, &frame, err, sizeof(err)), -1,
	    "unwritable directory: an error (%s)", err);
	sequence_free(s);

	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	return system(cmd) != 0 || t_done();
}
