; dialect case: N10 G1 X10*<wrong>: RRF checks the checksum in files too and drops the line
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodeBuffer/StringParser.cpp :307-347
; firmware: rrf
; expect x=0 warnings=checksum:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
N10 G1 X10*97
