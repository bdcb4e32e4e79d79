/*
 * slicer.c: reading the comments of the head and the tail, and what the
 * tracker is told.
 *
 * slicer_line() hands each comment line to forms.c, which reads the
 * settings in it.  The head is read from the start of the file; the
 * tail's lines are numbered from the end (their place in the file is
 * known once it has been read through: slicer_origin_line()).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errbuf.h"
#include "gcode/linereader.h"
#include "settings/cura.h"
#include "settings/detect.h"
#include "settings/forms.h"
#include "settings/learn.h"
#include "settings/slicer.h"
#include "write/own.h"

/* Read whole below this size; else a head (also what learn.h sees) and
 * a tail. */
#define HEAD_BYTES (4 * 1024 * 1024)
#define TAIL_BYTES (1024 * 1024)

void
slicer_init(struct slicer_settings *s)
{
	memset(s, 0, sizeof *s);
}
void
slicer_line(struct slicer_settings *s, const char *t, size_t n,
    unsigned long number)
{
	struct slicer_evidence *ev = &s->ev;
	unsigned long line = ev->in_tail ? ev->tail_lines - number + 1 :
	    number;

	while (n > 0 && (t[n - 1] == '\r' || t[n - 1] == ' ' ||
	    t[n - 1] == '\t'))
		n--;
	if (n == 0)
		return;
	detect_line(s, t, n, number);
	if (own_is_processed(t, n)) {
		ev->mark_last = true;
		return;
	}
	if (t[0] != ';' && t[0] != '(') {
		if (!isspace((unsigned char)t[0]))
			ev->mark_last = false;
		return;
	}
	forms_line(s, t, n, line, ev->in_tail);
}

void
slicer_end(struct slicer_settings *s)
{
	cura_end(s);
	forms_end(s);
	detect_end(s);
	s->already_processed = s->ev.mark_last;
	/* Creality OS is Klipper */
	if (s->flavor == FLAVOR_OTHER &&
	    strcasecmp(s->flavor_text, "Creality OS") == 0)
		s->flavor = FLAVOR_KLIPPER;
	/* ReplicatorG's files are MakerBot's: ReplicatorG (or GPX) reads
	 * them, parentheses and all (dialect.h: FW_SAILFISH) */
	if (s->flavor == FLAVOR_UNKNOWN && s->slicer == SLICER_REPLICATORG)
		s->flavor = FLAVOR_SAILFISH;
}

/*
 * Feed every whole line of buf[0, len) to slicer_line(), split as the
 * line reader splits the file (LF, CR LF, or CR alone in an old Mac's
 * file); first: the block starts the file; last: it ends it.  Returns the
 * lines fed.
 */
static unsigned long
feed_block(struct slicer_settings *s, const char *buf, size_t len,
    bool first, bool last, bool count_only)
{
	struct linereader *lr = linereader_mem(buf, len);
	struct line ln;
	unsigned long n = 0;
	bool skip = !first;	/* starts mid-line: from the first whole one */

	if (lr == NULL)
		return 0;
	while (linereader_next(lr, &ln) == 1) {
		if (ln.flags & LINE_CONT)
			continue;	/* a long line's rest: comment text */
		if (skip) {
			skip = false;
			continue;
		}
		if (!last && !(ln.flags & LINE_PARTIAL) &&
		    ln.raw_len == ln.len)
			break;	/* cut off: its end is not here */
		n++;
		if (!count_only)
			slicer_line(s, ln.text, ln.len, n);
	}
	linereader_free(lr);
	return n;
}

/*
 * Line ends in b[0, n) as the line reader sees them: LF, and in a CR-only
 * file CR too, CR LF once (*prev: the byte before b, '\n' at the start).
 */
static unsigned long
line_ends(const char *b, size_t n, bool cr, char *prev)
{
	unsigned long k = 0;

	for (size_t i = 0; i < n; i++) {
		k += b[i] == '\n' ? *prev != '\r' || !cr : cr && b[i] == '\r';
		*prev = b[i];
	}
	return k;
}

