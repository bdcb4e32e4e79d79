; dialect case: G20 G1 X1 F60: inches on RRF, F too
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes2.cpp :363-367; GCodeBuffer/GCodeBuffer.cpp :965-968
; firmware: rrf
; expect x=25.4 units=inch feed=1524 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G20
G1 X1 F60
