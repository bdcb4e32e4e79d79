; dialect case: M83, G91, G90, G1 E1: what G90 does to E
; source: prusa3d/Prusa-Firmware v3.9.0-RC1 c07814bc Firmware/Marlin_main.cpp :5372-5376, :9193
; firmware: prusa-3.9.0-rc1
; expect e=1 e_mode=absolute warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M83
G1 X1 E5
G91
G90
G1 X2 E1
