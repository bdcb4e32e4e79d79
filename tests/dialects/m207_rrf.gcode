; dialect case: M207 S1.5 F3000 R0.2 T1200 Z0.3 on RRF
; source: Duet3D/RepRapFirmware 8875b7ec src/Tools/Tool.cpp Tool::SetFirmwareRetraction():896-921
; firmware: rrf
; expect fw_length=1.5 fw_feed=3000 fw_deretract_feed=1200 fw_extra=0.2 fw_lift=0.3 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M207 S1.5 F3000 R0.2 T1200 Z0.3
