; dialect case: M83, G91, G90, G1 E1: what G90 does to E
; source: Klipper3d/klipper 84104bbb klippy/extras/gcode_move.py GCodeMove.cmd_G1():141-151, cmd_G90():175
; firmware: klipper
; expect e=6 e_mode=relative warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M83
G1 X1 E5
G91
G90
G1 X2 E1
