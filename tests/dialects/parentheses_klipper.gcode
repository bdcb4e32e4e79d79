; dialect case: G0 X10 (Z30): an error on Klipper
; source: Klipper3d/klipper 84104bbb klippy/gcode.py :217; extras/gcode_move.py :158-160
; firmware: klipper
; expect x=0 z=1 warnings=parentheses:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G0 X10 (Z30)
