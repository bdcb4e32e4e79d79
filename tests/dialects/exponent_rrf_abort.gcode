; dialect case: G1X10Y20E.5: RRF finds no digit after E in Y20E.5, the move aborts the print
; source: Duet3D/RRFLibraries 37d99241 src/General/NumericConverter.cpp (E not followed by a number); Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes2.cpp :225-232
; firmware: rrf
; expect x=0 y=0 warnings=exponent:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1X10Y20E.5
