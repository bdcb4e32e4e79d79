; dialect case: G1 X10 M83: RRF runs both
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodeBuffer/StringParser.cpp StringParser::FindParameters():1108-1111
; firmware: rrf
; expect x=10 e_mode=relative warnings=two_commands
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X10 M83
