; dialect case: T1 on Prusa firmware (MMU): the position stays
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/Tcodes.cpp TCodes()
; firmware: prusa
; expect tool=1 x=0 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
T1
