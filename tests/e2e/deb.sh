#!/bin/sh
# runs-once: builds its own package
# make deb (issue 11): built by dpkg-buildpackage with debhelper from
# scripts/debian/, lintian-clean; it holds both programs, the man pages,
# both units, the system user (sysusers.d: capture-agent, in video,
# plugdev, dialout) and its state folder (tmpfiles.d) under /usr; the
# configuration is a conffile that the postinst makes 0640 for the
# agent's group after the user exists; the units pass systemd-analyze
# verify and run as that user, not pi; the packaged programs run.
set -u
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() {	# status description
	[ "$1" -eq 0 ] && echo "ok - $2" || echo "not ok - $2"
}

deb=$("$top/scripts/mkdeb.sh" "$tmp" 2>"$tmp/err" | tail -n 1)
[ -f "$deb" ]
check $? "make deb built a package ($(tail -c 300 "$tmp/err"))"
[ -f "$deb" ] || exit 1
lintian --fail-on error,warning "$deb" >"$tmp/lintian" 2>&1
rc=$?
grep -v 'running with root privileges' "$tmp/lintian" >"$tmp/tags"
[ "$rc" -eq 0 ] && [ ! -s "$tmp/tags" ]
check $? "lintian-clean ($(head -c 400 "$tmp/tags"))"
dpkg-deb --info "$deb" >"$tmp/info"
for dep in libcurl4 libgphoto2-6 libturbojpeg0 libjansson4 libinih1 \
    systemd-sysusers; do
	grep -q "^ Depends:.*$dep" "$tmp/info"
	check $? "depends on $dep"
done
grep -q "^ Recommends: ffmpeg" "$tmp/info"
check $? "recommends ffmpeg (for the video)"
dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./conffiles >"$tmp/conffiles"
grep -qx "/etc/capture-agent.conf" "$tmp/conffiles"
check $? "the configuration is a conffile"
dpkg-deb --contents "$deb" | awk '{print $6}' >"$tmp/files"
for f in ./usr/bin/gcode-lapse ./usr/sbin/capture-agent \
    ./usr/share/man/man1/gcode-lapse.1.gz \
    ./usr/share/man/man8/capture-agent.8.gz \
    ./usr/share/man/man5/capture-agent.conf.5.gz \
    ./lib/systemd/system/capture-agent.service \
    ./lib/systemd/system/capture-agent@.service \
    ./usr/lib/sysusers.d/gcode-lapse.conf \
    ./usr/lib/tmpfiles.d/gcode-lapse.conf ./etc/capture-agent/; do
	grep -qx "$f" "$tmp/files"
	check $? "contains $f"
done
dpkg-deb -x "$deb" "$tmp/root"
grep -q '^u capture-agent ' "$tmp/root/usr/lib/sysusers.d/gcode-lapse.conf" &&
    grep -q '^m capture-agent video$' "$tmp/root/usr/lib/sysusers.d/gcode-lapse.conf" &&
    grep -q '^m capture-agent plugdev$' "$tmp/root/usr/lib/sysusers.d/gcode-lapse.conf"
check $? "a system user capture-agent, in the groups video and plugdev"

units="$tmp/root/lib/systemd/system"
grep -q "^ExecStart=/usr/sbin/capture-agent .*/etc/capture-agent.conf" \
    "$units/capture-agent.service"
check $? "the unit starts /usr/sbin/capture-agent with /etc/capture-agent.conf"
grep -q '^ExecStart=/usr/sbin/capture-agent -c /etc/capture-agent/%i.conf$' \
    "$units/capture-agent@.service"
check $? "the template unit reads /etc/capture-agent/NAME.conf"
for u in capture-agent.service capture-agent@.service; do
	grep -q '^User=capture-agent$' "$units/$u" && ! grep -q '^User=pi' "$units/$u" &&
	    grep -q '^StateDirectory=capture-agent' "$units/$u"
	check $? "$u: runs as capture-agent, with a state directory"
