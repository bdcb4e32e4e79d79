; dialect case: G1 X10 X20: the first or the last X
; source: Smoothieware/Smoothieware bb41e992 src/modules/communication/utils/Gcode.cpp Gcode::get_value():88-95
; firmware: smoothie
; expect x=10 warnings=duplicate_word
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X10 X20
