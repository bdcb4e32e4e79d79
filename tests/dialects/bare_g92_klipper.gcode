; dialect case: a bare G92
; source: Klipper3d/klipper 84104bbb klippy/extras/gcode_move.py GCodeMove.cmd_G92():181-190
; firmware: klipper
; expect x=0 y=0 z=0 e=0 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5 Y5 E5
G92
