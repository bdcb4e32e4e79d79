; dialect case: G1  Y238.006   F5400,000000 (BambuStudio's locale bug)
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp :356-366 (strtof stops at the comma)
; firmware: marlin2
; expect y=238.006 feed=5400 warnings=decimal_comma
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1  Y238.006   F5400,000000
