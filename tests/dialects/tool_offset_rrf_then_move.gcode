; dialect case: the same, then G1 X20 Y20: known again
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes.cpp :3603-3625
; firmware: rrf
; expect offset=10,0,0 tool=1 x=20 y=20 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G10 P1 X10 Y0
T1
G1 X20 Y20
