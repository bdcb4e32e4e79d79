; dialect case: G2 with I/J, a helix and a full circle (Klipper's test/klippy/gcode_arcs.test): the ends are the X/Y/Z given
; source: Klipper3d/klipper test/klippy/gcode_arcs.test; Klipper3d/klipper 84104bbb klippy/extras/gcode_arcs.py
; firmware: klipper
; expect x=20 y=20 z=10 e=1 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X20 Y20 Z20
G2 X125 Y32 Z20 E1 I10.5 J10.5
G2 X20 Y20 Z10 E1 I10.5 J10.5
G2 X20 Y20 I0 J10
