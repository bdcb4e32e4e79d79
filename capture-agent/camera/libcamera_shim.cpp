/*
 * libcamera_shim.cpp: libcamera's C++ API behind the C interface of
 * libcamera_shim.h.
 *
 * One camera, one still stream (YUV420 preferred, RGB888 or XRGB8888
 * accepted), optionally a raw stream whose size picks the sensor mode.  All
 * requests are queued at start and re-queued as they complete, so the
 * camera streams and its algorithms converge; a capture takes the first
 * frame completed after the call, copies it out (the buffer goes straight
 * back to the camera) and returns.  libcamera calls requestComplete on its
 * own thread: the queue between the two is guarded by a mutex.
 */
#include <sys/mman.h>

#include <chrono>
#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <libcamera/libcamera.h>

#include "camera/libcamera_shim.h"

using namespace libcamera;

namespace {

void
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (errlen == 0)
		return;
	va_start(ap, fmt);
	std::vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

struct mapping {
	void *addr;
	size_t len;
};

}	/* namespace */

struct lcs {
	std::unique_ptr<CameraManager> cm;
	std::shared_ptr<Camera> cam;
	std::unique_ptr<CameraConfiguration> config;
	std::unique_ptr<FrameBufferAllocator> alloc;
	std::vector<std::unique_ptr<Request>> requests;
	std::map<const FrameBuffer *, std::vector<const unsigned char *>> planes;
	std::vector<mapping> maps;
	Stream *still = nullptr;
	ControlList controls;
	bool acquired = false, started = false;

	std::mutex lock;
	std::condition_variable done;
	std::deque<Request *> completed;
	uint64_t generation = 0;	/* completions so far */

	std::vector<unsigned char> copy;	/* the frame handed out */

	void complete(Request *r)
	{
		std::lock_guard<std::mutex> g(lock);

		if (r->status() == Request::RequestCancelled)
			return;
		completed.push_back(r);
		generation++;
		/* Keep the newest frame only; the camera keeps streaming. */
		while (completed.size() > 1) {
			requeue(completed.front());
			completed.pop_front();
		}
		done.notify_all();
	}

	void requeue(Request *r)
	{
		r->reuse(Request::ReuseBuffers);
		cam->queueRequest(r);
	}

	~lcs()
	{
		if (started)
			cam->stop();
		if (alloc && still != nullptr)
			alloc->free(still);
		for (auto &m : maps)
			munmap(m.addr, m.len);
		requests.clear();
		alloc.reset();
		if (acquired)
			cam->release();
		cam.reset();
		if (cm)
			cm->stop();
	}
};

static int
map_buffers(struct lcs *s, char *err, size_t errlen)
{
	for (const auto &buf : s->alloc->buffers(s->still)) {
		std::map<int, mapping> byfd;
		std::vector<const unsigned char *> p;

		for (const auto &pl : buf->planes()) {
			int fd = pl.fd.get();
			size_t end = pl.offset + pl.length;

			if (byfd.count(fd) == 0 || byfd[fd].len < end)
				byfd[fd] = mapping{ nullptr, end };
		}
		for (auto &m : byfd) {
			m.second.addr = mmap(nullptr, m.second.len, PROT_READ,
			    MAP_SHARED, m.first, 0);
			if (m.second.addr == MAP_FAILED) {
				fail(err, errlen, "cannot map a frame buffer");
				return -1;
			}
			s->maps.push_back(m.second);
		}
		for (const auto &pl : buf->planes())
			p.push_back(static_cast<const unsigned char *>(
			    byfd[pl.fd.get()].addr) + pl.offset);
		s->planes[buf.get()] = p;
	}
	return 0;
}

