#!/bin/sh
# runs-once: builds its own package
# make deb: the package holds both programs, the man pages, the unit and
# the libcamera module under /usr; the configuration is a conffile; the
# library dependencies are there; the unit points at the packaged program;
# the packaged programs run.
set -u
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() {	# status description
	[ "$1" -eq 0 ] && echo "ok - $2" || echo "not ok - $2"
}

deb=$("$top/scripts/mkdeb.sh" "$tmp" 2>"$tmp/err" | tail -n 1)
[ -f "$deb" ]
check $? "make deb built a package ($(tail -c 200 "$tmp/err"))"
[ -f "$deb" ] || exit 1
dpkg-deb --info "$deb" >"$tmp/info"
for dep in libcurl4 libgphoto2-6 libturbojpeg0 libjansson4 libinih1; do
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
    ./usr/share/man/man1/gcode-lapse.1 ./usr/share/man/man8/capture-agent.8 \
    ./usr/share/man/man5/capture-agent.conf.5 \
    ./lib/systemd/system/capture-agent.service; do
	grep -qx "$f" "$tmp/files"
	check $? "contains $f"
done
dpkg-deb -x "$deb" "$tmp/root"
grep -q "^ExecStart=/usr/sbin/capture-agent .*/etc/capture-agent.conf" \
    "$tmp/root/lib/systemd/system/capture-agent.service"
check $? "the unit starts /usr/sbin/capture-agent with /etc/capture-agent.conf"
"$tmp/root/usr/bin/gcode-lapse" --version | grep -q "^gcode-lapse "
check $? "the packaged gcode-lapse runs"
"$tmp/root/usr/sbin/capture-agent" -n -c "$tmp/root/etc/capture-agent.conf" \
    >/dev/null 2>&1
check $? "the packaged capture-agent accepts the packaged example configuration"
