; dialect case: a bare G92
; source: prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/Marlin_main.cpp gcode_G92():3761-3798
; firmware: prusa
; expect x=5 y=5 z=1 e=5 warnings=bare_g92
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5 Y5 E5
G92
