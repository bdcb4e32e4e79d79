; dialect case: G20 on Marlin 2 without INCH_MODE_SUPPORT: stays in mm
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/gcode.cpp :388-392
; firmware: marlin2
; expect x=1 units=mm warnings=inches
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G20
G1 X1 F60