static void
set_controls(struct lcs *s, const struct lcs_settings *st)
{
	ControlList &c = s->controls;

	if (st->shutter_us > 0) {
		int64_t d = st->shutter_us;

		c.set(controls::AeEnable, false);
		c.set(controls::ExposureTime, (int32_t)st->shutter_us);
		/* Long exposures need longer frames. */
		c.set(controls::FrameDurationLimits,
		    Span<const int64_t, 2>({ d, d + 100000 }));
	}
	if (st->analogue_gain > 0) {
		c.set(controls::AeEnable, false);
		c.set(controls::AnalogueGain, (float)st->analogue_gain);
	}
	if (st->awb == LCS_AWB_OFF ||
	    (st->red_gain > 0 && st->blue_gain > 0)) {
		c.set(controls::AwbEnable, false);
		if (st->red_gain > 0 && st->blue_gain > 0)
			c.set(controls::ColourGains, Span<const float, 2>(
			    { (float)st->red_gain, (float)st->blue_gain }));
	} else if (st->awb != LCS_AWB_DEFAULT) {
		c.set(controls::AwbEnable, true);
		c.set(controls::AwbMode, (int32_t)st->awb);
	}
	if (st->sharpness >= 0)
		c.set(controls::Sharpness, (float)st->sharpness);
	if (st->contrast >= 0)
		c.set(controls::Contrast, (float)st->contrast);
	if (st->saturation >= 0)
		c.set(controls::Saturation, (float)st->saturation);
}

static int
configure(struct lcs *s, const struct lcs_settings *st, char *err,
    size_t errlen)
{
	StreamRoles roles = { StreamRole::StillCapture };

	if (st->raw_width > 0)
		roles.push_back(StreamRole::Raw);
	s->config = s->cam->generateConfiguration(roles);
	if (!s->config || s->config->size() != roles.size()) {
		fail(err, errlen, "camera cannot do still capture%s",
		    st->raw_width > 0 ? " with a raw stream" : "");
		return -1;
	}
	StreamConfiguration &sc = s->config->at(0);
	sc.pixelFormat = formats::YUV420;
	if (st->width > 0) {
		sc.size.width = st->width;
		sc.size.height = st->height;
	}
	sc.bufferCount = 3;
	if (st->raw_width > 0) {
		s->config->at(1).size.width = st->raw_width;
		s->config->at(1).size.height = st->raw_height;
	}
	if (s->config->validate() == CameraConfiguration::Invalid) {
		fail(err, errlen, "camera refuses this configuration");
		return -1;
	}
	if (sc.pixelFormat != formats::YUV420 &&
	    sc.pixelFormat != formats::RGB888 &&
	    sc.pixelFormat != formats::XRGB8888) {
		fail(err, errlen, "camera offers %s, not YUV420 or RGB",
		    sc.pixelFormat.toString().c_str());
		return -1;
	}
	if (st->width > 0 && (sc.size.width != (unsigned)st->width ||
	    sc.size.height != (unsigned)st->height)) {
		fail(err, errlen, "resolution %dx%d not available (nearest "
		    "%ux%u)", st->width, st->height, sc.size.width,
		    sc.size.height);
		return -1;
	}
	if (s->cam->configure(s->config.get()) < 0) {
		fail(err, errlen, "cannot configure the camera");
		return -1;
	}
	s->still = sc.stream();
	return 0;
}

static int
open_camera(struct lcs *s, const struct lcs_settings *st, char *err,
    size_t errlen)
{
	s->cm = std::make_unique<CameraManager>();
	if (s->cm->start() < 0) {
		fail(err, errlen, "cannot start the libcamera camera manager");
		return -1;
	}
	if (s->cm->cameras().empty()) {
		fail(err, errlen, "no camera found by libcamera (is the "
		    "ribbon cable seated and the camera enabled?)");
		return -1;
	}
	if (st->camera != nullptr && st->camera[0] != '\0')
		s->cam = s->cm->get(st->camera);
	else
		s->cam = s->cm->cameras().front();
	if (!s->cam) {
		fail(err, errlen, "no camera with id '%s'", st->camera);
		return -1;
	}
	if (s->cam->acquire() < 0) {
		fail(err, errlen, "camera %s is in use by another process",
		    s->cam->id().c_str());
		return -1;
	}
	s->acquired = true;
	if (configure(s, st, err, errlen) != 0)
		return -1;
	s->alloc = std::make_unique<FrameBufferAllocator>(s->cam);
	if (s->alloc->allocate(s->still) < 0) {
		fail(err, errlen, "cannot allocate frame buffers");
		return -1;
	}
	if (map_buffers(s, err, errlen) != 0)
		return -1;
	for (const auto &buf : s->alloc->buffers(s->still)) {
		std::unique_ptr<Request> r = s->cam->createRequest();

		if (!r || r->addBuffer(s->still, buf.get()) < 0) {
			fail(err, errlen, "cannot create a capture request");
			return -1;
		}
		s->requests.push_back(std::move(r));
	}
	set_controls(s, st);
	s->cam->requestCompleted.connect(s, &lcs::complete);
	if (s->cam->start(&s->controls) < 0) {
		fail(err, errlen, "cannot start the camera");
		return -1;
	}
	s->started = true;
	for (auto &r : s->requests)
		if (s->cam->queueRequest(r.get()) < 0) {
			fail(err, errlen, "cannot queue a capture request");
			return -1;
		}
	return 0;
}

