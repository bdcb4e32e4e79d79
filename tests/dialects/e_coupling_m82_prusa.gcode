; dialect case: M82, G91, G1 E1: what G91 does to E
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/Marlin_main.cpp :5119-5131
; firmware: prusa
; expect e=1 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1 E5
G91
G1 E1
