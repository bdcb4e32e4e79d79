; dialect case: G1 X - 18: a blank between the sign and the digits
; source: Duet3D/RRFLibraries 37d99241 src/General/NumericConverter.cpp NumericConverter::Accumulate(); Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes2.cpp GCodes::HandleGcode():225-232 (a move's exception aborts)
; firmware: rrf
; expect x=5 warnings=sign_blank:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5
G1 X - 18
