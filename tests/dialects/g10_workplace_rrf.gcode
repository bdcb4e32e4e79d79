; dialect case: G10 L2 P1 X5: a workplace origin on RRF: X unknown
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes2.cpp GCodes::HandleGcode():267-289
; firmware: rrf
; expect x=unknown fw_retracted=no warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G10 L2 P1 X5
