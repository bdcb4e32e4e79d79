/*
 * proc.h: child processes as both programs see them.
 */
#ifndef PROC_H
#define PROC_H

#include <stddef.h>

/*
 * How a child ended, from a waitpid(2) status, as a phrase: "exited with
 * status 3", "killed by signal 9".  Returns buf.
 */
const char *proc_status_text(int status, char *buf, size_t len);

#endif
