; dialect case: T1000: Bambu's firmware command, not a tool
; source: BambuStudio 1.9.7 output (start code); Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/module/tool_change.cpp :1134-1139 (an invalid extruder changes nothing)
; firmware: marlin2
; expect tool=0 warnings=pseudo_tool
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
T1000
T255
