; dialect case: G 1 X10: Klipper's command is "G 1", unknown
; source: Klipper3d/klipper 84104bbb klippy/gcode.py GCodeDispatch._process_commands():215, cmd_default():316
; firmware: klipper
; expect x=0 warnings=blank_command:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G 1 X10
