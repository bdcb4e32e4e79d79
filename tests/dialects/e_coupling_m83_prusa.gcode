; dialect case: M83, G91, G90, G1 E1: what G90 does to E
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/Marlin_main.cpp process_commands():5119-5131 (commit 5fcf1871, 3.9.0)
; firmware: prusa
; expect e=6 e_mode=relative warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M83
G1 X1 E5
G91
G90
G1 X2 E1
