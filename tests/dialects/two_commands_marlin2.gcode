; dialect case: G1 X10 M83: M is one more word of the G1 on Marlin 2
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp :319-366
; firmware: marlin2
; expect x=10 e_mode=absolute warnings=two_commands
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X10 M83
