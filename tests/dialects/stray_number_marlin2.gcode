; dialect case: G1 0.200 F10000 (a user's start script, Simplify3D)
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp :356-366
; firmware: marlin2
; expect feed=10000 warnings=stray_number
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 0.200 F10000
