; dialect case: G1 0.200 F10000 (a user's start script, Simplify3D)
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodeBuffer/StringParser.cpp :1112
; firmware: rrf
; expect feed=10000 warnings=stray_number
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 0.200 F10000
