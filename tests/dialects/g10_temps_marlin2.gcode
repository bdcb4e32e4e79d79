; dialect case: G10 P0 S200 R150: a retraction on Marlin (with FWRETRACT)
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/gcode/feature/fwretract/G10_G11.cpp GcodeSuite::G10():35
; firmware: marlin2
; expect fw_retracted=yes warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G10 P0 S200 R150
