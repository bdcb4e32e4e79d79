; dialect case: G0 X10 (Z30): a comment for GPX (ReplicatorG, Skeinforge), no
; oddity there: no warning
; source: markwal/GPX 28f34600 src/gpx/gpx.c gpx_convert_line():4574-4612
; firmware: sailfish
; expect x=10 z=1 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G0 X10 (Z30)
