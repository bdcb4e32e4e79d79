; dialect case: N10 G1 X10*<right>: from SD a line with N is no command on Prusa firmware
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/Marlin_main.cpp process_commands():4254-8971, :9378-9382
; firmware: prusa
; expect x=0 warnings=line_number:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
N10 G1 X10*96
