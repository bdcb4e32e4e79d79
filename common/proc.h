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

/*
 * In a child that was forked and does not exec: close the network sockets
 * it inherited (TCP and UDP, IPv4 and IPv6: a web server's listening
 * socket and its connections, a printer's connection).  A long-lived
 * child holding them would keep a port bound after the daemon exits, or
 * a browser's connection open after the daemon closed it.  Unix sockets
 * and other files are kept.
 */
void proc_close_net(void);

#endif
