; dialect case: M208 S0.1 on RRF is an axis limit, not a retraction setting
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes2.cpp (M208: axis limits)
; firmware: rrf
; expect fw_extra=0 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M208 S0.1
