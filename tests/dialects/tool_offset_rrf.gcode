; dialect case: G10 P1 X10 then T1 on RRF: the offset, and X, Y unknown after the tool macros
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes.cpp GCodes::SetOrReportOffsets():3603-3625; GCodes4.cpp GCodes::RunStateMachine():351-475
; firmware: rrf
; expect offset=10,0,0 tool=1 x=unknown z=1 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G10 P1 X10 Y0
T1
