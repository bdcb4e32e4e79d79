; dialect case: PRINT_START on Klipper: where the macro leaves the head is its own
; source: Klipper3d/klipper 84104bbb klippy/gcode.py :266-281 (macros)
; firmware: klipper
; expect x=unknown y=unknown z=unknown warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
PRINT_START EXTRUDER=200
