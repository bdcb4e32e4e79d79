; dialect case: M83, G91, G90, G1 E1: what G90 does to E
; source: Smoothieware/Smoothieware bb41e992 src/modules/robot/Robot.cpp :610-611
; firmware: smoothie
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
