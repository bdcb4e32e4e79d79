; dialect case: N10 G1 X10*<wrong>: Marlin never checks it printing from SD
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/queue.cpp :569-612; gcode/parser.cpp :124-130, :139-144
; firmware: marlin2
; expect x=10 warnings=checksum,line_number
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
N10 G1 X10*97
