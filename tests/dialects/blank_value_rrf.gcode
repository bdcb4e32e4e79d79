; dialect case: G1 X -18: a blank between X and its value is X-18 (also Octolapse's test_parsing.py, issue 86)
; source: Duet3D/RRFLibraries 37d99241 src/General/NumericConverter.cpp NumericConverter::Accumulate(), called from Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodeBuffer/StringParser.cpp StringParser::ReadFloatValue():1934-1948
; firmware: rrf
; expect x=-18 y=95 feed=1000 warnings=blank_value
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X -18 Y95 F1000
