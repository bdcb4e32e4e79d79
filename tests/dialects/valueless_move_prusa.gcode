; dialect case: G1 X: a letter without a value in a move
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/Marlin_main.cpp get_coordinates():9454-9457
; firmware: prusa
; expect x=0 warnings=valueless_word
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5
G1 X
