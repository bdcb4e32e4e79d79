; dialect case: G X10: an unknown command on Marlin 2
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp :266
; firmware: marlin2
; expect x=0 warnings=no_number:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G X10
