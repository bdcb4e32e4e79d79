; dialect case: G1 X: a letter without a value in a move
; source: Smoothieware/Smoothieware bb41e992 src/modules/robot/Robot.cpp Robot::process_move():1053-1054
; firmware: smoothie
; expect x=0 warnings=valueless_word
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5
G1 X
