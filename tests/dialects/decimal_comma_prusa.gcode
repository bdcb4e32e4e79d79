; dialect case: G1  Y238.006   F5400,000000 (BambuStudio's locale bug)
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/strtod.c strtod_noE()
; firmware: prusa
; expect y=238.006 feed=5400 warnings=decimal_comma
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1  Y238.006   F5400,000000
