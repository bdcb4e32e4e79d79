; dialect case: G1 X: a letter without a value in a move
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/gcode.cpp GcodeSuite::get_destination_from_command():186 (seenval)
; firmware: marlin2
; expect x=5 warnings=valueless_word
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5
G1 X
