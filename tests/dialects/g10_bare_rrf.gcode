; dialect case: a bare G10 retracts on RRF
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes2.cpp :293-333; src/Tools/Tool.cpp
; firmware: rrf
; expect fw_retracted=yes retracted=1 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G10
