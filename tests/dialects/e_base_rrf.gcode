; dialect case: after M83 moves, M82: RRF measures from the last absolute E (the last move is +3)
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes.cpp GCodes::LoadExtrusionAndFeedrateFromGCode():1911-1919
; firmware: rrf
; expect e=8 net=10 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1 E5
M83
G1 X2 E2
M82
G1 X3 E8
