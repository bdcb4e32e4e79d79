; dialect case: G 1 X10 and T 1 on Prusa firmware (strtol skips blanks)
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/Marlin_main.cpp process_commands():4256-4257; Tcodes.cpp TCodes():24-25
; firmware: prusa
; expect x=10 tool=1 warnings=blank_command
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G 1 X10
T 1
