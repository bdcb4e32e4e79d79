; dialect case: G20 on Klipper: an error, still mm
; source: Klipper3d/klipper 84104bbb klippy/extras/gcode_move.py GCodeMove.cmd_G20():163-165
; firmware: klipper
; expect x=1 units=mm warnings=inches
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G20
G1 X1 F60
