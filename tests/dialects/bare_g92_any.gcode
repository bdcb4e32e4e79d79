; dialect case: a bare G92 on a file that names no firmware: every axis unknown
; source: Klipper3d/klipper 84104bbb klippy/extras/gcode_move.py :181-190; Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/geometry/G92.cpp
; firmware: any
; expect x=unknown y=unknown z=unknown e=unknown warnings=bare_g92:apart
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5 Y5 E5
G92
