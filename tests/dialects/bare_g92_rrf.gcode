; dialect case: a bare G92
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes3.cpp GCodes::SetPositions():65-140
; firmware: rrf
; expect x=5 y=5 z=1 e=5 warnings=bare_g92
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5 Y5 E5
G92
