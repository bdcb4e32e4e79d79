; dialect case: G1 X<tab>10 is X10 on RRF
; source: Duet3D/RRFLibraries 37d99241 src/General/NumericConverter.cpp NumericConverter::Accumulate() (' ' and '\t')
; firmware: rrf
; expect x=10 warnings=tab_value
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X	10
