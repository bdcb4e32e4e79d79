/*
 * flavor.c: firmware names and rules, one table and one switch.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "settings/flavor.h"

static const struct {
	const char *name;
	enum flavor f;
} names[] = {
	{ "marlin2", FLAVOR_MARLIN2 },
	{ "marlin", FLAVOR_MARLIN },
	{ "marlinlegacy", FLAVOR_MARLIN },
	{ "reprapfirmware", FLAVOR_RRF },
	{ "reprap", FLAVOR_RRF },
	{ "rrf", FLAVOR_RRF },
	{ "reprap (reprap)", FLAVOR_RRF },
	{ "reprap (marlin/sprinter)", FLAVOR_MARLIN },
	{ "reprap (repetier)", FLAVOR_REPETIER },
	{ "klipper", FLAVOR_KLIPPER },
	{ "prusa", FLAVOR_PRUSA },
	{ "smoothie", FLAVOR_SMOOTHIE },
	{ "smoothieware", FLAVOR_SMOOTHIE },
	{ "repetier", FLAVOR_REPETIER },
};

enum flavor
flavor_from(const char *v, size_t n)
{
	for (; n > 0 && isspace((unsigned char)*v); n--)
		v++;
	for (; n > 0 && isspace((unsigned char)v[n - 1]); n--)
		;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].name) == n &&
		    strncasecmp(names[i].name, v, n) == 0)
			return names[i].f;
	return n > 0 ? FLAVOR_OTHER : FLAVOR_UNKNOWN;
}

const char *
flavor_name(enum flavor f)
{
	switch (f) {
	case FLAVOR_UNKNOWN:
		return "unknown";
	case FLAVOR_MARLIN:
		return "marlin";
	case FLAVOR_MARLIN2:
		return "marlin2";
	case FLAVOR_RRF:
		return "reprapfirmware";
	case FLAVOR_KLIPPER:
		return "klipper";
	case FLAVOR_PRUSA:
		return "prusa";
	case FLAVOR_SMOOTHIE:
		return "smoothie";
	case FLAVOR_REPETIER:
		return "repetier";
	case FLAVOR_OTHER:
		return "other";
	}
	return "?";
}

void
flavor_machine_config(enum flavor f, struct machine_config *cfg)
{
	switch (f) {
	case FLAVOR_RRF:
		cfg->e_coupling = E_SEPARATE;
		cfg->e_coupling_known = true;
		break;
	case FLAVOR_MARLIN2:
	case FLAVOR_SMOOTHIE:
		cfg->e_coupling = E_COUPLED;
		cfg->e_coupling_known = true;
		break;
	case FLAVOR_KLIPPER:
	case FLAVOR_PRUSA:
		cfg->e_coupling = E_KLIPPER;
		cfg->e_coupling_known = true;
		break;
	default:
		/* "marlin" is used for Marlin 1 and 2 alike: unknown. */
		cfg->e_coupling = E_COUPLED;
		cfg->e_coupling_known = false;
		break;
	}
	cfg->g92_bare_zeroes = f != FLAVOR_RRF;
}
