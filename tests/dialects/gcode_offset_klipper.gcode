; dialect case: SET_GCODE_OFFSET Z_ADJUST=0.1: the logical Z drops by 0.1, the head stays
; source: Klipper3d/klipper 84104bbb klippy/extras/gcode_move.py GCodeMove.cmd_SET_GCODE_OFFSET():208-227
; firmware: klipper
; expect z=0.9 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
SET_GCODE_OFFSET Z_ADJUST=0.1
