/*
 * test_duet_model.c: parsing what the printer says (rr_model, rr_status,
 * DSF model, rr_connect, serial lines) and what we say (the ack, URL
 * escapes, serial framing with XOR and CRC-16 checks).
 */
#include <string.h>

#include "t.h"
#include "printer/duet_code.h"
#include "printer/duet_model.h"

static int
model(const char *json, const char *key, struct duet_status *st)
{
	char err[256];

	memset(st, 0, sizeof(*st));
	st->uptime = -1;
	return duet_parse_model_reply(json, strlen(json), key, st, err,
	    sizeof(err));
}

/* rr_model?key=job: where the print stands, for the test camera */
static void
test_job(void)
{
	struct duet_job job;
	char err[256];
	const char *j;

	j = "{\"key\":\"job\",\"flags\":\"v\",\"result\":{\"file\":"
	    "{\"fileName\":\"0:/gcodes/cube.gcode\",\"size\":4096},"
	    "\"filePosition\":1234,\"lastFileName\":null}}";
	T_EQ_INT(duet_parse_job(j, strlen(j), &job, err, sizeof(err)), 0,
	    "job parses");
	T_OK(job.printing && strcmp(job.file, "0:/gcodes/cube.gcode") == 0 &&
	    job.position == 1234, "the file and where it stands");
	j = "{\"key\":\"job\",\"result\":{\"file\":{\"fileName\":null},"
	    "\"filePosition\":0}}";
	T_EQ_INT(duet_parse_job(j, strlen(j), &job, err, sizeof(err)), 0,
	    "no job parses");
	T_EQ_INT(job.printing, 0, "nothing printing");
	j = "{\"key\":\"job\",\"result\":{\"file\":{\"fileName\":7}}}";
	T_EQ_INT(duet_parse_job(j, strlen(j), &job, err, sizeof(err)), -1,
	    "a number for a name: %s", err);
	j = "{\"key\":\"job\",\"result\":{\"filePosition\":-5}}";
	T_EQ_INT(duet_parse_job(j, strlen(j), &job, err, sizeof(err)), -1,
	    "a negative position: %s", err);
	j = "{\"key\":\"state\",\"result\":{}}";
	T_EQ_INT(duet_parse_job(j, strlen(j), &job, err, sizeof(err)), 1,
	    "a reply for another key: 1 (a stale line on a serial port)");
}

