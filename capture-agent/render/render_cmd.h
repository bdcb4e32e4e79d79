/*
 * render_cmd.h: the "capture-agent render" subcommand.
 */
#ifndef RENDER_CMD_H
#define RENDER_CMD_H

/*
 * capture-agent render SEQUENCE_DIR [-o FILE] [--KEY VALUE]...
 * capture-agent render SEQUENCE_DIR --contact-sheet [-o FILE] [...]
 * argv[0] is "render" (main passes argc - 1, argv + 1; the whole argv of
 * "capture-agent render ..." is accepted too).  Prints its messages and
 * returns the exit status: 0 done, 1 failed, 2 usage error.
 */
int render_command(int argc, char *argv[]);

#endif
