/*
 * replace.c: see replace.h.  Temporary file (mkostemp: created new, never
 * through a link), flock, fsync, rename, fsync of the folder.  The files
 * under way are listed in a few fixed slots that the signal handler reads
 * with signals blocked while a slot changes; the handler only calls
 * unlink(2) and raise(3), which are async-signal-safe.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errbuf.h"
#include "replace.h"

#define TMP_SUFFIX ".gl-XXXXXX"
#define TMP_SUFFIX_LEN (sizeof TMP_SUFFIX - 1)
#define BASE_MAX (NAME_MAX - 1 - TMP_SUFFIX_LEN)	/* "." NAME suffix */
#define EXT_MAX 32		/* longest extension a shortened name keeps */
#define PENDING_MAX 4		/* replaces under way at once */

static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };

static char pending_path[PENDING_MAX][4096];
static volatile sig_atomic_t pending_used[PENDING_MAX];

static void
block_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < sizeof cleanup_signals /
	    sizeof cleanup_signals[0]; i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/*
 * List path as under way (when a slot is free: else only the sweep finds
 * it), or take it off the list.
 */
static void
pending(const char *path, bool add)
{
	sigset_t old;

	block_signals(&old);
	for (int i = 0; i < PENDING_MAX; i++) {
		if (add && !pending_used[i]) {
			snprintf(pending_path[i], sizeof pending_path[i], "%s",
			    path);
			pending_used[i] = 1;
			break;
		}
		if (!add && pending_used[i] &&
		    strcmp(pending_path[i], path) == 0) {
			pending_used[i] = 0;
			break;
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void
on_signal(int sig)
{
	for (int i = 0; i < PENDING_MAX; i++)
		if (pending_used[i])
			(void)unlink(pending_path[i]);
	/* SA_RESETHAND: the default action, once this handler returns */
	(void)raise(sig);
}

int
replace_on_signals(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof cleanup_signals /
	    sizeof cleanup_signals[0]; i++)
		sigaddset(&sa.sa_mask, cleanup_signals[i]);
	for (size_t i = 0; i < sizeof cleanup_signals /
	    sizeof cleanup_signals[0]; i++) {
		if (sigaction(cleanup_signals[i], NULL, &old) == -1)
			return -1;
		if (old.sa_handler == SIG_IGN)
			continue;	/* nohup(1): still ignored */
		if (sigaction(cleanup_signals[i], &sa, NULL) == -1)
			return -1;
	}
	return 0;
}

/* The extension of a file name ("gcode"), or "" when it has none. */
static const char *
extension(const char *base)
{
	const char *dot = strrchr(base, '.');

	if (dot == NULL || dot == base || strlen(dot + 1) > EXT_MAX)
		return "";
	return dot + 1;
}

/*
 * The name the temporary file of base gets, without its suffix: base, or
 * when too long its head (cut between UTF-8 characters), '~' and its
 * extension.
 */
static void
tmp_stem(const char *base, char *out, size_t size)
{
	const char *ext = extension(base);
	size_t n = strlen(base), keep;

	if (n <= BASE_MAX) {
		snprintf(out, size, "%s", base);
		return;
	}
	keep = BASE_MAX - (*ext != '\0' ? strlen(ext) + 2 : 1);
	while (keep > 0 && ((unsigned char)base[keep] & 0xc0) == 0x80)
		keep--;
	snprintf(out, size, "%.*s~%s%s", (int)keep, base, *ext != '\0' ?
	    "." : "", ext);
}

int
replace_begin(struct replace *r, const char *target, char *err,
    size_t errlen)
{
	char dir[sizeof r->tmp], base[sizeof r->tmp], stem[NAME_MAX + 1];

	r->fd = -1;
	r->tmp[0] = '\0';
	if (strlen(target) >= sizeof r->target)
		return errbuf_set(err, errlen, "%s: name too long", target);
	snprintf(r->target, sizeof r->target, "%s", target);
	snprintf(dir, sizeof dir, "%s", target);
	snprintf(base, sizeof base, "%s", target);
	tmp_stem(basename(base), stem, sizeof stem);
	if (snprintf(r->tmp, sizeof r->tmp, "%s/.%s" TMP_SUFFIX, dirname(dir),
	    stem) >= (int)sizeof r->tmp)
		return errbuf_set(err, errlen, "%s: name too long", target);
	if ((r->fd = mkostemp(r->tmp, O_CLOEXEC)) == -1)
		return errbuf_set(err, errlen, "cannot create a temporary file "
		    "beside %s: %s", target, strerror(errno));
	/* a live one is locked: the sweep leaves it alone */
	(void)flock(r->fd, LOCK_EX | LOCK_NB);
	pending(r->tmp, true);
	return 0;
}

int
replace_own(struct replace *r, uid_t uid, gid_t gid)
{
	return fchown(r->fd, uid, gid);
}

int
replace_commit(struct replace *r, mode_t mode, char *err, size_t errlen)
{
	char dir[sizeof r->target];
	int dfd, lock = -1;

	if (fchmod(r->fd, mode & 07777) == -1) {
		errbuf_set(err, errlen, "%s: chmod: %s", r->tmp,
		    strerror(errno));
		goto fail;
	}
	if (fsync(r->fd) == -1) {
		errbuf_set(err, errlen, "%s: fsync: %s", r->tmp,
		    strerror(errno));
		goto fail;
	}
	/* a copy of the descriptor holds the lock until the rename */
	lock = fcntl(r->fd, F_DUPFD_CLOEXEC, 0);
	if (close(r->fd) == -1) {
		r->fd = -1;
		errbuf_set(err, errlen, "%s: %s", r->tmp, strerror(errno));
		goto fail;
	}
	r->fd = -1;
	if (rename(r->tmp, r->target) == -1) {
		errbuf_set(err, errlen, "cannot replace %s: %s", r->target,
		    strerror(errno));
		goto fail;
	}
	pending(r->tmp, false);
	r->tmp[0] = '\0';
	if (lock != -1)
		close(lock);
	snprintf(dir, sizeof dir, "%s", r->target);
	if ((dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
	return 0;
fail:
	replace_abort(r);
	if (lock != -1)
		close(lock);
	return -1;
}

void
replace_abort(struct replace *r)
{
	if (r->tmp[0] != '\0') {
		unlink(r->tmp);
		pending(r->tmp, false);
	}
	if (r->fd != -1)
		close(r->fd);
	r->fd = -1;
	r->tmp[0] = '\0';
}

int
replace_write(const char *path, const void *data, size_t len, mode_t mode,
    char *err, size_t errlen)
{
	struct replace r;

	if (replace_begin(&r, path, err, errlen) == -1)
		return -1;
	if (replace_write_all(r.fd, data, len) == -1) {
		errbuf_set(err, errlen, "%s: %s", r.tmp, strerror(errno));
		replace_abort(&r);
		return -1;
	}
	return replace_commit(&r, mode, err, errlen);
}

int
replace_write_all(int fd, const void *data, size_t n)
{
	const char *p = data;
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1 && errno == EINTR)
			continue;
		if (w == -1)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
replace_copy(int in, int out)
{
	char b[65536];
	ssize_t n;

	while ((n = read(in, b, sizeof b)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || replace_write_all(out, b, (size_t)n) == -1)
			return -1;
	}
	return 0;
}

/* Sweep ------------------------------------------------------------------ */

/*
 * Is name (a folder entry) a temporary file of ours for a file with
 * extension ext ("": for the file whose stem is stem)?
 */
static bool
is_ours(const char *name, const char *ext, const char *stem)
{
	size_t n = strlen(name), x = strlen(ext);
	const char *sfx;

	if (name[0] != '.' || n < 1 + TMP_SUFFIX_LEN + 1)
		return false;
	sfx = name + n - TMP_SUFFIX_LEN;
	if (strncmp(sfx, ".gl-", 4) != 0)
		return false;
	for (int i = 4; i < (int)TMP_SUFFIX_LEN; i++)
		if (!((sfx[i] >= 'a' && sfx[i] <= 'z') ||
		    (sfx[i] >= 'A' && sfx[i] <= 'Z') ||
		    (sfx[i] >= '0' && sfx[i] <= '9')))
			return false;
	if (x == 0)
		return (size_t)(sfx - name - 1) == strlen(stem) &&
		    memcmp(name + 1, stem, strlen(stem)) == 0;
	/* ".NAME.EXT.gl-XXXXXX" with a NAME */
	return sfx - name > (long)x + 2 && sfx[-(long)x - 1] == '.' &&
	    memcmp(sfx - x, ext, x) == 0;
}

/* Remove name in dfd if it is stale: a file of ours nobody holds. */
static bool
remove_stale(int dfd, const char *name, time_t now, time_t min_age)
{
	struct stat st, fst;
	bool gone = false;
	int fd;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    now - st.st_mtime <= min_age)
		return false;
	if ((fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		return false;
	/* locked: its process is alive; a lock error: no way to know */
	if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &fst) == 0 &&
	    fst.st_ino == st.st_ino && fst.st_dev == st.st_dev)
		gone = unlinkat(dfd, name, 0) == 0;
	close(fd);
	return gone;
}

int
replace_sweep(const char *target, time_t min_age)
{
	char dir[4096], base[4096], stem[NAME_MAX + 1];
	const char *ext;
	struct dirent *de;
	time_t now = time(NULL);
	DIR *d;
	int removed = 0;

	if (strlen(target) >= sizeof dir)
		return 0;
	snprintf(dir, sizeof dir, "%s", target);
	snprintf(base, sizeof base, "%s", target);
	ext = extension(basename(base));
	tmp_stem(basename(base), stem, sizeof stem);
	if ((d = opendir(dirname(dir))) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (is_ours(de->d_name, ext, stem) &&
		    remove_stale(dirfd(d), de->d_name, now, min_age))
			removed++;
	closedir(d);
	return removed;
}
