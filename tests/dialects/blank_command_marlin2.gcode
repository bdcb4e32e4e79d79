; dialect case: G 1 X10 and T 1: Marlin skips blanks before a command's number
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp GCodeParser::parse():176
; firmware: marlin2
; expect x=10 tool=1 warnings=blank_command
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G 1 X10
T 1
