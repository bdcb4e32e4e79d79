; dialect case: G1 X10 X20: the first or the last X
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodeBuffer/StringParser.cpp StringParser::Seen():1244-1267
; firmware: rrf
; expect x=10 warnings=duplicate_word
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X10 X20
