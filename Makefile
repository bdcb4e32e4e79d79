# gcode-lapse: plain Makefile, pkg-config, no recursion.
#
#   make                 build both programs into build/
#   make check           install what is missing, run every test, also under
#                        AddressSanitizer + UndefinedBehaviorSanitizer, and
#                        the armhf build under qemu-user (check-pi)
#   make bench           throughput and memory figures against cat(1)
#   make fuzz            libFuzzer targets (clang), FUZZ_SECONDS each
#   make fuzz-smoke      the same, a fixed count of runs from a fixed seed
#                        each (tests/fuzz/smoke.tsv), as make check runs it
#   make demo            the whole chain on the simulator and the test camera
#   make install         PREFIX=/usr/local DESTDIR=
#   make deb             a Debian package in out/ (dpkg-buildpackage with
#                        scripts/debian/ on a staging copy of the tree)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
SYSTEMDDIR ?= /etc/systemd/system
SYSUSERSDIR ?= $(SYSCONFDIR)/sysusers.d
TMPFILESDIR ?= $(SYSCONFDIR)/tmpfiles.d
DESTDIR ?=

BUILD ?= build
CC ?= cc
CXX ?= c++
PKG_CONFIG ?= pkg-config
WITH_LIBCAMERA ?= auto
FUZZ_SECONDS ?= 60

PKGS := libgphoto2 libcurl libturbojpeg inih jansson libmicrohttpd
ifeq ($(WITH_LIBCAMERA),auto)
  HAVE_LIBCAMERA := $(shell $(PKG_CONFIG) --exists libcamera && echo yes)
else ifeq ($(WITH_LIBCAMERA),yes)
  HAVE_LIBCAMERA := yes
else
  HAVE_LIBCAMERA :=
endif

# V=1 shows the whole command lines.
ifeq ($(V),1)
  Q :=
  say = @true
else
  Q := @
  say = @printf '  %-6s %s\n' $(1) $(2)
endif

# The one place the version is written; both programs print it (-V).
VERSION := 0.2

# Warnings are errors where the tree is checked (make check, CI: WERROR=1),
# not in a user's plain make, so that a newer compiler on the Pi still
# builds.
WERROR ?=
WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wvla $(if $(WERROR),-Werror)
OPT ?= -O2 -g
ifdef SAN
  BUILD := build-san
  OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
endif

