; dialect case: G1 X10 X20: the first or the last X
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/cmdqueue.h:82 (strchr finds the first)
; firmware: prusa
; expect x=10 warnings=duplicate_word
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X10 X20
