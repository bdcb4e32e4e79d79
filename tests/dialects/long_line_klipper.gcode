; dialect case: the same line on Klipper, which has no limit: Z5
; source: Klipper3d/klipper 84104bbb klippy/gcode.py (no line limit)
; firmware: klipper
; expect x=10 y=10 z=5 warnings=long_line
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X10 Y10                                                                                          Z5
