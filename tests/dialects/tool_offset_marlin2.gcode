; dialect case: M218 T1 X10 then T1 on Marlin 2: the logical position stays
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/config/M218.cpp GcodeSuite::M218():42-63; module/tool_change.cpp tool_change():1183, :1345-1370
; firmware: marlin2
; expect offset=10,0,0 tool=1 x=0 y=0 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M218 T1 X10
T1
