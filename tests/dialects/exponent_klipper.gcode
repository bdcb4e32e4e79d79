; dialect case: G1 X1e2 is X1 E2 on Klipper (upper-cased, split at letters)
; source: Klipper3d/klipper 84104bbb klippy/gcode.py GCodeDispatch._process_commands():210
; firmware: klipper
; expect x=1 e=2 warnings=exponent,lower_case
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X1e2
