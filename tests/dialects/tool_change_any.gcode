; dialect case: T1 on a file that names no firmware: X and Y unknown (RRF and Klipper run macros)
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes4.cpp :351-475; Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/module/tool_change.cpp :1183
; firmware: any
; expect tool=1 x=unknown y=unknown z=1 warnings=tool_change:apart
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
T1
