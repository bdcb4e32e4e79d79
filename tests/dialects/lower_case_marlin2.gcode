; dialect case: g1 x10: no command without GCODE_CASE_INSENSITIVE
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp :117-119
; firmware: marlin2
; expect x=0 warnings=lower_case:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
g1 x10
