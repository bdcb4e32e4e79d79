/*
 * trigger.c: the due-or-not decisions, with no knowledge of the file.
 */
#include <ctype.h>
#include <strings.h>
#include <string.h>

#include "plan/trigger.h"

void
trigger_init(struct trigger *t, const struct profile *p)
{
	memset(t, 0, sizeof *t);
	t->p = p;
	t->first[' '] = t->first['\t'] = t->first[';'] = true;
	t->first[toupper((unsigned char)p->command[0])] = true;
	t->first[tolower((unsigned char)p->command[0])] = true;
	t->first[toupper((unsigned char)p->pause[0])] = true;
	t->first[tolower((unsigned char)p->pause[0])] = true;
	t->first[toupper((unsigned char)p->resume[0])] = true;
	t->first[tolower((unsigned char)p->resume[0])] = true;
}

/* Is text (blanks and one leading ';' ignored) the command cmd? */
static bool
is_command(const char *s, size_t n, const char *cmd)
{
	size_t cn = strlen(cmd);

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return n == cn && strncasecmp(s, cmd, cn) == 0;
}

enum trigger_command
trigger_command(struct trigger *t, const char *s, size_t n)
{
	const struct profile *p = t->p;
	int c;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (n > 0 && *s == ';') {
		s++;
		n--;
		while (n > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			n--;
		}
	}
	if (n == 0)
		return TRIGGER_NONE;
	c = toupper((unsigned char)*s);
	if (c != toupper((unsigned char)p->command[0]) &&
	    c != toupper((unsigned char)p->pause[0]) &&
	    c != toupper((unsigned char)p->resume[0]))
		return TRIGGER_NONE;
	if (is_command(s, n, p->pause)) {
		t->paused = true;
		return TRIGGER_PAUSE;
	}
	if (is_command(s, n, p->resume)) {
		t->paused = false;
		return TRIGGER_RESUME;
	}
	if (is_command(s, n, p->command))
		return t->paused ? TRIGGER_SNAPSHOT_PAUSED : TRIGGER_SNAPSHOT;
	return TRIGGER_NONE;
}

bool
trigger_layer(const struct trigger *t, int finished_layer, double z,
    double now_s)
{
	const struct profile *p = t->p;

	if (t->paused || finished_layer < 1)
		return false;
	switch (p->trigger) {
	case TRIG_LAYER:
		return (finished_layer - 1) % p->every_layers == 0;
	case TRIG_HEIGHT:
		return !t->placed_any || z >= t->last_z + p->every_mm - 1e-6;
	case TRIG_TIME:
		return trigger_time(t, now_s);
	case TRIG_COMMAND:
		return false;
	}
	return false;
}

bool
trigger_time(const struct trigger *t, double now_s)
{
	if (t->paused || t->p->trigger != TRIG_TIME)
		return false;
	return now_s >= (t->placed_any ? t->last_s : 0) + t->p->every_s;
}

bool
trigger_paused(const struct trigger *t)
{
	return t->paused;
}

bool
trigger_final_due(const struct trigger *t)
{
	/* a print of one layer has no layer change: its final snapshot is
	 * its only one */
	return !t->paused && (t->placed_any || t->p->trigger != TRIG_COMMAND);
}

void
trigger_placed(struct trigger *t, double z, double now_s)
{
	t->placed_any = true;
	t->last_z = z;
	t->last_s = now_s;
}
