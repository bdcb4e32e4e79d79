; dialect case: g0x100y200.0z3.0001e1.1f7200.000 (Octolapse's test_parsing.py): Klipper upper-cases the line
; source: Klipper3d/klipper 84104bbb klippy/gcode.py :210; FormerLurker/Octolapse e174a5c0 octoprint_octolapse/test/test_parsing.py
; firmware: klipper
; expect x=100 y=200 z=3.0001 e=1.1 feed=7200 warnings=exponent,lower_case
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
g0x100y200.0z3.0001e1.1f7200.000; Here is a comment
