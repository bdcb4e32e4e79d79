; dialect case: G1 X1e2 on Marlin 2: X1, the lower-case e is ignored
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp :117-119, :319-356
; firmware: marlin2
; expect x=1 e=0 warnings=exponent,lower_case
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1e2