int
main(void)
{
	struct duet_status st;
	struct duet_session ss;
	struct duet_ack ack;
	char err[256], buf[256], key[64];
	const char *j;

	j = "{\"key\":\"state.messageBox\",\"flags\":\"v\",\"result\":null}";
	T_EQ_INT(model(j, "state.messageBox", &st), 0, "null box parses");
	T_EQ_INT(st.box.present, 0, "null box: none shown");
	j = "{\"key\":\"state.messageBox\",\"flags\":\"v\",\"result\":"
	    "{\"axisControls\":0,\"cancelButton\":false,\"message\":"
	    "\"gLapseCapture\",\"mode\":2,\"seq\":7,\"timeout\":0,"
	    "\"title\":\"\"}}";
	T_EQ_INT(model(j, "state.messageBox", &st), 0, "box parses");
	T_EQ_INT(st.box.present, 1, "box shown");
	T_EQ_INT(st.box.seq, 7, "seq");
	T_EQ_INT(st.box.mode, 2, "mode");
	T_EQ_INT(st.box.exact, 1, "exact message");
	T_EQ_STR(st.box.message, "gLapseCapture", "message");
	T_EQ_INT(model(j, "state.upTime", &st), 1, "reply for another key: 1");
	T_EQ_INT(model("{\"key\":\"state.upTime\",\"flags\":\"v\","
	    "\"result\":1234}", "state.upTime", &st), 0, "upTime parses");
	T_EQ_INT(st.uptime, 1234, "upTime value");
	T_EQ_INT(model("{\"key\":\"state.messageBox\",\"result\":{\"seq\":-1,"
	    "\"mode\":2,\"message\":\"x\"}}", "state.messageBox", &st), -1,
	    "negative seq refused");
	T_EQ_INT(model("{\"key\":\"state.messageBox\",\"result\":{\"seq\":1,"
	    "\"mode\":2,\"message\":7}}", "state.messageBox", &st), -1,
	    "non-string message refused");
	T_EQ_INT(model("{\"key\":\"state.messageBox\",\"result\":{\"seq\":1,"
	    "\"mode\":2,\"message\":\"gLapseCapture\\u0000x\"}}",
	    "state.messageBox", &st), 0, "NUL inside a message: the poll "
	    "succeeds (issue 11)");
	T_OK(st.box.present && !st.box.exact && st.box.seq == 1,
	    "... and the box is not ours (not exact)");
	T_EQ_INT(model("{\"key\":\"state.messageBox\",\"result\":[]}",
	    "state.messageBox", &st), -1, "array box refused");
	T_EQ_INT(model("not json", "state.messageBox", &st), -1,
	    "garbage refused");
	T_EQ_INT(model("[1,2]", "state.messageBox", &st), -1,
	    "non-object refused");
	{
		char longmsg[600];

		memset(buf, 0, sizeof(buf));
		strcpy(longmsg, "{\"key\":\"state.messageBox\",\"result\":"
		    "{\"seq\":3,\"mode\":2,\"message\":\"gLapseCapture");
		memset(longmsg + strlen(longmsg), 'x', 300);
		longmsg[strlen("{\"key\":\"state.messageBox\",\"result\":"
		    "{\"seq\":3,\"mode\":2,\"message\":\"gLapseCapture") + 300] =
		    '\0';
		strcat(longmsg, "\"}}");
		T_EQ_INT(model(longmsg, "state.messageBox", &st), 0,
		    "long message parses");
		T_EQ_INT(st.box.exact, 0, "long message is not exact");
	}

	j = "{\"status\":\"P\",\"seq\":3,\"time\":77,\"output\":{\"msgBox\":"
	    "{\"msg\":\"gLapseFinish\",\"title\":\"\",\"mode\":2,\"seq\":4,"
	    "\"timeout\":0,\"controls\":0}}}";
	T_EQ_INT(duet_parse_status1(j, strlen(j), &st, err, sizeof(err)), 0,
	    "rr_status type 1 parses");
	T_EQ_STR(st.box.message, "gLapseFinish", "legacy msg");
	T_EQ_INT(st.box.seq, 4, "legacy seq");
	T_EQ_INT(st.uptime, 77, "legacy time is the upTime");
	j = "{\"status\":\"I\",\"seq\":3}";
	T_EQ_INT(duet_parse_status1(j, strlen(j), &st, err, sizeof(err)), 0,
	    "rr_status without a box parses");
	T_EQ_INT(st.box.present, 0, "legacy: no box");

	j = "{\"boards\":[],\"state\":{\"messageBox\":{\"message\":"
	    "\"gLapseInitialize\",\"mode\":2,\"seq\":1},\"upTime\":5}}";
	T_EQ_INT(duet_parse_dsf_model(j, strlen(j), &st, NULL, err,
	    sizeof(err)), 0, "DSF model parses");
	T_EQ_STR(st.box.message, "gLapseInitialize", "DSF message");
	T_EQ_INT(st.uptime, 5, "DSF upTime");
	T_EQ_INT(st.ack_by_seq, 0, "DSF: no firmware version, S not trusted");
	j = "{\"state\":[]}";
	T_EQ_INT(duet_parse_dsf_model(j, strlen(j), &st, NULL, err,
	    sizeof(err)), -1, "DSF model without a state object refused");
	{
		struct duet_job job;
		static const struct {
			const char *version;
			int by_seq;
		} fw[] = { { "3.4.6", 0 }, { "3.5.0-rc.1", 1 }, { "3.6", 1 },
		    { "2.05", 0 }, { "10.0", 1 }, { "x", 0 } };
		char jj[512];
		size_t i;

		for (i = 0; i < sizeof fw / sizeof fw[0]; i++) {
			snprintf(jj, sizeof jj, "{\"boards\":[{\"firmware"
			    "Version\":\"%s\"}],\"state\":{\"upTime\":5},"
			    "\"job\":{\"file\":{\"fileName\":\"0:/gcodes/"
			    "a.gcode\"},\"duration\":42}}", fw[i].version);
			T_EQ_INT(duet_parse_dsf_model(jj, strlen(jj), &st,
			    &job, err, sizeof(err)), 0, "DSF %s parses",
			    fw[i].version);
			T_EQ_INT(st.ack_by_seq, fw[i].by_seq, "DSF %s: M292 S "
			    "honoured: %d", fw[i].version, fw[i].by_seq);
		}
		T_OK(job.printing && strcmp(job.file, "0:/gcodes/a.gcode") ==
		    0 && job.duration == 42, "DSF job: file and duration");
		j = "{\"key\":\"job\",\"flags\":\"v\",\"result\":{"
		    "\"file\":{\"fileName\":null},\"duration\":null}}";
		T_EQ_INT(duet_parse_job(j, strlen(j), &job, err,
		    sizeof(err)), 0, "job reply parses");
		T_OK(!job.printing && job.duration == -1, "no job printed");
		j = "{\"key\":\"state.upTime\",\"result\":1}";
		T_EQ_INT(duet_parse_job(j, strlen(j), &job, err,
		    sizeof(err)), 1, "a reply for another key");
	}

	j = "{\"err\":0,\"sessionTimeout\":8000,\"boardType\":\"x\","
	    "\"apiLevel\":2,\"sessionKey\":4242}";
	T_EQ_INT(duet_parse_connect(j, strlen(j), &ss, err, sizeof(err)), 0,
	    "rr_connect parses");
	T_EQ_INT(ss.have_key, 1, "session key present");
	T_EQ_INT(ss.key, 4242, "session key");
	T_EQ_INT(ss.timeout_ms, 8000, "session timeout");
	j = "{\"err\":1}";
	T_OK(duet_parse_connect(j, strlen(j), &ss, err, sizeof(err)) == -1 &&
	    strstr(err, "password"), "err 1: wrong password");
	j = "{\"err\":2}";
	T_OK(duet_parse_connect(j, strlen(j), &ss, err, sizeof(err)) == -1 &&
	    strstr(err, "session"), "err 2: no free session");
	j = "{\"sessionKey\":\"0b6e-41\"}";
	T_EQ_INT(duet_parse_dsf_connect(j, strlen(j), key, sizeof(key), err,
	    sizeof(err)), 0, "DSF connect parses");
	T_EQ_STR(key, "0b6e-41", "DSF key");
	j = "{\"sessionKey\":\"a\\r\\nX-Evil: 1\"}";
	T_EQ_INT(duet_parse_dsf_connect(j, strlen(j), key, sizeof(key), err,
	    sizeof(err)), -1, "DSF key with a header injection refused");
	j = "{\"seq\":5,\"resp\":\"ok\\n\"}";
	T_EQ_INT(duet_is_wrapped_reply(j, strlen(j)), 1, "wrapper seen");
	j = "{\"key\":\"state.messageBox\",\"result\":null}";
	T_EQ_INT(duet_is_wrapped_reply(j, strlen(j)), 0, "model reply is not "
	    "a wrapper");

	duet_ack_init(&ack, 7);
	T_EQ_STR(ack.code, "M292 P0 S7", "ack is M292 P0 S<seq>");
	duet_ack_init(&ack, 4294967295UL);
	T_EQ_STR(ack.code, "M292 P0 S4294967295", "largest seq fits");
	T_EQ_INT(duet_url_escape("M292 P0 S7", buf, sizeof(buf)), 0, "escape");
	T_EQ_STR(buf, "M292%20P0%20S7", "spaces escaped");
	T_EQ_INT(duet_url_escape("a+b/c:\xc3\xa9", buf, sizeof(buf)), 0,
	    "escape specials");
	T_EQ_STR(buf, "a%2Bb%2Fc%3A%C3%A9", "upper-case hex, + escaped");
	T_EQ_INT(duet_url_escape("abcdef", buf, 4), -1, "escape overflow "
	    "refused");

	T_EQ_INT(duet_xor("N1 M105", 7), 0x26 ^ 0, "xor of N1 M105");
	T_EQ_INT(duet_crc16("123456789", 9), 0x31C3, "CRC-16/XMODEM check "
	    "value");
	T_EQ_INT(duet_frame_line(CHECKSUM_NONE, 1, "M292 P0 S7", buf,
	    sizeof(buf)), 0, "frame plain");
	T_EQ_STR(buf, "M292 P0 S7\n", "plain line");
	T_EQ_INT(duet_frame_line(CHECKSUM_XOR, 12, "M292 P0 S7", buf,
	    sizeof(buf)), 0, "frame xor");
	snprintf(key, sizeof(key), "N12 M292 P0 S7*%u\n",
	    duet_xor("N12 M292 P0 S7", 14));
	T_EQ_STR(buf, key, "xor line");
	T_EQ_INT(duet_frame_line(CHECKSUM_CRC, 3, "M105", buf, sizeof(buf)), 0,
	    "frame crc");
	snprintf(key, sizeof(key), "N3 M105*%05u\n", duet_crc16("N3 M105", 7));
	T_EQ_STR(buf, key, "crc line, five digits");
	T_EQ_INT(duet_frame_line(CHECKSUM_CRC, 3, "M105", buf, 8), -1,
	    "frame overflow refused");
	test_job();
	return t_done();
}
