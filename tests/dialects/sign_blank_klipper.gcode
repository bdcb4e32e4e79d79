; dialect case: G1 X - 18: a blank between the sign and the digits
; source: Klipper3d/klipper 84104bbb klippy/extras/gcode_move.py GCodeMove.cmd_G1():158-160
; firmware: klipper
; expect x=5 warnings=sign_blank:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5
G1 X - 18
