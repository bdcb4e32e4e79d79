; dialect case: M486 A3DBenchy.stl, M486 AShape-Box, M862.3 P "XL", M1002 set_gcode_claim_speed_level : 5, M115 U3.11.0, @pause: no syntax errors
; source: PrusaSlicer 2.8 and BambuStudio 1.9 output; prusa3d/Prusa-Firmware 0c9bf5d4 Firmware/Marlin_main.cpp (M862, M115 U)
; firmware: any
; expect x=0 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M486 A3DBenchy.stl
M486 AShape-Box
M862.3 P "XL"
M1002 set_gcode_claim_speed_level : 5
M115 U3.11.0
@pause
M117 Layer 3: 30%
