; dialect case: G2 X10 Y0 with no I, J or R: each firmware does its own thing, X and Y unknown
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/motion/G2_G3.cpp :486-487; Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes.cpp :2678
; firmware: marlin2
; expect x=unknown y=unknown warnings=bad_arc
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G2 X10 Y0