done
# systemd-analyze verify, the programs at their place in the extracted root
mkdir "$tmp/units"
sed "s|/usr/sbin/capture-agent|$tmp/root/usr/sbin/capture-agent|g" \
    "$units/capture-agent.service" >"$tmp/units/capture-agent.service"
sed "s|/usr/sbin/capture-agent|$tmp/root/usr/sbin/capture-agent|g" \
    "$units/capture-agent@.service" >"$tmp/units/capture-agent@left.service"
for u in capture-agent.service capture-agent@left.service; do
	systemd-analyze verify --man=no "$tmp/units/$u" >"$tmp/verify" 2>&1
	rc=$?
	[ "$rc" -eq 0 ] && [ ! -s "$tmp/verify" ]
	check $? "systemd-analyze verify $u ($(head -c 300 "$tmp/verify"))"
done

# the postinst, with the system's tools as stubs that say what they did
mkdir -p "$tmp/bin" "$tmp/inst/etc"
for t in systemd-sysusers systemd-tmpfiles deb-systemd-helper chgrp; do
	printf '#!/bin/sh\necho "%s $*" >>"%s"\n' "$t" "$tmp/calls" >"$tmp/bin/$t"
	chmod +x "$tmp/bin/$t"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./postinst >"$tmp/postinst"
cp "$tmp/root/etc/capture-agent.conf" "$tmp/inst/etc/"
chmod 644 "$tmp/inst/etc/capture-agent.conf"
PATH="$tmp/bin:$PATH" DPKG_ROOT="$tmp/inst" sh "$tmp/postinst" configure ""
check $? "the postinst runs"
[ "$(stat -c %a "$tmp/inst/etc/capture-agent.conf")" = 640 ] &&
    grep -q "^chgrp capture-agent $tmp/inst/etc/capture-agent.conf" "$tmp/calls"
check $? "the postinst makes the configuration 0640, group capture-agent"
s=$(grep -n '^systemd-sysusers' "$tmp/calls" | cut -d: -f1)
c=$(grep -n '^chgrp' "$tmp/calls" | cut -d: -f1)
[ -n "$s" ] && [ -n "$c" ] && [ "$s" -lt "$c" ]
check $? "... after systemd-sysusers made the user ($(tr '\n' ';' <"$tmp/calls"))"
chmod 600 "$tmp/inst/etc/capture-agent.conf"
: >"$tmp/calls"
PATH="$tmp/bin:$PATH" DPKG_ROOT="$tmp/inst" sh "$tmp/postinst" configure 0.2
[ "$(stat -c %a "$tmp/inst/etc/capture-agent.conf")" = 600 ] &&
    ! grep -q '^chgrp' "$tmp/calls"
check $? "an upgrade keeps the administrator's own mode"

"$tmp/root/usr/bin/gcode-lapse" --version | grep -q "^gcode-lapse "
check $? "the packaged gcode-lapse runs"
"$tmp/root/usr/sbin/capture-agent" -n -c "$tmp/root/etc/capture-agent.conf" \
    >"$tmp/n.out" 2>&1
check $? "the packaged capture-agent accepts the packaged example configuration ($(head -c 200 "$tmp/n.out"))"

# make install into a DESTDIR: the same files, the configuration 0640
make -s -C "$top" BUILD=build-deb-install DESTDIR="$tmp/inst2" install \
    >"$tmp/install.out" 2>&1
check $? "make install into a DESTDIR ($(tail -c 200 "$tmp/install.out"))"
[ "$(stat -c %a "$tmp/inst2/etc/capture-agent.conf" 2>/dev/null)" = 640 ]
check $? "make install: the configuration 0640"
for f in etc/systemd/system/capture-agent.service \
    etc/systemd/system/capture-agent@.service \
    etc/sysusers.d/capture-agent.conf etc/tmpfiles.d/capture-agent.conf; do
	[ -f "$tmp/inst2/$f" ]
	check $? "make install: $f"
done
rm -rf "$top/build-deb-install"
