; dialect case: after M83 moves, M82: Marlin adds the relative moves up (the last move is +1)
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/gcode.cpp :199-201
; firmware: marlin2
; expect e=8 net=8 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1 E5
M83
G1 X2 E2
M82
G1 X3 E8
