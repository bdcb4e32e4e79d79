#!/bin/sh
# capture-agent render end to end: a real sequence made by ffmpeg with a
# gap, rendered to mp4 (pre/post-roll), gif and one video per camera, checked
# with ffprobe; the contact sheet decoded by djpeg.  Uses "capture-agent
# render" when the program has the subcommand, else the unit test program
# test_render_cli, which runs the same render_command() with its arguments.
set -u
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GL_BUILD:-$top/build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -x "$build/capture-agent" ] &&
    "$build/capture-agent" render --help >/dev/null 2>&1; then
	ca="$build/capture-agent"
else
	ca="$build/tests/test_render_cli"
fi
if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1
then
	echo "ok - skipped: ffmpeg not installed (scripts/deps.sh demo)"
	exit 0
fi

# probe FILE FIELD: one field of the first video stream, frames counted
probe() {
	ffprobe -v error -count_frames -select_streams v:0 \
	    -show_entries "stream=$2" -of default=nw=1:nk=1 "$1" 2>/dev/null |
	    head -n 1
}

# check NAME GOT WANT
check() {
	if [ "$2" = "$3" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1: got '$2', want '$3'"
	fi
}

seq="$tmp/2026-11-23T10-00-00"
mkdir -p "$seq"
ffmpeg -loglevel error -f lavfi -i testsrc=size=320x240:rate=1 \
    -frames:v 12 -q:v 3 "$seq/%06d.jpeg" || echo "not ok - ffmpeg made no frames"
rm -f "$seq/000005.jpeg"		# a failed capture: 11 frames
echo "not a frame" >"$seq/notes.txt"

# mp4: 11 frames + 1 s pre-roll + 2 s post-roll at 4 fps = 23 frames, 5.75 s
"$ca" render "$seq" -q -o "$tmp/out.mp4" --fps 4 --preroll-s 1 \
    --postroll-s 2 >"$tmp/stdout" 2>"$tmp/stderr"
check "mp4 render exit status" $? 0
check "mp4 path on stdout" "$(cat "$tmp/stdout")" "$tmp/out.mp4"
check "mp4 codec" "$(probe "$tmp/out.mp4" codec_name)" h264
check "mp4 frames with pre/post-roll" "$(probe "$tmp/out.mp4" nb_read_frames)" 23
check "mp4 frame rate" "$(probe "$tmp/out.mp4" r_frame_rate)" 4/1
check "mp4 duration" "$(probe "$tmp/out.mp4" duration)" 5.750000
check "mp4 size" "$(probe "$tmp/out.mp4" width)x$(probe "$tmp/out.mp4" height)" 320x240
check "no temporary file left" "$(ls -a "$tmp" | grep -c part)" 0
check "no temporary file of replace.h left" "$(ls -a "$tmp" | grep -c '\.gl-')" 0

# gif from the extension, fixed length 2.2 s: 11 / 2.2 = 5 fps
"$ca" render "$seq" -q -o "$tmp/out.gif" --length-s 2.2 >/dev/null 2>"$tmp/stderr"
check "gif render exit status" $? 0
check "gif codec" "$(probe "$tmp/out.gif" codec_name)" gif
check "gif frames" "$(probe "$tmp/out.gif" nb_read_frames)" 11
check "gif duration" "$(probe "$tmp/out.gif" duration)" 2.200000

# default name next to the sequence, h265 in mkv
"$ca" render "$seq" -q --container mkv --codec h265 --fps 11 >/dev/null 2>&1
check "mkv next to the sequence" "$(probe "$seq.mkv" codec_name)" hevc

# two cameras: one video each, camera name in the file name
multi="$tmp/multi"
mkdir -p "$multi/top" "$multi/side"
cp "$seq"/00000[1-4].jpeg "$multi/top/"
cp "$seq"/00000[6-9].jpeg "$seq/000010.jpeg" "$multi/side/"
"$ca" render "$multi" -q -o "$tmp/cam.mp4" --fps 5 >"$tmp/stdout" 2>&1
check "multi-camera exit status" $? 0
check "top camera frames" "$(probe "$tmp/cam-top.mp4" nb_read_frames)" 4
check "side camera frames" "$(probe "$tmp/cam-side.mp4" nb_read_frames)" 5

# a truncated frame is skipped with a note, the render goes on
head -c 2000 "$seq/000006.jpeg" >"$seq/000013.jpeg"
"$ca" render "$seq" -q -o "$tmp/trunc.mp4" --fps 4 >/dev/null 2>"$tmp/stderr"
check "truncated frame: exit status" $? 0
check "truncated frame: skipped" "$(probe "$tmp/trunc.mp4" nb_read_frames)" 11
if grep -q "000013.jpeg: truncated" "$tmp/stderr"; then
	echo "ok - truncated frame named in a note"
else
	echo "not ok - no note about 000013.jpeg: $(cat "$tmp/stderr")"
fi

# failures leave nothing under the final name
"$ca" render "$tmp/empty-nonexistent" -q -o "$tmp/fail.mp4" >/dev/null 2>"$tmp/stderr"
check "missing sequence: exit status" $? 1
check "missing sequence: no file" "$(ls "$tmp" | grep -c fail)" 0
PATH=/nonexistent "$ca" render "$seq" -q -o "$tmp/fail.mp4" >/dev/null 2>"$tmp/stderr"
check "no ffmpeg: exit status" $? 1
if grep -q "Debian package ffmpeg" "$tmp/stderr"; then
	echo "ok - no ffmpeg: says which package"
else
	echo "not ok - no ffmpeg message: $(cat "$tmp/stderr")"
fi

# contact sheet: 11 good frames, 6 columns of 240x180: 2 rows
"$ca" render "$seq" --contact-sheet -o "$tmp/sheet.jpeg" >/dev/null 2>"$tmp/stderr"
check "contact sheet exit status" $? 0
if command -v djpeg >/dev/null 2>&1; then
	size=$(djpeg "$tmp/sheet.jpeg" | head -c 20 | sed -n 2p)
	check "contact sheet decodes at its size" "$size" "1468 372"
else
	check "contact sheet size (ffprobe)" \
	    "$(probe "$tmp/sheet.jpeg" width)x$(probe "$tmp/sheet.jpeg" height)" \
	    1468x372
fi
if grep -q "1 frame skipped" "$tmp/stderr"; then
	echo "ok - contact sheet notes the truncated frame"
else
	echo "not ok - contact sheet note: $(cat "$tmp/stderr")"
fi
