; dialect case: G92 E: Prusa firmware reads the empty value as 0
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/Marlin_main.cpp gcode_G92():3761-3798
; firmware: prusa
; expect e=0 warnings=valueless_word
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1 E5
G92 E
