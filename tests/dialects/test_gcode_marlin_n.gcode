; dialect case: N123 G0 X10 Z30: the line number skipped (Marlin's test_gcode.cpp)
; source: MarlinFirmware/Marlin 1a7bfada Marlin/tests/gcode/test_gcode.cpp
; firmware: marlin2
; expect x=10 z=30 warnings=line_number
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
N123 G0 X10 Z30
