# tall.awk: a real PrusaSlicer file stacked into a tall print: the start
# and its first layer once, then its other layers COPIES times, each copy
# raised by their height, then the end.  Z keeps rising, layer after
# layer, as in one tall print; each copy's first retract, which in the file
# is against the layer below's E, is left out (the layer below retracted
# already), so the filament adds up.  Usage: awk -v copies=N -f tall.awk FILE
function raise(line, dz,    pre, v, post) {
	if (match(line, /Z-?[0-9]*\.?[0-9]+/)) {
		pre = substr(line, 1, RSTART)
		v = substr(line, RSTART + 1, RLENGTH - 1) + dz
		post = substr(line, RSTART + RLENGTH)
		return pre sprintf("%.3f", v) post
	}
	return line
}
{ lines[NR] = $0 }
/^;LAYER_CHANGE/ { nlc++; if (nlc == 2) body = NR }
/^;Z:/ && nlc >= 2 { ztop = substr($0, 4) + 0 }
/^;Z:/ && nlc == 2 && zfirst == "" { zfirst = substr($0, 4) + 0 }
/^M107/ && body && !endg { endg = NR }
END {
	h = ztop - zfirst + (ztop - zfirst) / (nlc - 2)
	for (i = 1; i < endg; i++)
		print lines[i]
	for (k = 1; k <= copies; k++) {
		dz = k * h
		skip = 1
		for (i = body; i < endg; i++) {
			l = lines[i]
			# the layer's retract is against the E of the layer below
			# in the file; the copy's layer below retracted already
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
	for (i = endg; i <= NR; i++) {
		l = lines[i]
		if (l ~ /^; max_print_height = /)
			l = "; max_print_height = 100000"
		print l
	}
}
