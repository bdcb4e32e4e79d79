; dialect case: G1X10Y20E.5: glued words, X10 Y20 E0.5 on Marlin 2
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp :363
; firmware: marlin2
; expect x=10 y=20 e=0.5 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1X10Y20E.5