COMMON_SRC := $(wildcard common/*.c common/*/*.c)
# The G-code engine (reader, tokenizer, tracker, toolpath) that both
# programs link: capture-agent's test camera reads G-code too.  It lives in
# gcode-lapse/gcode/ for now; its headers are included as "gcode/x.h".
ENGINE_TOP := gcode-lapse
ENGINE_SRC := $(wildcard $(ENGINE_TOP)/gcode/*.c)
GL_SRC := $(filter-out gcode-lapse/main.c $(ENGINE_SRC),$(wildcard gcode-lapse/*.c gcode-lapse/*/*.c))
CA_SRC := $(filter-out capture-agent/main.c,$(wildcard capture-agent/*.c capture-agent/*/*.c))
# The web page's files, embedded in capture-agent as C arrays (xxd).
PAGE_FILES := $(sort $(wildcard capture-agent/web/page/*))
PAGE_C := $(BUILD)/gen/page_files.c

# Headers are included by their path in the program's tree
# ("plan/snapshot.h"), common/'s by name.
# _FILE_OFFSET_BITS: on a 32-bit Pi, files over 2 GiB and readdir(3) on
# file systems with 64-bit directory offsets (EOVERFLOW otherwise).
CPPFLAGS_ALL := -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 -DVERSION='"$(VERSION)"' \
	-Icommon -MMD -MP \
	$(CPPFLAGS)
CFLAGS_ALL := -std=c11 -fno-math-errno $(WARN) $(OPT) $(CFLAGS)
CXXFLAGS_ALL := -std=c++17 -Wall -Wextra $(if $(WERROR),-Werror) $(OPT) \
	-MMD -MP $(CPPFLAGS) $(CXXFLAGS)
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
GL_LIBS := $(shell $(PKG_CONFIG) --libs jansson inih libturbojpeg 2>/dev/null) -pthread
LDLIBS_ALL := $(LDFLAGS) -lm $(LDLIBS)


# The libcamera shim is a module the camera worker loads when a libcamera
# camera is configured, so the daemon itself never maps libcamera.
LIBDIR ?= $(PREFIX)/lib
MODULEDIR ?= $(LIBDIR)/gcode-lapse
CA_DEFS :=
CAM_MODULE :=
ifeq ($(HAVE_LIBCAMERA),yes)
  CA_DEFS := -DHAVE_LIBCAMERA \
	-DLIBCAMERA_MODULE='"$(MODULEDIR)/capture-agent-libcamera.so"'
  CAM_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcamera)
  CAM_LIBS := $(shell $(PKG_CONFIG) --libs libcamera)
  CAM_MODULE := $(BUILD)/capture-agent-libcamera.so
endif

COMMON_OBJ := $(COMMON_SRC:%.c=$(BUILD)/obj/%.o)
GL_OBJ := $(GL_SRC:%.c=$(BUILD)/obj/%.o)
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/obj/%.o)
CA_OBJ := $(CA_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/page_files.o
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

PROGS := $(patsubst %/main.c,$(BUILD)/%,$(wildcard gcode-lapse/main.c capture-agent/main.c))

all: $(PROGS) $(CAM_MODULE)
	@test "$(HAVE_LIBCAMERA)" = yes || \
	    echo "note: libcamera not found: capture-agent built without the libcamera camera"

$(BUILD)/libcommon.a: $(COMMON_OBJ)
$(BUILD)/libgl.a: $(GL_OBJ)
$(BUILD)/libengine.a: $(ENGINE_OBJ)
$(BUILD)/libca.a: $(CA_OBJ)
$(BUILD)/%.a:
	@mkdir -p $(@D)
	$(call say,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# The compile flags as last used: a change (VERSION, OPT, CPPFLAGS...)
# rebuilds everything, an unchanged file keeps its time.
FLAGS_NOW := $(subst ','\'',$(CC) $(CXX) $(CPPFLAGS_ALL) $(CA_DEFS) \
	$(CFLAGS_ALL) $(CXXFLAGS_ALL) $(PKG_CFLAGS) $(LDLIBS_ALL))
$(BUILD)/flags: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' '$(FLAGS_NOW)' | cmp -s - $@ 2>/dev/null || \
	    printf '%s\n' '$(FLAGS_NOW)' >$@
FORCE:

$(BUILD)/obj/%.o: %.c $(BUILD)/flags
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) -I$(firstword $(subst /, ,$<)) \
	    $(if $(filter capture-agent/%,$<),-I$(ENGINE_TOP)) $(CA_DEFS) \
	    $(CFLAGS_ALL) $(PKG_CFLAGS) -c $< -o $@

$(PAGE_C): scripts/embed.sh $(PAGE_FILES)
	@mkdir -p $(@D)
	$(call say,EMBED,$@)
	$(Q)scripts/embed.sh $@ $(PAGE_FILES)

$(BUILD)/obj/gen/page_files.o: $(PAGE_C) $(BUILD)/flags
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) -Icapture-agent $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/capture-agent-libcamera.so: capture-agent/camera/libcamera_shim.cpp \
    $(BUILD)/flags
	@mkdir -p $(@D) $(BUILD)/obj/capture-agent/camera
	$(call say,CXX,$@)
	$(Q)$(CXX) $(CXXFLAGS_ALL) -Icapture-agent -fPIC -shared $(CAM_CFLAGS) \
	    -MF $(BUILD)/obj/capture-agent/camera/libcamera_shim.d \
	    $(LDFLAGS) -o $@ $< $(CAM_LIBS)

$(BUILD)/gcode-lapse: $(BUILD)/obj/gcode-lapse/main.o $(BUILD)/libgl.a \
    $(BUILD)/libengine.a $(BUILD)/libcommon.a
	$(call say,LINK,$@)
	$(Q)$(CC) $(OPT) -o $@ $^ $(GL_LIBS) $(LDLIBS_ALL)

$(BUILD)/capture-agent: $(BUILD)/obj/capture-agent/main.o $(BUILD)/libca.a \
    $(BUILD)/libengine.a $(BUILD)/libcommon.a
	$(call say,LINK,$@)
	$(Q)$(CC) $(OPT) -o $@ $^ $(PKG_LIBS) -ldl $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libgl.a $(BUILD)/libca.a \
    $(BUILD)/libengine.a $(BUILD)/libcommon.a $(CAM_MODULE)
	@mkdir -p $(@D)
	$(call say,TEST,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CA_DEFS) -Itests/unit -Igcode-lapse -Icapture-agent \
	    $(CFLAGS_ALL) $(PKG_CFLAGS) -o $@ $(filter %.c %.a,$^) $(PKG_LIBS) -ldl \
	    $(LDLIBS_ALL)

# What the end-to-end tests use to look at pictures.
$(BUILD)/tools/picture: tests/tools/picture.c
	@mkdir -p $(@D)
	$(call say,LINK,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(PKG_CFLAGS) -o $@ $< \
	    $(shell $(PKG_CONFIG) --libs libturbojpeg) $(LDLIBS_ALL)

unit: $(UNIT_BIN) $(BUILD)/tools/picture

deps:
	@scripts/deps.sh build

check:
	@scripts/deps.sh test pi
	@$(MAKE) --no-print-directory WERROR=1 all unit
	@$(MAKE) --no-print-directory WERROR=1 SAN=1 all unit
	@WERROR=1 tests/run.sh build build-san

# The armhf build and its tests under qemu-user (make check runs it too,
# as tests/e2e/armhf.sh).
check-pi:
	@scripts/deps.sh test pi
	@$(MAKE) --no-print-directory WERROR=1 all
	@TESTS=e2e/armhf tests/run.sh build

$(BUILD)/bench/scan_bench: tests/bench/scan_bench.c $(BUILD)/libgl.a \
    $(BUILD)/libengine.a $(BUILD)/libcommon.a
	@mkdir -p $(@D)
	$(call say,LINK,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) -Igcode-lapse $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/bench/curl_baseline: tests/bench/curl_baseline.c
	@mkdir -p $(@D)
	$(call say,LINK,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $< $(shell $(PKG_CONFIG) --libs libcurl)

bench:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory all $(BUILD)/bench/scan_bench \
	    $(BUILD)/bench/curl_baseline
	@tests/bench/bench.sh $(BUILD)

FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
FUZZ_LIB_SRC := $(COMMON_SRC) $(ENGINE_SRC) $(GL_SRC) $(CA_SRC) $(PAGE_C)
build-fuzz/%: tests/fuzz/%.c $(FUZZ_LIB_SRC)
	@mkdir -p $(@D)
	$(call say,FUZZ,$@)
	$(Q)clang $(CPPFLAGS_ALL:-MMD=) -Igcode-lapse -Icapture-agent -std=c11 $(WARN) \
	    -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all -ffile-prefix-map=$(CURDIR)/= \
	    $(PKG_CFLAGS) \
	    -o $@ $^ $(PKG_LIBS) -lm

fuzz:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

fuzz-smoke:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@tests/fuzz/run.sh -s 120 $(FUZZ_BIN)

demo:
	@scripts/deps.sh demo
	@$(MAKE) --no-print-directory all
	@scripts/demo.sh $(BUILD)

deb:
	@scripts/deps.sh build deb
	@scripts/mkdeb.sh

version:
	@echo $(VERSION)

lint-man:
	mandoc -T lint -W warning man/*.[0-9]

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/gcode-lapse $(DESTDIR)$(BINDIR)/
	install -m 644 man/gcode-lapse.1 $(DESTDIR)$(MANDIR)/man1/
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(SYSCONFDIR) \
	    $(DESTDIR)$(SYSTEMDDIR)
	install -m 755 $(BUILD)/capture-agent $(DESTDIR)$(SBINDIR)/
	install -m 644 man/capture-agent.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 644 man/capture-agent.conf.5 $(DESTDIR)$(MANDIR)/man5/
	install -d $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) \
	    $(DESTDIR)$(SYSCONFDIR)/capture-agent
	install -m 644 capture-agent/etc/capture-agent.sysusers \
	    $(DESTDIR)$(SYSUSERSDIR)/capture-agent.conf
	install -m 644 capture-agent/etc/capture-agent.tmpfiles \
	    $(DESTDIR)$(TMPFILESDIR)/capture-agent.conf
	@# the system user and its state folder, on this machine (a package
	@# built from a DESTDIR makes them when it is installed)
	if [ -z "$(DESTDIR)" ] && command -v systemd-sysusers >/dev/null; then \
	    systemd-sysusers $(SYSUSERSDIR)/capture-agent.conf && \
	    systemd-tmpfiles --create $(TMPFILESDIR)/capture-agent.conf; fi
	@# it holds the printer's password: 0640, for the agent's group
	test -e $(DESTDIR)$(SYSCONFDIR)/capture-agent.conf || { \
	    install -m 640 capture-agent/etc/capture-agent.conf.example \
	    $(DESTDIR)$(SYSCONFDIR)/capture-agent.conf && \
	    if [ -z "$(DESTDIR)" ] && getent group capture-agent >/dev/null; \
	    then chgrp capture-agent $(SYSCONFDIR)/capture-agent.conf; fi; }
	for u in capture-agent.service capture-agent@.service; do \
	    sed 's|/usr/local/sbin|$(SBINDIR)|; s|/etc/capture-agent|$(SYSCONFDIR)/capture-agent|' \
	    capture-agent/etc/$$u >$(DESTDIR)$(SYSTEMDDIR)/$$u || exit 1; done
ifeq ($(HAVE_LIBCAMERA),yes)
	install -d $(DESTDIR)$(MODULEDIR)
	install -m 755 $(CAM_MODULE) $(DESTDIR)$(MODULEDIR)/
endif

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gcode-lapse $(DESTDIR)$(MANDIR)/man1/gcode-lapse.1
	rm -f $(DESTDIR)$(SBINDIR)/capture-agent \
	    $(DESTDIR)$(MANDIR)/man8/capture-agent.8 \
	    $(DESTDIR)$(MANDIR)/man5/capture-agent.conf.5 \
	    $(DESTDIR)$(SYSTEMDDIR)/capture-agent.service \
	    '$(DESTDIR)$(SYSTEMDDIR)/capture-agent@.service' \
	    $(DESTDIR)$(SYSUSERSDIR)/capture-agent.conf \
	    $(DESTDIR)$(TMPFILESDIR)/capture-agent.conf \
	    $(DESTDIR)$(MODULEDIR)/capture-agent-libcamera.so
	-rmdir $(DESTDIR)$(MODULEDIR) 2>/dev/null

clean:
	rm -rf build build-san build-fuzz build-deb build-armhf build-armhf-qemu \
	    out

.PHONY: FORCE all unit deps check check-pi bench fuzz fuzz-smoke demo deb version lint-man install uninstall \
	clean
.SECONDARY:

# The dependency files of what this tree builds now: one left by a source
# that has since moved or gone would name a file that no longer exists.
DEPS := $(COMMON_OBJ:.o=.d) $(ENGINE_OBJ:.o=.d) $(GL_OBJ:.o=.d) \
	$(CA_OBJ:.o=.d) $(BUILD)/tools/picture.d \
	$(BUILD)/obj/gcode-lapse/main.d $(BUILD)/obj/capture-agent/main.d \
	$(UNIT_BIN:=.d) $(BUILD)/obj/capture-agent/camera/libcamera_shim.d \
	$(BUILD)/bench/scan_bench.d $(BUILD)/bench/curl_baseline.d
-include $(wildcard $(DEPS))
