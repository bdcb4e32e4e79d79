; dialect case: M207 S2 F2400 Z0.4 and M208 S0.1 F1800 on Marlin 2
; source: Marlin 2.1.2.7 (NatanMendes0/Marlin-2.1.2.7 8245dafa) Marlin/src/feature/fwretract.cpp FWRetract::M207():205, FWRetract::M208():230
; firmware: marlin2
; expect fw_length=2 fw_feed=2400 fw_deretract_feed=1800 fw_extra=0.1 fw_lift=0.4 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M207 S2 F2400 Z0.4
M208 S0.1 F1800
