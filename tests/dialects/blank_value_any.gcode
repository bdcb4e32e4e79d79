; dialect case: G1 X -18 on a file that names no firmware: all read X-18
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/parser.cpp:326; Klipper3d/klipper 84104bbb klippy/gcode.py:217
; firmware: any
; expect x=-18 y=95 warnings=blank_value unknown=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X -18 Y95 F1000
