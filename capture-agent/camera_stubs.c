#include "camera.h"
#define STUB(n) const struct camera_type camera_type_##n = { .name = #n };
STUB(http) STUB(exec) STUB(gphoto2) STUB(libcamera)
