; dialect case: G1  Y238.006   F5400,000000 (BambuStudio's locale bug)
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodeBuffer/StringParser.cpp :1112
; firmware: rrf
; expect y=238.006 feed=5400 warnings=decimal_comma
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1  Y238.006   F5400,000000
