/*
 * fuzz_duet_model.c: every printer-reply parser on arbitrary bytes.
 */
#include <stddef.h>
#include <stdint.h>

#include "printer/duet_model.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char *s = (const char *)data;
	struct duet_status st;
	struct duet_session ss;
	struct duet_job job;
	char err[128], key[64];

	(void)duet_parse_model_reply(s, len, "state.messageBox", &st, err,
	    sizeof(err));
	(void)duet_parse_model_reply(s, len, "state.upTime", &st, err,
	    sizeof(err));
	(void)duet_parse_job(s, len, &job, err, sizeof(err));
	(void)duet_parse_status1(s, len, &st, err, sizeof(err));
	(void)duet_parse_dsf_model(s, len, &st, NULL, err, sizeof(err));
	(void)duet_parse_connect(s, len, &ss, err, sizeof(err));
	(void)duet_parse_dsf_connect(s, len, key, sizeof(key), err,
	    sizeof(err));
	(void)duet_is_wrapped_reply(s, len);
	return 0;
}
