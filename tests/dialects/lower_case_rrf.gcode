; dialect case: g1 x10 is G1 X10 on RRF
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodeBuffer/StringParser.cpp :968, :1100, :1260
; firmware: rrf
; expect x=10 warnings=lower_case
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
g1 x10
