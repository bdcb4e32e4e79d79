; dialect case: CR CR LF line ends (an IceSL file): each ends one line
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/core/macros.h:295; Klipper3d/klipper 84104bbb klippy/gcode.py :205 (strip)
; firmware: any
; expect x=20 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X10
G1 X20