extern "C" struct lcs *
lcs_open(const struct lcs_settings *st, char *err, size_t errlen)
{
	struct lcs *s = nullptr;

	try {
		/* Quiet unless the user asked for libcamera's logs. */
		setenv("LIBCAMERA_LOG_LEVELS", "*:ERROR", 0);
		s = new lcs();
		if (open_camera(s, st, err, errlen) != 0) {
			delete s;
			return nullptr;
		}
		return s;
	} catch (const std::exception &e) {
		fail(err, errlen, "libcamera: %s", e.what());
	} catch (...) {
		fail(err, errlen, "libcamera: unexpected error");
	}
	delete s;
	return nullptr;
}

extern "C" int
lcs_capture(struct lcs *s, long timeout_ms, struct lcs_frame *f, char *err,
    size_t errlen)
{
	try {
		std::unique_lock<std::mutex> g(s->lock);
		uint64_t gen0 = s->generation;
		Request *r;

		/* Frames finished before the call are too old: recycle. */
		while (!s->completed.empty()) {
			r = s->completed.front();
			s->completed.pop_front();
			s->requeue(r);
		}
		if (!s->done.wait_for(g, std::chrono::milliseconds(timeout_ms),
		    [s, gen0] { return s->generation > gen0 &&
		    !s->completed.empty(); })) {
			fail(err, errlen, "no frame from the camera within "
			    "%ld ms", timeout_ms);
			return -1;
		}
		r = s->completed.front();
		s->completed.pop_front();
		g.unlock();
		if (r->status() != Request::RequestComplete) {
			s->requeue(r);
			fail(err, errlen, "frame capture failed");
			return -1;
		}
		const StreamConfiguration &sc = s->config->at(0);
		FrameBuffer *buf = r->buffers().begin()->second;
		const auto &p = s->planes[buf];
		size_t w = sc.size.width, h = sc.size.height, stride = sc.stride;
		size_t ysize = stride * h, csize = (stride / 2) * ((h + 1) / 2);
		const unsigned char *y = p[0];
		const unsigned char *u = p.size() > 1 ? p[1] : y + ysize;
		const unsigned char *v = p.size() > 2 ? p[2] : u + csize;

		std::memset(f, 0, sizeof(*f));
		f->width = (int)w;
		f->height = (int)h;
		if (sc.pixelFormat == formats::YUV420) {
			s->copy.resize(ysize + 2 * csize);
			std::memcpy(s->copy.data(), y, ysize);
			std::memcpy(s->copy.data() + ysize, u, csize);
			std::memcpy(s->copy.data() + ysize + csize, v, csize);
			f->pixels = LCS_YUV420;
			f->plane[0] = s->copy.data();
			f->plane[1] = s->copy.data() + ysize;
			f->plane[2] = s->copy.data() + ysize + csize;
			f->stride[0] = (int)stride;
			f->stride[1] = f->stride[2] = (int)(stride / 2);
		} else {
			s->copy.assign(y, y + ysize);
			f->pixels = sc.pixelFormat == formats::RGB888 ?
			    LCS_BGR888 : LCS_XRGB8888;
			f->plane[0] = s->copy.data();
			f->stride[0] = (int)stride;
		}
		s->requeue(r);
		return 0;
	} catch (const std::exception &e) {
		fail(err, errlen, "libcamera: %s", e.what());
	} catch (...) {
		fail(err, errlen, "libcamera: unexpected error");
	}
	return -1;
}

extern "C" void
lcs_close(struct lcs *s)
{
	try {
		delete s;
	} catch (...) {
	}
}
