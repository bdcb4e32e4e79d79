; dialect case: G0 X10 ; Z30: the comment ends the code everywhere (Marlin's test_parse_line.cpp)
; source: MarlinFirmware/Marlin 53ce6927 Marlin/tests/queue/test_parse_line.cpp
; firmware: any
; expect x=10 z=1 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G0 X10 ; Z30
