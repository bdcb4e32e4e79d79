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
	{ "marlin1", FLAVOR_MARLIN1 },
	{ "ultigcode", FLAVOR_MARLIN },
	{ "griffin", FLAVOR_MARLIN },
	{ "reprapfirmware", FLAVOR_RRF },
	{ "reprap", FLAVOR_REPRAP },
	{ "rrf", FLAVOR_RRF },
	{ "reprap (reprap)", FLAVOR_RRF },
	{ "reprap (marlin/sprinter)", FLAVOR_MARLIN },
	{ "sprinter", FLAVOR_MARLIN1 },
	{ "reprap (repetier)", FLAVOR_REPETIER },
	{ "klipper", FLAVOR_KLIPPER },
	{ "prusa", FLAVOR_PRUSA },
	{ "prusa-3.8", FLAVOR_PRUSA_38 },
	{ "prusa-3.9.0-rc1", FLAVOR_PRUSA_39RC },
	{ "sailfish", FLAVOR_SAILFISH },
	{ "makerbot", FLAVOR_SAILFISH },
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
	case FLAVOR_PRUSA_38:
		return "prusa-3.8";
	case FLAVOR_PRUSA_39RC:
		return "prusa-3.9.0-rc1";
	case FLAVOR_MARLIN1:
		return "marlin1";
	case FLAVOR_REPRAP:
		return "reprap";
	case FLAVOR_SAILFISH:
		return "sailfish";
	case FLAVOR_SMOOTHIE:
		return "smoothie";
	case FLAVOR_REPETIER:
		return "repetier";
	case FLAVOR_OTHER:
		return "other";
	}
	return "?";
}

unsigned
flavor_firmwares(enum flavor f)
{
	switch (f) {
	case FLAVOR_MARLIN:
		return FW_BIT(FW_MARLIN2) | FW_BIT(FW_MARLIN1) |
		    FW_BIT(FW_PRUSA) | FW_BIT(FW_PRUSA_39RC) |
		    FW_BIT(FW_PRUSA_38);
	case FLAVOR_MARLIN2:
		return FW_BIT(FW_MARLIN2);
	case FLAVOR_MARLIN1:
		return FW_BIT(FW_MARLIN1);
	case FLAVOR_RRF:
		return FW_BIT(FW_RRF);
	case FLAVOR_REPRAP:
		return FW_BIT(FW_MARLIN1) | FW_BIT(FW_MARLIN2) | FW_BIT(FW_RRF);
	case FLAVOR_KLIPPER:
		return FW_BIT(FW_KLIPPER);
	case FLAVOR_PRUSA:
		return FW_BIT(FW_PRUSA);
	case FLAVOR_PRUSA_38:
		return FW_BIT(FW_PRUSA_38);
	case FLAVOR_PRUSA_39RC:
		return FW_BIT(FW_PRUSA_39RC);
	case FLAVOR_SMOOTHIE:
		return FW_BIT(FW_SMOOTHIE);
	case FLAVOR_SAILFISH:
		return FW_BIT(FW_SAILFISH);
	default:
		return 0;	/* Repetier, unknown: any */
	}
}

void
flavor_machine_config(enum flavor f, struct machine_config *cfg)
{
	cfg->firmwares = flavor_firmwares(f);
}
