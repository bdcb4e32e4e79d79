; dialect case: a bare G92
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/geometry/G92.cpp GcodeSuite::G92():88-117
; firmware: marlin2
; expect x=5 y=5 z=1 e=5 warnings=bare_g92
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5 Y5 E5
G92
