; dialect case: G X10: Prusa firmware's strtol gives G0
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/Marlin_main.cpp process_commands():4256
; firmware: prusa
; expect x=10 warnings=no_number
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G X10
