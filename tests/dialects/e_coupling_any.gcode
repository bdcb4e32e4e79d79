; dialect case: M83, G91, G90, G1 E1 on a file that names no firmware: E unknown
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/gcode.h :343-388; Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodes2.cpp :553-561
; firmware: any
; expect e=unknown unknown=e_mode,filament warnings=e_coupling:apart
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M83
G1 X1 E5
G91
G90
G1 X2 E1
