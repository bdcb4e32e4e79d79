; dialect case: a G1 whose code is longer than 95 bytes: Marlin keeps 95, the Z past them is lost
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/queue.cpp :386-388 (MAX_CMD_SIZE 96)
; firmware: marlin2
; expect x=10 y=10 z=1 warnings=long_line
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X10 Y10                                                                                          Z5
