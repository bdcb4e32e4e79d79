; dialect case: G1 X1e2 is X100 on Prusa firmware, whose strtod takes only a lower-case e
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/strtod.c strtod_noE():111-112
; firmware: prusa
; expect x=100 e=0 warnings=exponent
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1e2
