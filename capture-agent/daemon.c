/*
 * daemon.c: see daemon.h.  The secrets go to the log as config_load reads
 * each key (the cameras' through camera_key, the printer's when the file
 * has been read, since config_load fills what it read before an error).
 */
#include <sys/stat.h>

#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "errbuf.h"
#include "log.h"
#include "frames/captures.h"

/* What config_load hands each camera key to. */
struct loading {
	struct camera_set *cameras;
	bool secrets_lost;		/* one could not be registered */
};

static int
camera_key(void *arg, const char *name, const char *key, const char *value,
    char *err, size_t errlen)
{
	struct loading *l = arg;

	if (config_secrets(key, value, log_secret) == -1)
		l->secrets_lost = true;
	return camera_set_key(l->cameras, name, key, value, err, errlen);
}

int
daemon_load(struct daemon *d, const char *path, char *err, size_t errlen)
{
	struct loading l = { NULL, false };
	int rc;

	memset(d, 0, sizeof *d);
	d->lock = -1;
	if ((d->cameras = l.cameras = camera_set_new()) == NULL)
		return errbuf_set(err, errlen, "out of memory");
	rc = config_load(path, &d->cfg, camera_key, &l, err, errlen);
	/* both, even when the first fails: what is hidden stays hidden */
	if (config_secrets("password", d->cfg.password, log_secret) == -1)
		l.secrets_lost = true;
	if (config_secrets("url", d->cfg.url, log_secret) == -1)
		l.secrets_lost = true;
	if (l.secrets_lost && rc == 0)
		rc = errbuf_set(err, errlen, "%s: more than %d secrets (or one "
		    "longer than 255 bytes): they could not all be kept out of "
		    "the log", path, LOG_SECRETS_MAX);
	if (rc == -1 || camera_set_start(d->cameras, err, errlen) == -1) {
		camera_set_free(d->cameras);
		d->cameras = NULL;
		return -1;
	}
	if (d->cfg.warning[0] != '\0')
		log_warnx("%s", d->cfg.warning);
	return 0;
}

void
daemon_unload(struct daemon *d)
{
	printer_close(d->printer);
	camera_set_free(d->cameras);
	if (d->lock != -1)
		close(d->lock);
	d->printer = NULL;
	d->cameras = NULL;
	d->lock = -1;
}

int
daemon_reload(struct daemon *running, const char *path, char *err,
    size_t errlen)
{
	struct daemon fresh;

	if (daemon_load(&fresh, path, err, errlen) == -1)
		return -1;
	if (strcmp(fresh.cfg.directory, running->cfg.directory) != 0 &&
	    (fresh.lock = captures_lock(fresh.cfg.directory, err,
	    errlen)) == -1)
		goto fail;
	if (config_same_printer(&fresh.cfg, &running->cfg)) {
		fresh.printer = running->printer;
		running->printer = NULL;
	} else if ((fresh.printer = printer_open(&fresh.cfg, err,
	    errlen)) == NULL)
		goto fail;
	if (fresh.lock == -1) {
		fresh.lock = running->lock;
		running->lock = -1;
	}
	daemon_unload(running);
	*running = fresh;
	return 0;
fail:
	daemon_unload(&fresh);
	return -1;
}

void
daemon_check_permissions(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && (st.st_mode & S_IROTH))
		log_warnx("%s is readable by every user of this machine, and "
		    "it holds the printer's password: chmod o-r %s (or 640, "
		    "group capture-agent; capture-agent.conf(5), FILES)", path,
		    path);
}
