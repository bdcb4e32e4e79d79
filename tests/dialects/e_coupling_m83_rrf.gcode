; dialect case: M83, G91, G90, G1 E1: what G90 does to E
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes2.cpp GCodes::HandleGcode():553-561, :1557-1565
; firmware: rrf
; expect e=6 e_mode=relative warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M83
G1 X1 E5
G91
G90
G1 X2 E1
