; dialect case: G1 X1E2 is X100 on RRF (its number reader takes an exponent)
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodeBuffer/StringParser.cpp StringParser::FindParameters():1112, :1262; Duet3D/RRFLibraries 37d99241 src/General/NumericConverter.cpp
; firmware: rrf
; expect x=100 e=0 warnings=exponent
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1E2
