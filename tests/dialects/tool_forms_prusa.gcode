; dialect case: T? Tx Tc: Prusa MMU commands, the tool stays (Octolapse's test_parsing.py reads T? too)
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/Tcodes.cpp TCodes():14-40
; firmware: prusa
; expect tool=0 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
T?
Tx
Tc
