; dialect case: G1 X - 18: a blank between the sign and the digits
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/strtod.c strtod_noE():59-61
; firmware: prusa
; expect x=0 warnings=sign_blank
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5
G1 X - 18
