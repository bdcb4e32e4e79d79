; dialect case: G1 X: a letter without a value in a move
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodeBuffer/StringParser.cpp :1924-1931; GCodes2.cpp :225-232
; firmware: rrf
; expect x=5 warnings=valueless_word:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5
G1 X
