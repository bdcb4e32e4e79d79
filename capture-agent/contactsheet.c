/* placeholder until the contact sheet lands */
#include "contactsheet.h"

int
contactsheet_make(const char *sequence_dir, const char *out_jpeg,
    int columns, int thumb_width, char *err, size_t errlen)
{
	(void)sequence_dir; (void)out_jpeg; (void)columns; (void)thumb_width;
	(void)err; (void)errlen;
	return -1;
}