static int
read_at(int fd, char *buf, size_t len, off_t off)
{
	size_t have = 0;
	ssize_t got;

	while (have < len) {
		got = pread(fd, buf + have, len - have, off + (off_t)have);
		if (got == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (got == 0)
			break;
		have += (size_t)got;
	}
	return (int)(have == len ? 0 : -1);
}

/* The head (the whole file when it is short) and the tail. */
static int
scan_blocks(struct slicer_settings *s, const char *head, size_t hn,
    const char *tail, size_t tn, bool whole)
{
	feed_block(s, head, hn, true, whole, false);
	if (!whole) {
		s->ev.tail_lines = feed_block(s, tail, tn, false, true, true);
		s->ev.in_tail = true;
		feed_block(s, tail, tn, false, true, false);
		s->ev.in_tail = false;
	}
	slicer_end(s);
	return learn_head(s, head, hn, whole ? NULL : tail, tn);
}

/* Every number setting of struct slicer_settings. */
static const size_t setting_fields[] = {
	offsetof(struct slicer_settings, max_height),
	offsetof(struct slicer_settings, retract_mm),
	offsetof(struct slicer_settings, retract_speed),
	offsetof(struct slicer_settings, deretract_speed),
	offsetof(struct slicer_settings, zhop_mm),
	offsetof(struct slicer_settings, travel_speed),
	offsetof(struct slicer_settings, relative_e),
	offsetof(struct slicer_settings, fw_retraction),
	offsetof(struct slicer_settings, vase),
	offsetof(struct slicer_settings, sequential),
	offsetof(struct slicer_settings, layer_height),
	offsetof(struct slicer_settings, first_layer_height),
	offsetof(struct slicer_settings, accel),
	offsetof(struct slicer_settings, accel_travel),
	offsetof(struct slicer_settings, accel_z),
	offsetof(struct slicer_settings, accel_e),
	offsetof(struct slicer_settings, feed_xy),
	offsetof(struct slicer_settings, feed_z),
};

#define NFIELDS (sizeof setting_fields / sizeof setting_fields[0])

static struct setting *
field(struct slicer_settings *s, size_t i)
{
	return (struct setting *)((char *)s + setting_fields[i]);
}

/* A bad value read in the tail: its message needs its line. */
static bool
bad_in_tail(struct slicer_settings *s)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (field(s, i)->bad && field(s, i)->at.from_end > 0)
			return true;
	return s->bed_bad && s->bed_at.from_end > 0;
}

/* The file has total lines: number the tail's from the start. */
static void
resolve_lines(struct slicer_settings *s, unsigned long total)
{
	for (size_t i = 0; i < NFIELDS; i++) {
		struct origin *o = &field(s, i)->at;

		o->line = slicer_origin_line(o, total);
		o->from_end = 0;
	}
	s->bed_at.line = slicer_origin_line(&s->bed_at, total);
	s->bed_at.from_end = 0;
}

/* Lines of the file on fd, as the line reader counts them (cr: the file
 * ends its lines in CR alone). */
static int
count_lines(int fd, size_t size, bool cr, unsigned long *total)
{
	char *buf = malloc(TAIL_BYTES);
	unsigned long n = 0;
	size_t off = 0, k;
	char last = '\n';
	ssize_t got;

	if (buf == NULL)
		return -1;
	while (off < size) {
		k = size - off < TAIL_BYTES ? size - off : TAIL_BYTES;
		if ((got = pread(fd, buf, k, (off_t)off)) <= 0) {
			if (got == -1 && errno == EINTR)
				continue;
			free(buf);
			return -1;
		}
		n += line_ends(buf, (size_t)got, cr, &last);
		off += (size_t)got;
	}
	free(buf);
	*total = n + (last != '\n' && !(cr && last == '\r'));
	return 0;
}

