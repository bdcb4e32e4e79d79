; dialect case: M83, G91, G90, G1 E1: what G90 does to E
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/gcode.h GcodeSuite::set_relative_mode(), axis_is_relative():343-388
; firmware: marlin2
; expect e=1 e_mode=absolute warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M83
G1 X1 E5
G91
G90
G1 X2 E1
