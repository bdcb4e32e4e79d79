; dialect case: G1 X1E2 on a file that names no firmware: X and E unknown
; source: Duet3D/RRFLibraries 37d99241 src/General/NumericConverter.cpp; Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.h :258-273
; firmware: any
; expect x=unknown e=unknown warnings=exponent:apart
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1E2
