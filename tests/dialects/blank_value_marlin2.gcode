; dialect case: G1 X -18: a blank between X and its value is X-18 (also Octolapse's test_parsing.py, issue 86)
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp GCodeParser::parse():326
; firmware: marlin2
; expect x=-18 y=95 feed=1000 warnings=blank_value
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X -18 Y95 F1000
