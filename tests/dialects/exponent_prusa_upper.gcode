; dialect case: G1 X1E2 is X1 E2 on Prusa firmware
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/strtod.c strtod_noE():111-112
; firmware: prusa
; expect x=1 e=2 warnings=exponent
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1E2
