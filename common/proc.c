/*
 * proc.c: see proc.h.
 */
#include <stdio.h>
#include <sys/wait.h>

#include "proc.h"

const char *
proc_status_text(int status, char *buf, size_t len)
{
	if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
	else if (WIFEXITED(status))
		snprintf(buf, len, "exited with status %d",
		    WEXITSTATUS(status));
	else
		snprintf(buf, len, "stopped or gone (status %#x)",
		    (unsigned)status);
	return buf;
}
