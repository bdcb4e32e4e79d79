; dialect case: G1 0.200 F10000 (a user's start script, Simplify3D)
; source: markwal/GPX 28f34600 src/gpx/gpx.c gpx_convert_line():4620
; firmware: sailfish
; expect feed=600 warnings=stray_number
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 0.200 F10000
