; dialect case: M221 S90: Marlin 2 scales in the planner, E stays the file's
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/config/M221.cpp :31-41
; firmware: marlin2
; expect unknown=- e=5 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M221 S90
G1 X1 E5
