; dialect case: M82, G91, G1 E1: what G91 does to E
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/gcode.h :343-388
; firmware: marlin2
; expect e=6 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1 E5
G91
G1 E1