int
slicer_scan(struct slicer_settings *s, int fd)
{
	struct stat st;
	size_t size, hn, tn;
	char *buf;
	bool cr = false;
	int r = -1;

	if (fstat(fd, &st) == -1)
		return -1;
	size = (size_t)st.st_size;
	hn = size < HEAD_BYTES + TAIL_BYTES ? size : HEAD_BYTES;
	tn = size - hn < TAIL_BYTES ? size - hn : TAIL_BYTES;
	if ((buf = malloc(hn + tn + 1)) == NULL)
		return -1;
	if (read_at(fd, buf, hn, 0) == 0 &&
	    read_at(fd, buf + hn, tn, (off_t)(size - tn)) == 0) {
		r = scan_blocks(s, buf, hn, buf + hn, tn, hn == size);
		cr = linereader_cr_only(buf, hn < LINEREADER_CHUNK ? hn :
		    LINEREADER_CHUNK);
	}
	free(buf);
	if (r == 0 && bad_in_tail(s)) {
		/* rare: the error will name the line */
		unsigned long total;

		if (count_lines(fd, size, cr, &total) == -1)
			return -1;
		resolve_lines(s, total);
	}
	return r;
}

int
slicer_scan_mem(struct slicer_settings *s, const char *data, size_t len)
{
	size_t hn = len < HEAD_BYTES + TAIL_BYTES ? len : HEAD_BYTES;
	size_t tn = len - hn < TAIL_BYTES ? len - hn : TAIL_BYTES;

	int r = scan_blocks(s, data, hn, data + len - tn, tn, hn == len);

	if (r == 0 && bad_in_tail(s)) {
		bool cr = linereader_cr_only(data, len < LINEREADER_CHUNK ?
		    len : LINEREADER_CHUNK);
		char last = '\n';
		unsigned long n = line_ends(data, len, cr, &last);

		resolve_lines(s, n + (last != '\n' && !(cr && last == '\r')));
	}
	return r;
}

unsigned long
slicer_origin_line(const struct origin *o, unsigned long total)
{
	if (o->line > 0)
		return o->line;
	if (o->from_end > 0 && total >= o->from_end)
		return total - o->from_end + 1;
	return 0;
}

int
slicer_check(const struct setting *st, enum limit_id lim, char *err,
    size_t errlen)
{
	char msg[200];

	if (!st->set || !st->bad)
		return 0;
	limit_check(lim, st->at.key != NULL ? st->at.key : "value",
	    st->text[0] != '\0' ? st->text : NULL, st->v, msg, sizeof msg);
	if (st->at.line > 0)
		return errbuf_set(err, errlen, "line %lu: %s", st->at.line,
		    msg);
	return errbuf_set(err, errlen, "%s", msg);
}

static double
given_or(const struct setting *st, double otherwise)
{
	return st->set && !st->bad && st->v > 0 ? st->v : otherwise;
}

struct accels
slicer_accels(const struct slicer_settings *s)
{
	bool cura = s->slicer == SLICER_CURA;
	double xy;

	/* Cura's fdmprinter defaults; elsewhere a middle-of-the-road
	 * Marlin printer. */
	xy = given_or(&s->accel, cura ? 4000 : 1000);
	return (struct accels){
		xy,
		given_or(&s->accel_travel, xy),
		given_or(&s->accel_z, cura ? 100 : 200),
		given_or(&s->accel_e, cura ? 10000 : 5000),
		given_or(&s->feed_xy, 0),
		given_or(&s->feed_z, 0),
	};
}

enum flavor
slicer_flavor(const struct slicer_settings *s, const char *firmware)
{
	if (firmware != NULL && firmware[0] != '\0')
		return flavor_from(firmware, strlen(firmware));
	return s->flavor;
}

/* Does the file's slicer announce every layer in a comment?  Slic3r and
 * PrusaSlicer before 2.3 do not (their users' profiles may). */
static bool
writes_layer_comments(const struct slicer_settings *s)
{
	const char *v = s->version;
	long major = 0, minor = 0;

	/* a version's numbers, as far as they can matter (a comment
	 * can hold any digits) */
	for (; *v >= '0' && *v <= '9' && major < 1000; v++)
		major = major * 10 + (*v - '0');
	if (*v == '.')
		for (v++; *v >= '0' && *v <= '9' && minor < 1000; v++)
			minor = minor * 10 + (*v - '0');
	switch (s->slicer) {
	case SLICER_UNKNOWN:
	case SLICER_SLIC3R:
	case SLICER_SLIC3R_PE:
	case SLICER_FULLCONTROL:
		return false;
	case SLICER_PRUSA:
		return major > 2 || (major == 2 && minor >= 3);
	default:
		return true;
	}
}

