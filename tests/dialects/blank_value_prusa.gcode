; dialect case: G1 X -18: a blank between X and its value is X-18 (also Octolapse's test_parsing.py, issue 86)
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/strtod.c strtod_noE():50-52
; firmware: prusa
; expect x=-18 y=95 feed=1000 warnings=blank_value
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X -18 Y95 F1000
