; dialect case: G1 X10 X20: the first or the last X
; source: Klipper3d/klipper 84104bbb klippy/gcode.py :217 (a dict)
; firmware: klipper
; expect x=20 warnings=duplicate_word
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X10 X20
