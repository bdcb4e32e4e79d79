; dialect case: G1 X1E2 is X1 E2 on Marlin 2
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.h value_float():258-273, parser.cpp :363-366
; firmware: marlin2
; expect x=1 e=2 warnings=exponent
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1E2
