; dialect case: G1 X - 18: a blank between the sign and the digits
; source: markwal/GPX 28f34600 src/gpx/gpx.c normalize_word():3320-3333 (blanks inside numbers)
; firmware: sailfish
; expect x=-18 warnings=sign_blank
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5
G1 X - 18
