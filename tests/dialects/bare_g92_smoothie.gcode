; dialect case: a bare G92
; source: Smoothieware/Smoothieware bb41e992 src/modules/robot/Robot.cpp Robot::on_gcode_received():613-677
; firmware: smoothie
; expect x=5 y=5 z=1 e=0 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G1 X5 Y5 E5
G92
