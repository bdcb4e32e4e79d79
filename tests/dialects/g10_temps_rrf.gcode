; dialect case: G10 P0 S200 R150: tool temperatures on RRF, no retraction
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes2.cpp GCodes::HandleGcode():293-333
; firmware: rrf
; expect fw_retracted=no warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G10 P0 S200 R150
