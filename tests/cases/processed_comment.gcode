; processed by gcode-lapse? not yet: a note of the user's
G28
G90
M82
G92 E0
;LAYER_CHANGE
;Z:0.2
G1 Z0.2 F600
G1 X10 Y10 F6000
G1 X20 Y10 E1 F1200
;LAYER_CHANGE
;Z:0.4
G1 Z0.4 F600
G1 X20 Y20 E2 F1200
; bed_shape = 0x0,200x0,200x200,0x200
; retract_length = 1
; travel_speed = 100
; max_print_height = 50
