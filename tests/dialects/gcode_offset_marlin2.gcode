; dialect case: SET_GCODE_OFFSET on Marlin 2: an unknown command
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/gcode.cpp :1101
; firmware: marlin2
; expect z=1 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
SET_GCODE_OFFSET Z_ADJUST=0.1
