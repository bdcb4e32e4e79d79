; dialect case: G1 X<tab>10: Marlin skips spaces only, the X loses its value
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp GCodeParser::parse():326, :332, :363-366
; firmware: marlin2
; expect x=0 warnings=tab_value,valueless_word
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X	10
