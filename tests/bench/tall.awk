# tall.awk: a real PrusaSlicer file made into a large print of sensible
# shape: ten of its objects side by side on the bed (a grid of 5 by 2,
# 40 mm apart), printed layer by layer together, and that stack of layers
# repeated COPIES / 10 times with Z rising, each repeat raised by the
# height of the file's layers, so that Z keeps rising layer after layer as
# in one tall print, and stays below the 2000 mm the settings' sane range
# allows (COPIES 960: about 1.9 m, 220 MB).  The start and its first layer
# come once (for the ten objects), then the other layers, then the end.
# E is the file's own (absolute, reset by G92 E0 after each retraction):
# between two objects of a layer a retraction is added where the layer
# does not end with one; each repeat's first retraction, which in the file
# is against the layer below's E, is left out (the layer below retracted
# already), so the filament adds up.
# Usage: awk -v copies=N -f tall.awk FILE
function raise(line, dz,    pre, v, post) {
	if (match(line, /Z-?[0-9]*\.?[0-9]+/)) {
		pre = substr(line, 1, RSTART)
		v = substr(line, RSTART + 1, RLENGTH - 1) + dz
		post = substr(line, RSTART + RLENGTH)
		return pre sprintf("%.3f", v) post
	}
	return line
}
# the word LETTER of a G0/G1 line moved by d
function shift(line, letter, d,    re, pre, v, post) {
	re = " " letter "-?[0-9]*\\.?[0-9]+"
	if (d != 0 && line ~ /^G[01] / && match(line, re)) {
		pre = substr(line, 1, RSTART + 1)
		v = substr(line, RSTART + 2, RLENGTH - 2) + d
		post = substr(line, RSTART + RLENGTH)
		return pre sprintf("%.3f", v) post
	}
	return line
}
# layer j's lines from its first one after the layer change's Z move, for
# object p, raised by dz
function body(j, p, dz,    i, l) {
	for (i = zline[j] + 1; i < stop[j]; i++) {
		l = shift(shift(lines[i], "X", ((p % 5) - 2) * 40), "Y",
		    (int(p / 5) - 0.5) * 40)
		if (l ~ /^G1 .*Z/)
			l = raise(l, dz)
		print l
	}
	# the next object's travel starts retracted
	if (p < objects - 1 && lines[stop[j] - 1] !~ /^G92 E0/)
		print "G92 E0\nG1 E-.8 F2100\nG92 E0"
}
# layer j's change (the comments, the retraction, the Z move), raised by
# dz; without its retraction when skip
function change(j, dz, skip,    i, l) {
	for (i = lc[j]; i <= zline[j]; i++) {
		l = lines[i]
		if (skip && l ~ /^G1 E[0-9.]+ F[0-9]+$/) {
			skip = 0
			continue
		}
		if (l ~ /^;Z:/)
			l = ";Z:" sprintf("%.3f", substr(l, 4) + dz)
		else if (l ~ /^G1 .*Z/)
			l = raise(l, dz)
		print l
	}
}
{ lines[NR] = $0 }
/^;LAYER_CHANGE/ { lc[++nlc] = NR }
/^G1 Z/ && nlc && !(nlc in zline) { zline[nlc] = NR }
/^;Z:/ && nlc >= 2 { ztop = substr($0, 4) + 0 }
/^;Z:/ && nlc == 2 && zfirst == "" { zfirst = substr($0, 4) + 0 }
/^M107/ && nlc >= 2 && !endg { endg = NR }
END {
	objects = 10
	stack = int(copies / objects)
	if (stack < 1)
		stack = 1
	for (j = 1; j < nlc; j++)
		stop[j] = lc[j + 1]
	stop[nlc] = endg
	h = ztop - zfirst + (ztop - zfirst) / (nlc - 2)
	for (i = 1; i < lc[1]; i++)
		print lines[i]
	for (k = 0; k < stack; k++) {
		for (j = k == 0 ? 1 : 2; j <= nlc; j++) {
			change(j, k * h, k > 0 && j == 2)
			for (p = 0; p < objects; p++)
				body(j, p, k * h)
		}
	}
	for (i = endg; i <= NR; i++) {
		l = lines[i]
		if (l ~ /^; max_print_height = /)
			l = "; max_print_height = 2000"
		print l
	}
}
