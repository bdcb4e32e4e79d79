; dialect case: G1 0.200 F10000 (a user's start script, Simplify3D)
; source: Klipper3d/klipper 84104bbb klippy/gcode.py GCodeDispatch._process_commands():215, :283-316
; firmware: klipper
; expect feed=600 warnings=stray_number:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 0.200 F10000