void
slicer_machine_init(struct machine *m, const struct slicer_settings *s,
    const char *firmware)
{
	struct machine_config cfg;

	machine_config_default(&cfg);
	flavor_machine_config(slicer_flavor(s, firmware), &cfg);
	if (s->retract_mm.set && !s->retract_mm.bad && s->fw_retraction.set &&
	    s->fw_retraction.v)
		cfg.fw_retract_mm = s->retract_mm.v;
	if (s->retract_speed.set && !s->retract_speed.bad)
		cfg.fw_retract_feed = s->retract_speed.v * 60;
	if (s->layer_height.set && !s->layer_height.bad)
		cfg.layer_height_hint = s->layer_height.v;
	cfg.layer_comments = writes_layer_comments(s);
	/* no M82/M83 before the first E move: the start macro's mode */
	if (!s->e_mode_set && s->first_e > 0 && s->relative_e.set &&
	    s->relative_e.v != 0)
		cfg.relative_e_line = s->first_e;
	machine_init(m, &cfg);
}

const char *
slicer_name(enum slicer_kind k)
{
	static const char *const names[] = {
		[SLICER_UNKNOWN] = "unknown",
		[SLICER_PRUSA] = "PrusaSlicer",
		[SLICER_SUPERSLICER] = "SuperSlicer",
		[SLICER_SLIC3R] = "Slic3r",
		[SLICER_SLIC3R_PE] = "Slic3r Prusa Edition",
		[SLICER_ORCA] = "OrcaSlicer",
		[SLICER_BAMBU] = "BambuStudio",
		[SLICER_CREALITY] = "Creality Print",
		[SLICER_CURA] = "Cura",
		[SLICER_S3D] = "Simplify3D",
		[SLICER_IDEAMAKER] = "ideaMaker",
		[SLICER_KISSLICER] = "KISSlicer",
		[SLICER_KIRI] = "Kiri:Moto",
		[SLICER_ICESL] = "IceSL",
		[SLICER_FLASHPRINT] = "FlashPrint",
		[SLICER_REPLICATORG] = "ReplicatorG",
		[SLICER_MATTERCONTROL] = "MatterControl",
		[SLICER_CRAFTWARE] = "CraftWare",
		[SLICER_FULLCONTROL] = "FullControl",
	};

	return (size_t)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

const char *
slicer_source_name(enum setting_source src)
{
	switch (src) {
	case SRC_NONE:
		return "none";
	case SRC_FILE:
		return "file";
	case SRC_LEARNED:
		return "learned";
	case SRC_PROFILE:
		return "profile";
	case SRC_OPTION:
		return "option";
	case SRC_DEFAULT:
		return "default";
	}
	return "?";
}

void
slicer_origin_text(char *buf, size_t size, const struct origin *o,
    unsigned long total)
{
	unsigned long line = slicer_origin_line(o, total);
	const char *key = o->key != NULL ? o->key : "";
	char at[32] = "";

	if (line > 0)
		snprintf(at, sizeof at, ", line %lu", line);
	switch (o->src) {
	case SRC_FILE:
		snprintf(buf, size, "the file's comment%s (%s)", at, key);
		break;
	case SRC_LEARNED:
		if (line > 0)
			snprintf(buf, size, "learned from the moves at line "
			    "%lu (%s)", line, key);
		else
			snprintf(buf, size, "learned from the moves (%s)", key);
		break;
	case SRC_PROFILE:
		snprintf(buf, size, "profile (%s)", key);
		break;
	case SRC_OPTION:
		snprintf(buf, size, "option --%s", key);
		break;
	case SRC_DEFAULT:
		snprintf(buf, size, "default");
		break;
	case SRC_NONE:
		snprintf(buf, size, "not known");
		break;
	}
}

void
slicer_bed_text(char *buf, size_t size, const struct bed *b)
{
	if (b->circular)
		snprintf(buf, size, "circle, centre %g,%g radius %g", b->cx,
		    b->cy, b->r);
	else
		snprintf(buf, size, "%g,%g to %g,%g", b->x0, b->y0, b->x1,
		    b->y1);
}
