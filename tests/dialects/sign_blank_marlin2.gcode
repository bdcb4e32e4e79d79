; dialect case: G1 X - 18: a blank between the sign and the digits
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.h valid_float():113-115
; firmware: marlin2
; expect x=5 warnings=sign_blank,valueless_word
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5
G1 X - 18
