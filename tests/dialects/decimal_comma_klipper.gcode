; dialect case: G1  Y238.006   F5400,000000 (BambuStudio's locale bug)
; source: Klipper3d/klipper 84104bbb klippy/extras/gcode_move.py GCodeMove.cmd_G1():158-160; extras/virtual_sdcard.py work_handler():287-295
; firmware: klipper
; expect y=0 feed=600 warnings=decimal_comma:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1  Y238.006   F5400,000000
