; dialect case: G0 X10 (Z30): not a comment without PAREN_COMMENTS (Marlin's test_parse_line.cpp expects the line whole)
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/queue.cpp :344-349; MarlinFirmware/Marlin 53ce6927 Marlin/tests/queue/test_parse_line.cpp
; firmware: marlin2
; expect x=10 z=30 warnings=parentheses
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G0 X10 (Z30)
