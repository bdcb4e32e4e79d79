/*
 * cura.c: join, decode with jansson, read the ini texts.
 *
 * The extruder stack's values win over the global one's (Cura's own
 * order for the settings an extruder may set); of several extruders the
 * first counts.  A z-hop counts only where retraction_hop_enabled is on.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "settings/cura.h"
#include "settings/keys.h"

void
cura_piece(struct slicer_settings *s, const char *t, size_t n,
    unsigned long line, bool from_end)
{
	struct slicer_evidence *ev = &s->ev;
	char *b;
	size_t cap;

	if (ev->cura_len + n + 1 > CURA_MAX_BYTES)
		return;
	if (ev->cura_json == NULL) {
		ev->cura_line = line;
		ev->cura_from_end = from_end;
	}
	if (ev->cura_len + n + 1 > ev->cura_cap) {
		cap = ev->cura_cap ? ev->cura_cap * 2 : 4096;
		while (cap < ev->cura_len + n + 1)
			cap *= 2;
		if ((b = realloc(ev->cura_json, cap)) == NULL)
			return;
		ev->cura_json = b;
		ev->cura_cap = cap;
	}
	memcpy(ev->cura_json + ev->cura_len, t, n);
	ev->cura_len += n;
	ev->cura_json[ev->cura_len] = '\0';
}

struct hop {
	int enabled;		/* -1 not said, 0, 1 */
	char value[32];
	bool from_extruder;
};

/* One ini text: the "key = value" lines of its [values] section. */
static void
read_ini(struct slicer_settings *s, const char *t, struct hop *hop)
{
	bool values = false;

	while (*t != '\0') {
		const char *nl = strstr(t, "\\n"), *eq, *k, *v;
		size_t n = nl != NULL ? (size_t)(nl - t) : strlen(t);
		size_t kn, vn;

		k = t;
		kn = n;
		keys_trim(&k, &kn);
		if (kn > 0 && k[0] == '[') {
			values = kn == 8 && memcmp(k, "[values]", 8) == 0;
		} else if (values && (eq = memchr(k, '=', kn)) != NULL) {
			v = eq + 1;
			vn = (size_t)(k + kn - v);
			kn = (size_t)(eq - k);
			keys_trim(&k, &kn);
			keys_trim(&v, &vn);
			if (kn == 22 && memcmp(k, "retraction_hop_enabled",
			    22) == 0) {
				hop->enabled = vn == 4 &&
				    memcmp(v, "True", 4) == 0;
			} else if (kn == 14 && memcmp(k, "retraction_hop",
			    14) == 0 && vn < sizeof hop->value) {
				memcpy(hop->value, v, vn);
				hop->value[vn] = '\0';
			} else {
				keys_store(s, FORM_CURA, k, kn, v, vn,
				    s->ev.cura_line, s->ev.cura_from_end);
			}
		}
		t += n;
		if (nl != NULL)
			t += 2;
	}
}

void
cura_end(struct slicer_settings *s)
{
	struct slicer_evidence *ev = &s->ev;
	struct hop hop = { -1, "", false };
	json_t *root, *g, *x;
	json_error_t jerr;

	if (ev->cura_json == NULL)
		return;
	root = json_loadb(ev->cura_json, ev->cura_len, 0, &jerr);
	free(ev->cura_json);
	ev->cura_json = NULL;
	ev->cura_len = ev->cura_cap = 0;
	if (root == NULL)
		return;
	if ((g = json_object_get(root, "global_quality")) != NULL &&
	    json_is_string(g))
		read_ini(s, json_string_value(g), &hop);
	x = json_object_get(root, "extruder_quality");
	if (json_is_array(x) && json_array_size(x) > 0 &&
	    json_is_string(json_array_get(x, 0))) {
		ev->bonus = 1;
		read_ini(s, json_string_value(json_array_get(x, 0)), &hop);
		ev->bonus = 0;
	}
	json_decref(root);
	if (hop.enabled == 0)
		keys_set(s, &s->zhop_mm, 0, 3, "retraction_hop_enabled",
		    ev->cura_line, ev->cura_from_end);
	else if (hop.enabled == 1 && hop.value[0] != '\0')
		keys_store(s, FORM_CURA, "retraction_hop", 14, hop.value,
		    strlen(hop.value), ev->cura_line, ev->cura_from_end);
}
