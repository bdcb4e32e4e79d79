; dialect case: M83, G91, G90, G1 E1: what G90 does to E
; source: prusa3d/Prusa-Firmware v3.8.1 ba0362b7 Firmware/Marlin_main.cpp :8222, :5164-5172
; firmware: prusa-3.8
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
