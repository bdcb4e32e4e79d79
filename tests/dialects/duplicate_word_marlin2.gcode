; dialect case: G1 X10 X20: the first or the last X
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.h GCodeParser::set():129-133
; firmware: marlin2
; expect x=20 warnings=duplicate_word
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X10 X20
