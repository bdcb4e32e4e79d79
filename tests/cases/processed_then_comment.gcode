G28
G90
M83
;LAYER_CHANGE
G1 Z0.2 F600
G1 X10 Y10 F6000
G1 X20 Y10 E1 F1200
;LAYER_CHANGE
G1 Z0.4 F600
G1 X10 Y10 E1 F1200
; processed by gcode-lapse (0 snapshots)
; a checksum another post-processor added
