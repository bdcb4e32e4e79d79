; dialect case: T? on Marlin 2 without MMU2: no tool selected
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp :178-196; gcode/control/T.cpp GcodeSuite::T():49-70
; firmware: marlin2
; expect tool=0 warnings=tool_forms
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
T?
