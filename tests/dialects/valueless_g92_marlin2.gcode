; dialect case: G92 E: Marlin 2 sets nothing (seenval)
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/geometry/G92.cpp GcodeSuite::G92()
; firmware: marlin2
; expect e=5 warnings=valueless_word
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1 E5
G92 E
