; dialect case: M82, G91, G1 E1: what G91 does to E
; source: Klipper3d/klipper 84104bbb klippy/extras/gcode_move.py :141-151
; firmware: klipper
; expect e=6 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1 E5
G91
G1 E1
