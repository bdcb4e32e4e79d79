; dialect case: G0 X10 (Y20) Z30: every word read (Marlin's test_parse_line.cpp)
; source: MarlinFirmware/Marlin 53ce6927 Marlin/tests/queue/test_parse_line.cpp
; firmware: marlin2
; expect x=10 y=20 z=30 warnings=parentheses
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G0 X10 (Y20) Z30
