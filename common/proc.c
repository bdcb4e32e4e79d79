/*
 * proc.c: see proc.h.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "num.h"
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

void
proc_close_net(void)
{
	struct sockaddr_storage ss;
	struct dirent *e;
	struct stat st;
	socklen_t len;
	long fd;
	DIR *d;

	if ((d = opendir("/proc/self/fd")) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (num_config_long(e->d_name, 3, 1L << 30, &fd) != NUM_OK ||
		    fd == dirfd(d) || fstat((int)fd, &st) == -1 ||
		    !S_ISSOCK(st.st_mode))
			continue;
		len = sizeof ss;
		if (getsockname((int)fd, (struct sockaddr *)&ss, &len) == 0 &&
		    (ss.ss_family == AF_INET || ss.ss_family == AF_INET6))
			close((int)fd);
	}
	closedir(d);
}
