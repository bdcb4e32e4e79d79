G28
G90
M83
; gcode-lapse begins here (a user note)
;LAYER_CHANGE
G1 Z0.2 F600
G1 X10 Y10 F6000
G1 X20 Y10 E1 F1200
;LAYER_CHANGE
; gcode-lapse beginners: see the README
G1 Z0.4 F600
G1 X10 Y10 E1 F1200
M84
