; dialect case: G0 X10 (Y20) Z30: Smoothie cuts the line at (
; source: Smoothieware/Smoothieware bb41e992 src/modules/communication/GcodeDispatch.cpp GcodeDispatch::on_console_line_received():128-131
; firmware: smoothie
; expect x=10 y=0 z=1 warnings=parentheses
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G0 X10 (Y20) Z30
