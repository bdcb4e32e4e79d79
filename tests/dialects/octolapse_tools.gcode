; dialect case: T 1 ; (Octolapse's test_parsing.py reads T1): Marlin 2 selects tool 1
; source: FormerLurker/Octolapse e174a5c0 octoprint_octolapse/test/test_parsing.py; Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp :176
; firmware: marlin2
; expect tool=1 warnings=blank_command
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
T 1 ;
