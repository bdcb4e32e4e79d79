; dialect case: G92 Y-3 then G1 Y-2: logical Y -2 (Klipper's test/klippy/move.gcode)
; source: Klipper3d/klipper 84104bbb klippy/extras/gcode_move.py :181-190; Klipper3d/klipper test/klippy/move.gcode
; firmware: klipper
; expect y=-2 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 Y1
G92 Y-3
G1 Y-2
