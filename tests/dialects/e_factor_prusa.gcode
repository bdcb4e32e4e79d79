; dialect case: M221 S90 with absolute E: Prusa firmware scales the E coordinate itself
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/Marlin_main.cpp get_coordinates():9458-9467
; firmware: prusa
; expect unknown=e_position warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M221 S90
G1 X1 E5
