; dialect case: G10 P2 X-16.5 then G55: GPX's work offset 2 (the ReplicatorG dual's second head)
; source: markwal/GPX 28f34600 src/gpx/gpx.c :4737-4773, :4849-4857
; firmware: sailfish
; expect offset=16.5,0,0 x=0 fw_retracted=no warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G10 P2 X-16.5 Y0 Z0
G55
