; dialect case: M82, G91, G1 E1: what G91 does to E
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes2.cpp :553-561
; firmware: rrf
; expect e=1 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1 E5
G91
G1 E1
