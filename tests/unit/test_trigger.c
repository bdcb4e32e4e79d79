/* test_trigger.c: layer, height, time and command triggers. */
#include "t.h"

#include "plan/trigger.h"

int
main(void)
{
	struct profile p;
	struct trigger t;
	char err[128];
	int n = 0;

	profile_init(&p);
	trigger_init(&t, &p);
	for (int l = 1; l <= 10; l++)
		n += trigger_layer(&t, l, l * 0.2, 0);
	T_EQ_INT(n, 10, "every layer: 10 of 10");

	T_OK(profile_set(&p, "every-layers", "3", err, sizeof err) == 0,
	    "every-layers 3");
	trigger_init(&t, &p);
	n = 0;
	for (int l = 1; l <= 10; l++)
		n += trigger_layer(&t, l, l * 0.2, 0);
	T_EQ_INT(n, 4, "every 3 layers: layers 1, 4, 7, 10");
	T_OK(profile_set(&p, "every-layers", "0", err, sizeof err) == -1,
	    "every-layers 0 refused");

	T_OK(profile_set(&p, "every-mm", "1", err, sizeof err) == 0,
	    "every-mm 1");
	trigger_init(&t, &p);
	n = 0;
	for (int l = 1; l <= 20; l++)
		if (trigger_layer(&t, l, l * 0.2, 0)) {
			trigger_placed(&t, l * 0.2, 0);
			n++;
		}
	T_EQ_INT(n, 4, "every 1 mm over 4 mm of 0.2 mm layers: at 0.2, "
	    "1.2, 2.2, 3.2");

	T_OK(profile_set(&p, "every-seconds", "30", err, sizeof err) == 0,
	    "every-seconds 30");
	trigger_init(&t, &p);
	T_OK(!trigger_time(&t, 29), "not due before 30 s");
	T_OK(trigger_time(&t, 30), "due at 30 s");
	trigger_placed(&t, 0.6, 31);
	T_OK(!trigger_time(&t, 60), "next not due before 61 s");
	T_OK(trigger_time(&t, 61.5), "next due after 61 s");

	profile_init(&p);
	trigger_init(&t, &p);
	T_EQ_INT(trigger_command(&t, "@GLAPSE SNAPSHOT", 16),
	    TRIGGER_SNAPSHOT, "the command as a line");
	T_EQ_INT(trigger_command(&t, " ; @glapse snapshot  ", 21),
	    TRIGGER_SNAPSHOT, "the command in a comment, any case");
	T_EQ_INT(trigger_command(&t, "G1 X1", 5), TRIGGER_NONE,
	    "a move is no command");
	T_EQ_INT(trigger_command(&t, "; @GLAPSE SNAPSHOTS", 19), TRIGGER_NONE,
	    "a longer word is no command");
	T_EQ_INT(trigger_command(&t, ";@GLAPSE PAUSE", 14), TRIGGER_PAUSE,
	    "pause");
	T_OK(!trigger_layer(&t, 5, 1, 0), "no layer snapshot while paused");
	T_EQ_INT(trigger_command(&t, "@GLAPSE SNAPSHOT", 16),
	    TRIGGER_SNAPSHOT_PAUSED, "no command snapshot while paused");
	T_EQ_INT(trigger_command(&t, "@GLAPSE RESUME", 14), TRIGGER_RESUME,
	    "resume");
	T_OK(trigger_layer(&t, 6, 1.2, 0), "layer snapshots again");
	T_OK(profile_set(&p, "trigger", "command", err, sizeof err) == 0,
	    "trigger command");
	T_OK(!trigger_layer(&t, 7, 1.4, 0), "command trigger: no layer "
	    "snapshots");
	return t_done();
}
