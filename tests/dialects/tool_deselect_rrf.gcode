; dialect case: T-1 on RRF deselects every tool; E words are then ignored
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodeBuffer/StringParser.cpp :984-1003; GCodes.cpp :1888-1895
; firmware: rrf
; expect tool=-1 e=0 x=5 warnings=no_tool
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
T-1
G1 X5 E3
